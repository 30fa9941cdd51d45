/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

/**
 * The key algorithms Bootgate accepts: the documented set of {@link KeyCodec}. Anything else (RSA, other
 * curves) is refused.
 */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 ({@code secp256r1}, {@code prime256v1}): every LwM2M peer supports it. */
    EC_P256("EC P-256"),
    /** ECDSA on NIST P-384 ({@code secp384r1}). */
    EC_P384("EC P-384"),
    /** EdDSA on Curve25519 (RFC 8410), as Scandium 3.14 speaks it on Java 15 and later. */
    ED25519("Ed25519");

    private final String displayName;

    KeyAlgorithm(String displayName) {
        this.displayName = displayName;
    }

    /** A name for messages, e.g. {@code EC P-256}. */
    public String displayName() {
        return displayName;
    }
}
