/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.scandium.dtls.CertificateIdentityResult;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.SignatureAndHashAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite.CertificateKeyAlgorithm;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.eclipse.californium.scandium.dtls.x509.CertificateConfigurationHelper;
import org.eclipse.californium.scandium.dtls.x509.CertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.ConfigurationHelperSetup;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * A device's single identity whose key pair {@link VerifiedKeyPairs} has already proven. Scandium's
 * {@link SingleCertificateProvider} makes a test signature and verification whenever a connector
 * configuration is built with it, and {@code setVerifyKeyPair(false)} only turns a failure into a warning,
 * not the check off; this provider gives Scandium the same configuration defaults (signature algorithms and
 * curves of the key or chain) without the test signature.
 */
final class PreverifiedIdentityProvider implements CertificateProvider, ConfigurationHelperSetup {

    private final SingleCertificateProvider identity;
    private final PublicKey publicKey;
    private final List<X509Certificate> chain;

    private PreverifiedIdentityProvider(
            SingleCertificateProvider identity, PublicKey publicKey, List<X509Certificate> chain) {
        this.identity = identity;
        this.publicKey = publicKey;
        this.chain = chain;
    }

    /** A Raw Public Key identity. */
    static PreverifiedIdentityProvider rpk(PrivateKey privateKey, PublicKey publicKey) {
        return new PreverifiedIdentityProvider(new SingleCertificateProvider(privateKey, publicKey), publicKey, null);
    }

    /** An X.509 identity. */
    static PreverifiedIdentityProvider x509(PrivateKey privateKey, List<X509Certificate> chain) {
        return new PreverifiedIdentityProvider(
                new SingleCertificateProvider(privateKey, chain.toArray(new X509Certificate[0]), CertificateType.X_509),
                chain.get(0).getPublicKey(),
                List.copyOf(chain));
    }

    @Override
    public void setupConfigurationHelper(CertificateConfigurationHelper helper) {
        if (chain != null) {
            helper.addConfigurationDefaultsFor(chain);
        } else {
            helper.addConfigurationDefaultsFor(publicKey);
        }
    }

    @Override
    public List<CertificateKeyAlgorithm> getSupportedCertificateKeyAlgorithms() {
        return identity.getSupportedCertificateKeyAlgorithms();
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return identity.getSupportedCertificateTypes();
    }

    @Override
    public CertificateIdentityResult requestCertificateIdentity(
            ConnectionId cid,
            boolean client,
            List<X500Principal> issuers,
            ServerNames serverNames,
            List<CertificateKeyAlgorithm> certificateKeyAlgorithms,
            List<SignatureAndHashAlgorithm> signatureAndHashAlgorithms,
            List<SupportedGroup> curves) {
        return identity.requestCertificateIdentity(
                cid, client, issuers, serverNames, certificateKeyAlgorithms, signatureAndHashAlgorithms, curves);
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        identity.setResultHandler(resultHandler);
    }
}
