/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The identity a peer proved in the DTLS handshake, with the address it was seen at.
 * <p>
 * On the Bootstrap interface only public-key identities exist: a Raw Public Key ({@link RpkPeer}) or an
 * X.509 certificate chain ({@link X509Peer}); bootstrap endpoints never produce anything else. Since 1.2 a
 * management-server client endpoint whose operator allows PSK or NoSec can also meet a {@link PskPeer} or a
 * {@link NoSecPeer}; neither has a public key ({@link #hasPublicKey()}).
 */
public sealed interface PeerIdentity permits RpkPeer, X509Peer, PskPeer, NoSecPeer {

    /** The peer's address as of the message this identity came with (it may change with a Connection ID). */
    InetSocketAddress address();

    /**
     * The Server Name Indication of the DTLS session: on a server, the host name the client asked for; on a
     * client, the name it sent. Empty when none was sent.
     */
    Optional<String> serverName();

    /**
     * The public key the peer proved possession of (for X.509, the end-entity certificate's key).
     *
     * @throws UnsupportedOperationException for a {@link PskPeer} or a {@link NoSecPeer}, which only a
     *             management-server client endpoint produces (see {@link #hasPublicKey()})
     */
    PublicKey publicKey();

    /**
     * Whether {@link #publicKey()} is available: always on the Bootstrap interface.
     *
     * @since 1.2
     */
    default boolean hasPublicKey() {
        return true;
    }

    /** A one-line description for logs, e.g. {@code RPK sha256:9f2c… at /127.0.0.1:5684}. */
    String describe();

    /**
     * The SHA-256 fingerprint of a public key's SubjectPublicKeyInfo encoding in lower-case hex, the form
     * used in Bootgate's logs so an operator can compare keys without printing them whole.
     */
    static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (java.security.MessageDigest javadoc).
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
