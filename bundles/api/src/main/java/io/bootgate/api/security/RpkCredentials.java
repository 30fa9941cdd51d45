/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.transport.PeerIdentity;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Raw Public Key credentials (RFC 7250): an EC key pair, normally on P-256 (secp256r1).
 * <p>
 * The key algorithm and curve size are checked by {@link BootstrapSecurityPolicy#checkKey} when an endpoint
 * is created, and that the two halves belong together, so that a wrong key fails with a clear message
 * instead of an opaque handshake failure.
 *
 * @param keyPair the key pair; its private half never appears in {@link #toString()}
 */
public record RpkCredentials(KeyPair keyPair) implements DtlsCredentials {

    public RpkCredentials {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(keyPair.getPublic(), "public key");
        Objects.requireNonNull(keyPair.getPrivate(), "private key");
    }

    @Override
    public SecurityMode securityMode() {
        return SecurityMode.RAW_PUBLIC_KEY;
    }

    @Override
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    @Override
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    @Override
    public String toString() {
        return "RpkCredentials[sha256:" + PeerIdentity.fingerprint(keyPair.getPublic()) + "]";
    }
}
