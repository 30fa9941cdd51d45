/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The DTLS client side of one device's Bootstrap interface: one endpoint talks to one bootstrap server, from
 * its own local port (a DTLS connector keeps one session per peer address, so devices cannot share a port
 * towards the same server).
 * <p>
 * Requests the bootstrap server sends back over the session go to the endpoint's
 * {@link CoapRequestHandler}.
 */
@ProviderType
public interface SecureClientEndpoint extends AutoCloseable {

    /**
     * Performs the DTLS handshake with the server (binding the local socket first if needed). Completes at
     * once when a session is already established. Handshakes are admitted by a bounded, shared queue, so the
     * stage may wait before the handshake starts.
     *
     * @return completes with the server's authenticated identity; fails with a {@link TransportException}
     *         naming the cause ({@code POLICY_VIOLATION}, {@code UNTRUSTED_PEER}, {@code CERTIFICATE_EXPIRED},
     *         {@code SERVER_NAME_MISMATCH}, {@code REJECTED_BY_PEER}, {@code HANDSHAKE_FAILED}, {@code TIMEOUT},
     *         {@code IO_ERROR}, {@code CLOSED})
     */
    CompletionStage<PeerIdentity> connect();

    /**
     * Sends a request to the server, connecting first when there is no session.
     *
     * @return the server's response, or a {@link TransportException}
     */
    CompletionStage<CoapResponse> send(CoapRequest request);

    /** The bound local address; empty before the first {@link #connect()}. */
    Optional<InetSocketAddress> localAddress();

    /** Closes the socket and the session; pending operations fail with {@code CLOSED}. Idempotent. */
    @Override
    void close();
}
