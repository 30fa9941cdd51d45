/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.TransportException;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A DTLS session from the device to its bootstrap server, opened by the engine with the Bootstrap-Server
 * account's credentials and trust ({@link BootstrapContext#openBootstrapServerSession}). The LwM2M client is
 * always the DTLS client, so a client-initiated mode (which then sends its Bootstrap-Request) and a
 * server-initiated mode (which then waits for the server's pushes) reach the server the same way.
 * <p>
 * The engine also closes the session when the attempt ends. Thread safe.
 *
 * @since 2.0
 */
@ProviderType
public interface BootstrapServerSession {

    /** The account the session was opened with. */
    BootstrapServerAccount account();

    /**
     * Starts the DTLS handshake.
     *
     * @return completes with the authenticated server, or exceptionally (typically with a
     *         {@link TransportException}) when the handshake fails
     */
    CompletionStage<PeerIdentity> connect();

    /** Sends a request to the server; a request refused at once gives a failed stage. */
    CompletionStage<CoapResponse> send(CoapRequest request);

    /**
     * Closes the session once the finish linger given at opening has passed, so that the answer to a Finish
     * reaches the server and a retransmitted Finish is answered from the transport's deduplication cache.
     * Closes at most once, however often it is called.
     */
    void close();

    /** A failure as a log line or outcome detail: the transport's reason when it has one, else the error's type. */
    static String describe(Throwable error) {
        return TransportException.find(error)
                .map(e -> e.reason() + ": " + e.getMessage())
                .orElseGet(() -> error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
