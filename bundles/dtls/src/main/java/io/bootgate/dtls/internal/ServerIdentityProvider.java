/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.eclipse.californium.scandium.util.ServerName;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's single identity, refused to clients whose Server Name Indication names a host this server
 * does not answer to: such a client has been misdirected, or is probing, and gets no certificate.
 * A client that sends no SNI is served.
 */
final class ServerIdentityProvider implements CertificateProvider, ConfigurationHelperSetup {

    private static final Logger LOG = LoggerFactory.getLogger(ServerIdentityProvider.class);

    private final EndpointLabel label;
    private final SingleCertificateProvider identity;
    private final Set<String> serverNames;

    /**
     * @param serverNames lower-case host names; empty to serve any SNI
     */
    ServerIdentityProvider(EndpointLabel label, SingleCertificateProvider identity, Set<String> serverNames) {
        this.label = label;
        this.identity = identity;
        this.serverNames = Set.copyOf(serverNames);
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
            ServerNames indicated,
            List<CertificateKeyAlgorithm> certificateKeyAlgorithms,
            List<SignatureAndHashAlgorithm> signatureAndHashAlgorithms,
            List<SupportedGroup> curves) {
        if (!serverNames.isEmpty() && indicated != null) {
            ServerName hostName = indicated.getServerName(ServerName.NameType.HOST_NAME);
            if (hostName != null) {
                String requested = hostName.getNameAsString().toLowerCase(Locale.ROOT);
                if (!serverNames.contains(requested)) {
                    LOG.warn(
                            "{}: handshake refused: the client asked for server name '{}', this server answers to {}",
                            label,
                            requested,
                            serverNames);
                    // An identity result without key: Scandium aborts the handshake with a fatal alert.
                    return new CertificateIdentityResult(cid);
                }
            }
        }
        return identity.requestCertificateIdentity(
                cid, client, issuers, indicated, certificateKeyAlgorithms, signatureAndHashAlgorithms, curves);
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        identity.setResultHandler(resultHandler);
    }

    @Override
    public void setupConfigurationHelper(CertificateConfigurationHelper helper) {
        identity.setupConfigurationHelper(helper);
    }
}
