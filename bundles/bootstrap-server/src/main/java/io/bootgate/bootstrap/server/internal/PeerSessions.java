/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.transport.PeerIdentity;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The DTLS sessions clients hold with the bootstrap server, as the server-initiated bootstrap needs them: the
 * LwM2M client is always the DTLS client, so a push can only go over a session the client established. The
 * DTLS endpoint is the source of truth (its {@link io.bootgate.api.transport.SecureServerEndpoint#peerIdentity}
 * and {@link io.bootgate.api.transport.SecureServerEndpoint#peers}), so a dropped session or an address taken
 * over by another client is never mistaken for the device.
 */
public interface PeerSessions {

    /** The identity of the client holding the established session at an address, if any. */
    Optional<PeerIdentity> peerIdentity(InetSocketAddress address);

    /** The clients holding an established session whose identity matches, most recent handshake first. */
    List<PeerIdentity> peers(Predicate<? super PeerIdentity> filter);
}
