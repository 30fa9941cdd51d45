/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * Values of the Security object's "Certificate Usage" resource (/0/x/15), taken from RFC 6698 (DANE).
 */
public enum CertificateUsage {
    /** The peer's chain must contain the given CA certificate and validate against the trust store. */
    CA_CONSTRAINT(0),
    /** The peer's end-entity certificate must equal the given one and validate against the trust store. */
    SERVICE_CERTIFICATE_CONSTRAINT(1),
    /** The given certificate is the trust anchor for the peer's chain; the trust store is not used. */
    TRUST_ANCHOR_ASSERTION(2),
    /** The peer's end-entity certificate must equal the given one; no chain validation. */
    DOMAIN_ISSUED_CERTIFICATE(3);

    private final int code;

    CertificateUsage(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * @throws IllegalArgumentException for a code outside 0..3
     */
    public static CertificateUsage fromCode(long code) {
        for (CertificateUsage usage : values()) {
            if (usage.code == code) {
                return usage;
            }
        }
        throw new IllegalArgumentException("unknown certificate usage " + code + " (defined: 0..3)");
    }

    /** The specification's default when /0/x/15 is absent. */
    public static CertificateUsage defaultUsage() {
        return DOMAIN_ISSUED_CERTIFICATE;
    }
}
