/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer authenticated by a Raw Public Key (RFC 7250).
 *
 * @param address where the peer was seen
 * @param publicKey the key the peer proved possession of
 * @param serverName the SNI of the session, if any
 */
public record RpkPeer(InetSocketAddress address, PublicKey publicKey, Optional<String> serverName)
        implements PeerIdentity {

    public RpkPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(serverName, "serverName");
    }

    public RpkPeer(InetSocketAddress address, PublicKey publicKey) {
        this(address, publicKey, Optional.empty());
    }

    @Override
    public String describe() {
        return "RPK sha256:" + PeerIdentity.fingerprint(publicKey) + " at " + address;
    }
}
