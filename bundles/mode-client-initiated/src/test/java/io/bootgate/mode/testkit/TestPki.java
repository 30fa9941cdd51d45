/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Key material for the interop tests, made fresh per run so that no key ever lands in the repository:
 * secp256r1 key pairs (the curve LwM2M requires) and a two-level PKI (test CA, server and client certificates).
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    public TestPki() {
        this.caKeys = newKeyPair();
        this.caCertificate = sign(new X500Name("CN=Bootgate Test CA"), caKeys, true, null);
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no secp256r1 key generator", e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A certificate issued by the test CA for a DTLS server on loopback (SAN: localhost, 127.0.0.1). */
    public Credentials server(String commonName) {
        KeyPair keys = newKeyPair();
        return new Credentials(keys, sign(new X500Name("CN=" + commonName), keys, false, commonName));
    }

    /** A client certificate whose CN is the endpoint name, as LwM2M servers check it against {@code ep}. */
    public Credentials client(String endpoint) {
        KeyPair keys = newKeyPair();
        return new Credentials(keys, sign(new X500Name("CN=" + endpoint), keys, false, null));
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, boolean ca, String dnsName) {
        boolean selfSigned = caCertificate == null;
        X500Name issuer = selfSigned
                ? subject
                : new X500Name(caCertificate.getSubjectX500Principal().getName());
        PrivateKey signingKey = selfSigned ? subjectKeys.getPrivate() : caKeys.getPrivate();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))),
                    subject,
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    ca
                            ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                            : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (dnsName != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, dnsName),
                    new GeneralName(
                            GeneralName.iPAddress,
                            InetAddress.getLoopbackAddress().getHostAddress())
                }));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot issue test certificate for " + subject, e);
        }
    }

    /** A key pair with its certificate. */
    public record Credentials(KeyPair keys, X509Certificate certificate) {}
}
