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
 * A management server reached over plain CoAP ({@code coap://}, Security Mode NoSec): nothing is proven,
 * only the address is known. Only management-server client endpoints of a DTLS factory whose configuration
 * allows NoSec produce it; the Bootstrap interface never does.
 *
 * @param address where the peer was seen
 * @since 1.2
 */
public record NoSecPeer(InetSocketAddress address) implements PeerIdentity {

    public NoSecPeer {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public Optional<String> serverName() {
        return Optional.empty();
    }

    /** @throws UnsupportedOperationException always: an unprotected peer has no proven key */
    @Override
    public PublicKey publicKey() {
        throw new UnsupportedOperationException("a NoSec peer has no public key: " + describe());
    }

    @Override
    public boolean hasPublicKey() {
        return false;
    }

    @Override
    public String describe() {
        return "NoSec (unauthenticated) at " + address;
    }
}
