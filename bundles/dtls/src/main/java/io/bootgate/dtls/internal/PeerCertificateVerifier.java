/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.TransportException.Reason;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.util.CertPathUtil;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the peer's Raw Public Key or certificate chain during the handshake, for one endpoint.
 * <p>
 * Raw Public Keys are checked against the endpoint's {@link RpkTrust}; certificate chains with
 * {@link X509PathCheck} and, on a client, against the expected server name (RFC 6125). A refusal fails
 * the handshake with a fatal alert, is logged with the peer and the cause, and reaches the caller as a
 * {@link RefusedPeerException}.
 */
final class PeerCertificateVerifier implements NewAdvancedCertificateVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(PeerCertificateVerifier.class);

    private final EndpointLabel label;
    private final RpkTrust rpkTrust;
    private final X509Trust x509Trust;
    private final String expectedServerName;
    private final List<CertificateType> types;

    /**
     * @param label names this endpoint in log lines
     * @param rpkTrust accepted Raw Public Keys, or {@code null} to refuse RPK peers
     * @param x509Trust accepted certificates, or {@code null} to refuse certificate peers
     * @param expectedServerName on a client, the host name or IP literal the server certificate must name
     *            (usages 0–2); {@code null} on a server
     */
    PeerCertificateVerifier(EndpointLabel label, RpkTrust rpkTrust, X509Trust x509Trust, String expectedServerName) {
        this.label = label;
        this.rpkTrust = rpkTrust;
        this.x509Trust = x509Trust;
        this.expectedServerName = expectedServerName;
        List<CertificateType> supported = new ArrayList<>();
        if (rpkTrust != null) {
            supported.add(CertificateType.RAW_PUBLIC_KEY);
        }
        if (x509Trust != null) {
            supported.add(CertificateType.X_509);
        }
        if (supported.isEmpty()) {
            throw new IllegalArgumentException(label + ": no trust configured");
        }
        this.types = List.copyOf(supported);
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return types;
    }

    @Override
    public CertificateVerificationResult verifyCertificate(
            ConnectionId cid,
            ServerNames serverNames,
            InetSocketAddress remotePeer,
            boolean clientUsage,
            boolean verifySubject,
            boolean truncateCertificatePath,
            CertificateMessage message) {
        String peerRole = clientUsage ? "client" : "server";
        try {
            CertPath path = message.getCertificateChain();
            if (path == null) {
                return new CertificateVerificationResult(
                        cid, verifyRawPublicKey(message.getPublicKey(), peerRole), null);
            }
            verifyChain(path, clientUsage, peerRole);
            return new CertificateVerificationResult(cid, path, null);
        } catch (RefusedPeerException e) {
            LOG.warn("{}: handshake with {} {} refused: {}", label, peerRole, remotePeer, e.getMessage());
            return new CertificateVerificationResult(cid, e, null);
        } catch (RuntimeException e) {
            // A failing trust lookup (application code) must refuse the peer, never accept it.
            LOG.error("{}: verifying {} {} failed", label, peerRole, remotePeer, e);
            return new CertificateVerificationResult(
                    cid,
                    new RefusedPeerException(
                            Reason.UNTRUSTED_PEER, AlertDescription.INTERNAL_ERROR, "trust check failed: " + e, e),
                    null);
        }
    }

    /**
     * Whether the peer identity of an earlier session would pass this verifier now. A session is resumed only if
     * the trust configured today still accepts the peer it was established with: an abbreviated handshake shows
     * no certificate, so an operator who replaced a trusted key or removed a device would otherwise be bypassed.
     *
     * @param identity the principal Scandium recorded for that session
     * @param clientUsage {@code true} on a server checking a client, {@code false} on a client checking a server
     */
    boolean stillTrusts(Principal identity, boolean clientUsage) {
        String peerRole = clientUsage ? "client" : "server";
        try {
            if (identity instanceof RawPublicKeyIdentity rpk) {
                verifyRawPublicKey(rpk.getKey(), peerRole);
                return true;
            }
            if (identity instanceof X509CertPath x509) {
                verifyChain(x509.getPath(), clientUsage, peerRole);
                return true;
            }
            return false;
        } catch (RefusedPeerException | RuntimeException e) {
            LOG.debug("{}: session of the {} not resumed: {}", label, peerRole, e.getMessage());
            return false;
        }
    }

    private PublicKey verifyRawPublicKey(PublicKey key, String peerRole) throws RefusedPeerException {
        if (rpkTrust == null) {
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.UNSUPPORTED_CERTIFICATE,
                    "the " + peerRole + " presented a Raw Public Key; this endpoint accepts certificates only");
        }
        if (key == null || !rpkTrust.trusts(key)) {
            // The trust may know whose key it is or was (e.g. a device whose config was removed): say so.
            String known = key == null
                    ? ""
                    : rpkTrust.describe(key).map(d -> " (" + d + ")").orElse("");
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.BAD_CERTIFICATE,
                    "Raw Public Key " + (key == null ? "(none)" : "sha256:" + PeerIdentity.fingerprint(key)) + known
                            + " of the " + peerRole + " is not trusted");
        }
        return key;
    }

    private void verifyChain(CertPath path, boolean clientUsage, String peerRole) throws RefusedPeerException {
        if (x509Trust == null) {
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.UNSUPPORTED_CERTIFICATE,
                    "the " + peerRole + " presented a certificate; this endpoint accepts Raw Public Keys only");
        }
        List<X509Certificate> chain = CertPathUtil.toX509CertificatesList(path.getCertificates());
        if (chain.isEmpty()) {
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.BAD_CERTIFICATE,
                    "the " + peerRole + " sent no certificate");
        }
        X509Certificate leaf = chain.get(0);
        if (!CertPathUtil.canBeUsedForAuthentication(leaf, clientUsage)) {
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.BAD_CERTIFICATE,
                    "certificate '" + X509PathCheck.subject(leaf) + "' may not authenticate a " + peerRole
                            + " (key usage / extended key usage)");
        }
        X509PathCheck.check(chain, x509Trust);
        if (!clientUsage
                && expectedServerName != null
                && X509PathCheck.checksServerName(x509Trust.usage())
                && !ServerNameMatcher.matches(leaf, expectedServerName)) {
            throw new RefusedPeerException(
                    Reason.SERVER_NAME_MISMATCH,
                    AlertDescription.BAD_CERTIFICATE,
                    "server certificate '" + X509PathCheck.subject(leaf) + "' does not name '" + expectedServerName
                            + "' (RFC 6125: DNS or IP subject alternative names, CN only without DNS names)");
        }
    }

    @Override
    public List<X500Principal> getAcceptedIssuers() {
        if (x509Trust == null) {
            return List.of();
        }
        // Tells a client which CAs the server accepts, so it can pick the right certificate.
        List<X500Principal> issuers = new ArrayList<>();
        for (X509Certificate anchor : x509Trust.anchors()) {
            issuers.add(anchor.getSubjectX500Principal());
        }
        // Usages 0 and 2 name a CA or anchor in the resource; usages 1 and 3 an end-entity certificate.
        Optional<X509Certificate> ca = x509Trust.usage() == CertificateUsage.CA_CONSTRAINT
                        || x509Trust.usage() == CertificateUsage.TRUST_ANCHOR_ASSERTION
                ? x509Trust.certificateResource()
                : Optional.empty();
        ca.map(X509Certificate::getSubjectX500Principal)
                .filter(subject -> !issuers.contains(subject))
                .ifPresent(issuers::add);
        return issuers;
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // Verification completes synchronously: the result is returned, no handler is needed.
    }
}
