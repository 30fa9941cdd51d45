/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.X509Credentials;
import io.bootgate.dtls.KeyMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the tests, made at run time with BouncyCastle: CAs, intermediates, server and client
 * certificates, expired ones. P-256 keys, SHA256withECDSA signatures.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final Duration YEAR = Duration.ofDays(365);

    private TestPki() {}

    /** A certificate and its key. */
    record Issued(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> chain) {
        /** Credentials presenting the whole chain below the root. */
        X509Credentials credentials() {
            return new X509Credentials(keyPair.getPrivate(), chain);
        }
    }

    /** A certificate authority that can issue certificates. */
    static final class Authority {
        final KeyPair keyPair;
        final X509Certificate certificate;
        /** This CA's chain up to, not including, the root. */
        final List<X509Certificate> chainBelowRoot;

        private Authority(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> chainBelowRoot) {
            this.keyPair = keyPair;
            this.certificate = certificate;
            this.chainBelowRoot = chainBelowRoot;
        }

        Authority intermediate(String commonName) {
            KeyPair key = KeyMaterial.generateP256();
            X509Certificate cert = build(
                    this,
                    key,
                    "CN=" + commonName + ",O=Bootgate Test",
                    now(-1),
                    now(1),
                    true,
                    null,
                    List.of(),
                    List.of());
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(chainBelowRoot);
            return new Authority(key, cert, List.copyOf(chain));
        }

        /** A server certificate naming {@code dnsNames} and {@code ips}, CN = first DNS name. */
        Issued server(List<String> dnsNames, List<String> ips) {
            return server(dnsNames, ips, now(-1), now(1));
        }

        Issued server(List<String> dnsNames, List<String> ips, Instant notBefore, Instant notAfter) {
            return leaf(
                    "CN=" + dnsNames.get(0) + ",O=Bootgate Test",
                    KeyPurposeId.id_kp_serverAuth,
                    dnsNames,
                    ips,
                    notBefore,
                    notAfter);
        }

        /** A server certificate whose CN differs from its DNS names. */
        Issued serverWithCommonName(String commonName, List<String> dnsNames) {
            return leaf(
                    "CN=" + commonName + ",O=Bootgate Test",
                    KeyPurposeId.id_kp_serverAuth,
                    dnsNames,
                    List.of(),
                    now(-1),
                    now(1));
        }

        /** A device certificate with its endpoint name as CN. */
        Issued client(String endpointName) {
            return leaf(
                    "CN=" + endpointName + ",O=Bootgate Devices",
                    KeyPurposeId.id_kp_clientAuth,
                    List.of(),
                    List.of(),
                    now(-1),
                    now(1));
        }

        private Issued leaf(
                String subject,
                KeyPurposeId purpose,
                List<String> dnsNames,
                List<String> ips,
                Instant notBefore,
                Instant notAfter) {
            KeyPair key = KeyMaterial.generateP256();
            X509Certificate cert = build(this, key, subject, notBefore, notAfter, false, purpose, dnsNames, ips);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(chainBelowRoot);
            return new Issued(key, cert, List.copyOf(chain));
        }
    }

    static Authority root(String commonName) {
        KeyPair key = KeyMaterial.generateP256();
        X509Certificate cert = build(
                null, key, "CN=" + commonName + ",O=Bootgate Test", now(-1), now(10), true, null, List.of(), List.of());
        return new Authority(key, cert, List.of());
    }

    /** A self-signed end-entity certificate, as pinned with Certificate Usage 3. */
    static Issued selfSignedServer(String dnsName) {
        KeyPair key = KeyMaterial.generateP256();
        X509Certificate cert = build(
                null,
                key,
                "CN=" + dnsName,
                now(-1),
                now(1),
                false,
                KeyPurposeId.id_kp_serverAuth,
                List.of(dnsName),
                List.of("127.0.0.1"));
        return new Issued(key, cert, List.of(cert));
    }

    static Instant now(int years) {
        return Instant.now().plus(YEAR.multipliedBy(years));
    }

    private static X509Certificate build(
            Authority issuer,
            KeyPair subjectKey,
            String subject,
            Instant notBefore,
            Instant notAfter,
            boolean ca,
            KeyPurposeId purpose,
            List<String> dnsNames,
            List<String> ips) {
        try {
            X500Principal subjectName = new X500Principal(subject);
            X500Principal issuerName = issuer == null ? subjectName : issuer.certificate.getSubjectX500Principal();
            KeyPair signer = issuer == null ? subjectKey : issuer.keyPair;
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuerName,
                            BigInteger.valueOf(SERIAL.incrementAndGet()),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            subjectName,
                            subjectKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(subjectKey.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(signer.getPublic()));
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!names.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("test certificate " + subject + " could not be made", e);
        }
    }
}
