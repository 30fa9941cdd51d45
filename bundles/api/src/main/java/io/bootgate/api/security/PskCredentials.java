/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Pre-shared key credentials of a management-server account: the PSK identity (/0/x/3, "Public Key or
 * Identity") and the key (/0/x/5, "Secret Key").
 * <p>
 * Only {@link DtlsEndpointFactory#createManagementClient} accepts them, and only when the DTLS factory's
 * configuration allows PSK ({@value ManagementSecurityPolicy#ALLOW_PSK_PROPERTY}); the Bootstrap interface
 * never does. Both arrays are copied in and out; the key never appears in {@link #toString()}.
 *
 * @since 1.1
 */
public final class PskCredentials {

    private final byte[] identity;
    private final byte[] key;

    /**
     * @param identity the PSK identity as stored in /0/x/3 (normally UTF-8 text); not empty
     * @param key the secret key as stored in /0/x/5; not empty
     */
    public PskCredentials(byte[] identity, byte[] key) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(key, "key");
        if (identity.length == 0) {
            throw new IllegalArgumentException("empty PSK identity (/0/x/3)");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("empty pre-shared key (/0/x/5)");
        }
        this.identity = identity.clone();
        this.key = key.clone();
    }

    /** Credentials with a UTF-8 text identity. */
    public static PskCredentials of(String identity, byte[] key) {
        return new PskCredentials(identity.getBytes(StandardCharsets.UTF_8), key);
    }

    public byte[] identity() {
        return identity.clone();
    }

    /** The identity as UTF-8 text (RFC 4279 §5.1 identities are UTF-8 strings). */
    public String identityText() {
        return new String(identity, StandardCharsets.UTF_8);
    }

    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PskCredentials)) {
            return false;
        }
        PskCredentials that = (PskCredentials) other;
        return Arrays.equals(identity, that.identity) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identity) * 31 + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "PskCredentials[identity '" + identityText() + "', " + key.length + "-byte key]";
    }
}
