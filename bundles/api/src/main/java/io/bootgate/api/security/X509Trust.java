/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.CertificateUsage;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a side validates its peer's X.509 chain, after the LwM2M Security object: a trust store, the
 * Certificate Usage (/0/x/15, RFC 6698 semantics), the certificate given in "Server Public Key" (/0/x/4)
 * and the server name to check and send as SNI.
 * <table>
 * <caption>What each usage requires</caption>
 * <tr><th>usage</th><th>anchors</th><th>certificateResource</th><th>check</th></tr>
 * <tr><td>0 CA constraint</td><td>required</td><td>optional CA certificate</td><td>PKIX validation against
 * the anchors; the given CA must be part of the validated path</td></tr>
 * <tr><td>1 service certificate constraint</td><td>required</td><td>required end-entity certificate</td>
 * <td>the peer's end-entity certificate equals it, and PKIX validation against the anchors</td></tr>
 * <tr><td>2 trust anchor assertion</td><td>ignored</td><td>required anchor certificate</td><td>PKIX
 * validation with the given certificate as the only anchor</td></tr>
 * <tr><td>3 domain-issued certificate</td><td>ignored</td><td>required end-entity certificate</td><td>the
 * peer's end-entity certificate equals it and is within its validity period; no path validation, no name
 * check (RFC 7671 §5.1)</td></tr>
 * </table>
 * For usages 0–2 a client also checks the server's name (RFC 6125): {@code expectedServerName}, or else the
 * host of the server URI; an IP literal is matched against IP address subject alternative names. A server
 * uses this type for client certificates: no name check there, the endpoint name is matched instead.
 *
 * @param anchors the trust store: trust anchor certificates
 * @param usage the Certificate Usage
 * @param certificateResource the certificate of the Security object's "Server Public Key" resource
 * @param expectedServerName the server name to verify and to send as SNI; overrides the URI host
 */
public record X509Trust(
        List<X509Certificate> anchors,
        CertificateUsage usage,
        Optional<X509Certificate> certificateResource,
        Optional<String> expectedServerName) {

    public X509Trust {
        anchors = List.copyOf(anchors);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(certificateResource, "certificateResource");
        Objects.requireNonNull(expectedServerName, "expectedServerName");
        expectedServerName = expectedServerName.map(name -> name.toLowerCase(Locale.ROOT));
        switch (usage) {
            case CA_CONSTRAINT:
                requireAnchors(anchors, usage);
                break;
            case SERVICE_CERTIFICATE_CONSTRAINT:
                requireAnchors(anchors, usage);
                requireResource(certificateResource, usage);
                break;
            case TRUST_ANCHOR_ASSERTION:
            case DOMAIN_ISSUED_CERTIFICATE:
                requireResource(certificateResource, usage);
                break;
            default:
                throw new IllegalArgumentException("unknown certificate usage " + usage);
        }
        expectedServerName.ifPresent(name -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("expected server name must not be blank");
            }
        });
    }

    /** Usage 0 without a CA constraint: plain PKIX validation against the anchors. */
    public static X509Trust pkix(List<X509Certificate> anchors) {
        return new X509Trust(anchors, CertificateUsage.CA_CONSTRAINT, Optional.empty(), Optional.empty());
    }

    /** Usage 0: PKIX validation against the anchors, and {@code ca} must be in the validated path. */
    public static X509Trust caConstraint(List<X509Certificate> anchors, X509Certificate ca) {
        return new X509Trust(anchors, CertificateUsage.CA_CONSTRAINT, Optional.of(ca), Optional.empty());
    }

    /** Usage 1: the peer's certificate must be {@code certificate} and validate against the anchors. */
    public static X509Trust serviceCertificateConstraint(List<X509Certificate> anchors, X509Certificate certificate) {
        return new X509Trust(
                anchors, CertificateUsage.SERVICE_CERTIFICATE_CONSTRAINT, Optional.of(certificate), Optional.empty());
    }

    /** Usage 2: {@code anchor} is the only trust anchor for the peer's chain. */
    public static X509Trust trustAnchorAssertion(X509Certificate anchor) {
        return new X509Trust(List.of(), CertificateUsage.TRUST_ANCHOR_ASSERTION, Optional.of(anchor), Optional.empty());
    }

    /** Usage 3: the peer's certificate must be exactly {@code certificate}. */
    public static X509Trust domainIssuedCertificate(X509Certificate certificate) {
        return new X509Trust(
                List.of(), CertificateUsage.DOMAIN_ISSUED_CERTIFICATE, Optional.of(certificate), Optional.empty());
    }

    /** The same trust with a server name to check and send as SNI. */
    public X509Trust withServerName(String serverName) {
        return new X509Trust(anchors, usage, certificateResource, Optional.of(serverName));
    }

    private static void requireAnchors(List<X509Certificate> anchors, CertificateUsage usage) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("certificate usage " + usage.code() + " (" + usage
                    + ") validates against a trust store: give at least one trust anchor");
        }
    }

    private static void requireResource(Optional<X509Certificate> resource, CertificateUsage usage) {
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("certificate usage " + usage.code() + " (" + usage
                    + ") needs the certificate of the Server Public Key resource");
        }
    }
}
