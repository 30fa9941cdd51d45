/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its public key and, for X.509 credentials, its certificate chain (end entity first;
 * empty for Raw Public Key credentials). {@link #toString()} never shows the private key.
 */
public record KeyPairAndChain(KeyPair keyPair, List<X509Certificate> chain) {

    public KeyPairAndChain {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(keyPair.getPrivate(), "keyPair.private");
        Objects.requireNonNull(keyPair.getPublic(), "keyPair.public");
        chain = List.copyOf(chain);
    }

    /** Raw Public Key credentials: no chain. */
    public static KeyPairAndChain of(KeyPair keyPair) {
        return new KeyPairAndChain(keyPair, List.of());
    }

    @Override
    public String toString() {
        return "KeyPairAndChain[" + keyPair.getPublic().getAlgorithm() + ", chain of " + chain.size() + "]";
    }
}
