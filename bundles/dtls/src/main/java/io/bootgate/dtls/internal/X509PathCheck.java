/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.TransportException.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;

/**
 * Validates a peer's certificate chain according to an {@link X509Trust}: the four Certificate Usages of
 * the LwM2M Security object (RFC 6698 semantics), PKIX path validation by the JDK.
 * <p>
 * Revocation is not checked: gateways run without reliable access to CRL or OCSP responders, and an
 * unreachable responder must not stop bootstrapping. Trust is withdrawn by changing the trust store.
 */
final class X509PathCheck {

    private X509PathCheck() {}

    /**
     * @param chain the peer's chain, end-entity certificate first
     * @throws RefusedPeerException with {@code UNTRUSTED_PEER} or {@code CERTIFICATE_EXPIRED}
     */
    static void check(List<X509Certificate> chain, X509Trust trust) throws RefusedPeerException {
        X509Certificate leaf = chain.get(0);
        CertificateUsage usage = trust.usage();
        switch (usage) {
            case CA_CONSTRAINT: {
                X509Certificate anchor = pkix(chain, trust.anchors());
                if (trust.certificateResource().isPresent()) {
                    X509Certificate ca = trust.certificateResource().get();
                    boolean inPath =
                            ca.equals(anchor) || chain.subList(1, chain.size()).contains(ca);
                    if (!inPath) {
                        throw untrusted("certificate usage 0 (CA constraint): CA '" + subject(ca)
                                + "' is not in the certificate path of '" + subject(leaf) + "'");
                    }
                }
                return;
            }
            case SERVICE_CERTIFICATE_CONSTRAINT:
                requireSame(leaf, trust.certificateResource().orElseThrow(), usage);
                pkix(chain, trust.anchors());
                return;
            case TRUST_ANCHOR_ASSERTION:
                pkix(chain, List.of(trust.certificateResource().orElseThrow()));
                return;
            case DOMAIN_ISSUED_CERTIFICATE:
                requireSame(leaf, trust.certificateResource().orElseThrow(), usage);
                // RFC 7671 would ignore the validity period here; Bootgate does not accept expired keys.
                checkValidity(leaf);
                return;
            default:
                throw untrusted("unknown certificate usage " + usage);
        }
    }

    /** Whether the usage checks the server name (usages 0 to 2; usage 3 pins the certificate itself). */
    static boolean checksServerName(CertificateUsage usage) {
        return usage != CertificateUsage.DOMAIN_ISSUED_CERTIFICATE;
    }

    /**
     * PKIX validation against the anchors.
     *
     * @return the trust anchor certificate the chain validated to
     */
    private static X509Certificate pkix(List<X509Certificate> chain, List<X509Certificate> anchors)
            throws RefusedPeerException {
        // A chain may carry its root, or be just a trusted certificate: PKIX wants the path below the anchor.
        Set<X509Certificate> anchorSet = new HashSet<>(anchors);
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (anchorSet.contains(certificate)) {
                if (path.isEmpty()) {
                    checkValidity(certificate);
                    return certificate;
                }
                break;
            }
            path.add(certificate);
        }
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        for (X509Certificate anchor : anchors) {
            trustAnchors.add(new TrustAnchor(anchor, null));
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            parameters.setRevocationEnabled(false);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult)
                    CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            int index = e.getIndex();
            X509Certificate failed = index >= 0 && index < path.size() ? path.get(index) : path.get(0);
            if (e.getReason() == BasicReason.EXPIRED
                    || e.getReason() == BasicReason.NOT_YET_VALID
                    || e.getCause() instanceof CertificateExpiredException
                    || e.getCause() instanceof CertificateNotYetValidException) {
                throw expired(failed, e);
            }
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.BAD_CERTIFICATE,
                    "certificate '" + subject(failed) + "' (issuer '"
                            + failed.getIssuerX500Principal().getName()
                            + "') does not validate against the trust anchors: " + e.getMessage(),
                    e);
        } catch (GeneralSecurityException e) {
            throw new RefusedPeerException(
                    Reason.UNTRUSTED_PEER,
                    AlertDescription.BAD_CERTIFICATE,
                    "certificate path of '" + subject(chain.get(0)) + "' cannot be validated: " + e.getMessage(),
                    e);
        }
    }

    private static void requireSame(X509Certificate leaf, X509Certificate expected, CertificateUsage usage)
            throws RefusedPeerException {
        if (!leaf.equals(expected)) {
            throw untrusted("certificate usage " + usage.code() + " (" + usage + "): the peer's certificate '"
                    + subject(leaf) + "' is not the configured certificate '" + subject(expected) + "'");
        }
    }

    private static void checkValidity(X509Certificate certificate) throws RefusedPeerException {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw expired(certificate, e);
        }
    }

    private static RefusedPeerException expired(X509Certificate certificate, Exception cause) {
        return new RefusedPeerException(
                Reason.CERTIFICATE_EXPIRED,
                AlertDescription.CERTIFICATE_EXPIRED,
                "certificate '" + subject(certificate) + "' is outside its validity period "
                        + certificate.getNotBefore().toInstant() + " .. "
                        + certificate.getNotAfter().toInstant(),
                cause);
    }

    private static RefusedPeerException untrusted(String message) {
        return new RefusedPeerException(Reason.UNTRUSTED_PEER, AlertDescription.BAD_CERTIFICATE, message);
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
