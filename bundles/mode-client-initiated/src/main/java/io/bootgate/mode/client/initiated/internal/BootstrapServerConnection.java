/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.BootstrapServerSession;
import io.bootgate.api.bootstrap.BootstrapServerSessionException;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.TransportException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * One attempt's session with the device's bootstrap server and the attempt's outcome. The engine resolves the
 * account and opens the DTLS session ({@link BootstrapContext#bootstrapServerAccount()},
 * {@link BootstrapContext#openBootstrapServerSession}); this class decides the outcome exactly once and logs
 * why an attempt failed through the mode's logger, so that an operator's log configuration for the mode keeps
 * covering everything its attempts say.
 * <p>
 * Setup ({@link #resolveAccount()}, {@link #openSession}, {@link #connect}) runs on one thread in that order;
 * completion and closing may then happen from any thread.
 */
final class BootstrapServerConnection {

    private static final String POLICY_REFUSAL = "refused by the Bootstrap-interface security policy: ";

    private final BootstrapContext context;
    private final Duration finishLinger;
    private final Logger log;
    private final String device;
    private final CompletableFuture<BootstrapOutcome> outcome = new CompletableFuture<>();
    private volatile BootstrapServerAccount account;
    private volatile BootstrapServerSession session;

    BootstrapServerConnection(BootstrapContext context, Duration finishLinger, Logger log) {
        this.context = Objects.requireNonNull(context, "context");
        this.finishLinger = Objects.requireNonNull(finishLinger, "finishLinger");
        this.log = Objects.requireNonNull(log, "log");
        this.device = context.endpoint();
    }

    /**
     * The device's Bootstrap-Server account, as the engine resolves it.
     *
     * @return the account, or empty when the device has none (the mode does not apply)
     * @throws InvalidBootstrapAccountException when the account is unusable; {@link #refuse} turns it into the
     *             attempt's failure
     */
    Optional<BootstrapServerAccount> resolveAccount() throws InvalidBootstrapAccountException {
        Optional<BootstrapServerAccount> resolved = context.bootstrapServerAccount();
        resolved.ifPresent(found -> account = found);
        return resolved;
    }

    /** Fails the attempt because its account was refused, saying so when the security policy refused it. */
    CompletionStage<BootstrapOutcome> refuse(InvalidBootstrapAccountException e) {
        return fail((e.isPolicyViolation() ? POLICY_REFUSAL : "") + e.getMessage(), null);
    }

    /**
     * Opens the session to the account's server.
     *
     * @param settings the mode's own endpoint settings (request handler, timeouts)
     * @return whether the session was opened; when not, the attempt has failed, saying why
     */
    boolean openSession(UnaryOperator<ClientEndpointConfig.Builder> settings) {
        try {
            session = context.openBootstrapServerSession(account, settings, finishLinger);
            return true;
        } catch (BootstrapServerSessionException e) {
            fail(e.getMessage(), e.getCause());
            return false;
        }
    }

    /**
     * Starts the DTLS handshake. A failed handshake fails the attempt; a session goes to {@code onSession}. Both
     * run on the engine's timer, never on the transport's threads.
     */
    void connect(Consumer<PeerIdentity> onSession) {
        session.connect()
                .whenCompleteAsync(
                        (server, error) -> {
                            if (error != null) {
                                failHandshake(error);
                            } else {
                                onSession.accept(server);
                            }
                        },
                        context.timer());
    }

    /** Fails the attempt because the DTLS handshake with the server failed. */
    void failHandshake(Throwable error) {
        fail(
                "device " + device + ": DTLS handshake with bootstrap server " + account.uri() + " failed: "
                        + BootstrapServerSession.describe(error),
                error);
    }

    /** Sends a request to the server; without a session, the request starts the DTLS handshake. */
    CompletionStage<CoapResponse> send(CoapRequest request) {
        return session.send(request);
    }

    /** The attempt's outcome, completed once by {@link #complete}, {@link #fail} or {@link #refuse}. */
    CompletionStage<BootstrapOutcome> outcome() {
        return outcome;
    }

    /** Whether the attempt already has its outcome. */
    boolean isDone() {
        return outcome.isDone();
    }

    /**
     * Ends the attempt with {@code result}, unless it already ended.
     *
     * @return whether this call ended it (so that only the deciding call logs)
     */
    boolean complete(BootstrapOutcome result) {
        return outcome.complete(result);
    }

    /**
     * Ends the attempt as a failure, unless it already ended, and logs {@code cause} as a warning. A transport
     * error is part of the cause's text, so only other errors are attached to the outcome.
     */
    CompletionStage<BootstrapOutcome> fail(String cause, Throwable error) {
        BootstrapOutcome failure =
                error == null || TransportException.find(error).isPresent()
                        ? BootstrapOutcome.failure(cause)
                        : BootstrapOutcome.failure(cause, error);
        if (outcome.complete(failure)) {
            log.warn("{}", cause);
        }
        return outcome;
    }

    /** Closes the session after the finish linger; at most once, and not before it was opened. */
    void closeSession() {
        BootstrapServerSession current = session;
        if (current != null) {
            current.close();
        }
    }
}
