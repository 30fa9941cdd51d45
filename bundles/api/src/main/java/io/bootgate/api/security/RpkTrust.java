/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Which Raw Public Keys a side accepts from its peer. A server's set usually changes while it runs (devices
 * are added and removed), so this is a live predicate, asked during every handshake; a key it does not
 * trust fails the handshake.
 * <p>
 * Implementations are called on shared transport threads: they must be thread-safe and fast (no I/O).
 */
@ConsumerType
@FunctionalInterface
public interface RpkTrust {

    /** Whether a peer presenting this key may complete the handshake. */
    boolean trusts(PublicKey peerKey);

    /**
     * What this trust knows about a key, for the log line of a refused handshake, so that an operator learns
     * more than a fingerprint: e.g. {@code "the key of endpoint urn:dev:x until its bootstrap config was
     * removed"}. Called only on refusals; same threading rules as {@link #trusts}.
     *
     * @return a phrase naming the endpoint or file the key belongs or belonged to; empty when nothing is known
     */
    default Optional<String> describe(PublicKey peerKey) {
        return Optional.empty();
    }

    /** A fixed set of keys, compared by their SubjectPublicKeyInfo encoding. */
    static RpkTrust of(Collection<? extends PublicKey> keys) {
        Set<ByteBuffer> encoded = keys.stream()
                .map(key -> ByteBuffer.wrap(Objects.requireNonNull(key, "key").getEncoded()))
                .collect(Collectors.toUnmodifiableSet());
        return peerKey -> peerKey != null && encoded.contains(ByteBuffer.wrap(peerKey.getEncoded()));
    }

    static RpkTrust of(PublicKey... keys) {
        return of(List.of(keys));
    }

    /**
     * Whether two keys are the same key, whatever provider created them: compares the SubjectPublicKeyInfo
     * encodings, as {@code equals} across providers does not.
     */
    static boolean sameKey(PublicKey a, PublicKey b) {
        return a != null && b != null && Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
