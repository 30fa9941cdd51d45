/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A DTLS server endpoint of the Bootstrap interface: it accepts handshakes from LwM2M clients (which are
 * always the DTLS clients), hands their requests to its {@link CoapRequestHandler}, and sends requests back
 * to a client over that client's established session.
 */
@ProviderType
public interface SecureServerEndpoint extends AutoCloseable {

    /**
     * Binds the socket and starts accepting handshakes. Calling it again on a started endpoint does nothing.
     *
     * @throws TransportException {@link TransportException.Reason#IO_ERROR} when the address cannot be bound,
     *             {@link TransportException.Reason#CLOSED} after {@link #close()}
     */
    void start() throws TransportException;

    /**
     * The bound address (with the actual port when port 0 was configured).
     *
     * @throws IllegalStateException before {@link #start()}
     */
    InetSocketAddress localAddress();

    /**
     * Sends a request to a client over its established DTLS session (Bootstrap-Write, -Delete, -Discover,
     * -Read, -Finish). A server never starts a handshake: without a session the stage fails.
     *
     * @param peer the client's address, as seen in {@link PeerIdentity#address()}
     * @return the client's response; fails with {@link TransportException} ({@code CLOSED} when there is no
     *         session, {@code TIMEOUT} when no response arrives in the configured time)
     */
    CompletionStage<CoapResponse> send(InetSocketAddress peer, CoapRequest request);

    /**
     * The identity the client holding the established DTLS session at an address proved in its handshake. A
     * client that only completed a handshake (no request yet, as in a LwM2M 1.0 server-initiated bootstrap)
     * is found as well; this, not an identity remembered from an earlier request, is what a
     * {@link #send(InetSocketAddress, CoapRequest)} to that address reaches.
     *
     * @param peer the client's address
     * @return empty when no session is established at that address (none, still in its handshake, dropped,
     *         or the endpoint is not started or closed)
     * @since 1.1
     */
    Optional<PeerIdentity> peerIdentity(InetSocketAddress peer);

    /**
     * The clients holding an established DTLS session whose identity {@code filter} accepts, the most recent
     * handshake first; lets an operator reach a device by its identity without knowing its address. Visits
     * every session, so it is meant for operator actions, not for each request; it may block briefly while
     * the transport's per-session executors visit the sessions.
     *
     * @return empty when none matches or the endpoint is not started or closed
     * @since 1.1
     */
    List<PeerIdentity> peers(Predicate<? super PeerIdentity> filter);

    /** Stops accepting and drops all sessions; pending sends fail with {@code CLOSED}. Idempotent. */
    @Override
    void close();
}
