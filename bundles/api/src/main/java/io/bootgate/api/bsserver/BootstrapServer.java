/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running bootstrap server, as an operator sees it.
 */
@ProviderType
public interface BootstrapServer {

    /** The address the DTLS endpoint is bound to. */
    InetSocketAddress localAddress();

    /**
     * The server's public key: its Raw Public Key, or the key of its end-entity certificate. Devices (and the
     * operator writing their bootstrap-server accounts) must trust it.
     *
     * @since 1.2
     */
    PublicKey publicKey();

    /**
     * Server-initiated bootstrap (LwM2M 1.0 style): pushes the endpoint's configuration (Delete, Write, Finish)
     * to the client at {@code clientAddress} without waiting for a Bootstrap-Request. The LwM2M client is always
     * the DTLS client, so the client must hold an established DTLS session with this server (a completed
     * handshake is enough: the server-initiated mode of a device connects and waits for the push). The
     * identity of that session is checked against the endpoint's configuration before anything is written.
     * Cancels a running session of the same endpoint.
     *
     * @return completes with the session's end; fails with {@link IllegalArgumentException} when the endpoint
     *         has no configuration or the identity at that address is not the endpoint's, and with
     *         {@link IllegalStateException} when there is no session at that address
     */
    CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint, InetSocketAddress clientAddress);

    /**
     * Server-initiated bootstrap of the most recent DTLS client authenticated as {@code endpoint} (by the key or
     * certificate its configuration names), so that an operator needs no address: otherwise as
     * {@link #bootstrap(String, InetSocketAddress)}.
     *
     * @return completes with the session's end; fails with {@link IllegalArgumentException} when the endpoint
     *         has no configuration, and with {@link IllegalStateException} when no client holds a DTLS session
     *         with the endpoint's identity
     * @since 1.1
     */
    CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint);

    /** The endpoints that have a session in progress. */
    Set<String> activeSessions();

    /**
     * Cancels an endpoint's session, if one is running; the client gets no Finish and rolls back.
     *
     * @return whether a session was cancelled
     */
    boolean cancel(String endpoint);
}
