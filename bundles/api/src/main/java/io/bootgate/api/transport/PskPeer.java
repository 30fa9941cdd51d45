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
 * A management server reached over DTLS with a pre-shared key: the session proves that the server knows the
 * key of the PSK identity this side offered. Only management-server client endpoints of a DTLS factory whose
 * configuration allows PSK produce it; the Bootstrap interface never does.
 *
 * @param address where the peer was seen
 * @param pskIdentity the PSK identity of the session (the device's /0/x/3, as text)
 * @param serverName the SNI of the session, if any
 * @since 1.2
 */
public record PskPeer(InetSocketAddress address, String pskIdentity, Optional<String> serverName)
        implements PeerIdentity {

    public PskPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(pskIdentity, "pskIdentity");
        Objects.requireNonNull(serverName, "serverName");
    }

    /** @throws UnsupportedOperationException always: a PSK session carries no public key */
    @Override
    public PublicKey publicKey() {
        throw new UnsupportedOperationException("a PSK peer has no public key: " + describe());
    }

    @Override
    public boolean hasPublicKey() {
        return false;
    }

    @Override
    public String describe() {
        return "PSK identity '" + pskIdentity + "' at " + address;
    }
}
