/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.server.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.BootstrapTimer.TimerHandle;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LwM2M 1.0 server-initiated bootstrap of one device. The LwM2M client is always the DTLS client
 * (Transport spec), so the device connects: it completes a DTLS handshake with its configured bootstrap server
 * (from its Bootstrap-Server account, else its mode properties, read as the client-initiated mode reads them)
 * and sends no Bootstrap-Request; then, during the window, it serves the Bootstrap-Write / Delete / Discover /
 * Read / Finish the server pushes over that session through the engine's Bootstrap interface.
 * <p>
 * <b>Only the configured bootstrap server.</b> The handshake already refuses a server whose key or certificate
 * the account does not trust. Each pushed request is checked again against the account (its Server Public
 * Key, or its pinned certificate / server name in Certificate mode): one from any other identity gets 4.01 and
 * a log line naming the device and the identity, never reaching the device's store.
 * <p>
 * <b>The window.</b> The bootstrap server must start pushing within the Client Hold Off Time of the
 * Bootstrap-Server account (/0/x/11; else the {@value #WINDOW_PROPERTY} property or the configured default),
 * counted from the start of the attempt. When it elapses without any push the attempt fails. A session that
 * started inside the window runs to its Finish under the engine's EXCHANGE_LIFETIME rule, so that a slow but
 * legitimate bootstrap is not cut off half-way.
 */
final class ServerInitiatedAttempt {

    /** Mode property: the window in seconds, overriding the Client Hold Off Time. */
    static final String WINDOW_PROPERTY = ModeProperties.SERVER_INITIATED_WINDOW_SECONDS;
    /**
     * Former mode property: the device listened as a DTLS server, which no LwM2M bootstrap server can talk to.
     * Still recognised, so that a device configured for it gets a warning instead of silent indifference.
     */
    static final String OBSOLETE_LISTEN_PROPERTY = ModeProperties.SERVER_INITIATED_OBSOLETE_LISTEN_ADDRESS;

    private static final Logger LOG = LoggerFactory.getLogger(ServerInitiatedAttempt.class);

    private final BootstrapContext context;
    private final Duration defaultWindow;
    private final Duration handshakeTimeout;
    private final String device;
    private final BootstrapServerConnection connection;
    private final AtomicBoolean pushed = new AtomicBoolean();
    private volatile BootstrapServerAccount account;
    private volatile TimerHandle windowTimer;

    ServerInitiatedAttempt(
            BootstrapContext context, Duration defaultWindow, Duration handshakeTimeout, Duration finishLinger) {
        this.context = context;
        this.defaultWindow = defaultWindow;
        this.handshakeTimeout = handshakeTimeout;
        this.device = context.endpoint();
        this.connection = new BootstrapServerConnection(context, finishLinger, LOG);
    }

    CompletionStage<BootstrapOutcome> start() {
        Optional<BootstrapServerAccount> resolved;
        try {
            resolved = connection.resolveAccount();
        } catch (InvalidBootstrapAccountException e) {
            return connection.refuse(e);
        }
        if (resolved.isEmpty()) {
            String reason = "device " + device + " has no Bootstrap-Server account and no " + ModeProperties.SERVER_URI
                    + " mode property: it knows no bootstrap server to connect to";
            LOG.info("{}", reason);
            return CompletableFuture.completedFuture(BootstrapOutcome.notApplicable(reason));
        }
        account = resolved.get();
        context.property(OBSOLETE_LISTEN_PROPERTY)
                .ifPresent(value -> LOG.warn(
                        "device {}: mode property {}={} is"
                                + " ignored: the device connects to its bootstrap server {} as DTLS client and waits for its pushes",
                        device,
                        OBSOLETE_LISTEN_PROPERTY,
                        value,
                        account.uri()));
        Duration window;
        try {
            window = window();
        } catch (IllegalArgumentException e) {
            return connection.fail("device " + device + ": " + e.getMessage(), null);
        }
        if (!connection.openSession(endpoint -> endpoint.handler(this::gate)
                // The handshake is part of the window: it must not outlast it.
                .handshakeTimeout(window.compareTo(handshakeTimeout) < 0 ? window : handshakeTimeout))) {
            return connection.outcome();
        }
        context.finished().whenCompleteAsync(this::onFinished, context.timer());
        context.closed().whenComplete((done, error) -> onClosed());
        connection.outcome().whenComplete((result, error) -> {
            TimerHandle timer = windowTimer;
            if (timer != null) {
                timer.cancel();
            }
            connection.closeSession();
        });
        try {
            windowTimer = context.timer().schedule(() -> windowElapsed(window), window);
        } catch (RejectedExecutionException e) {
            return connection.fail("device " + device + ": the engine's scheduler refused the window timer", null);
        }
        LOG.info(
                "device {}: server-initiated bootstrap: connecting to bootstrap server {} ({}, account {}), then"
                        + " waiting up to {} s for its pushes",
                device,
                account.uri(),
                account.describeServer(),
                account.source(),
                window.toSeconds());
        connection.connect(this::onConnected);
        return connection.outcome();
    }

    private void onConnected(PeerIdentity server) {
        if (!account.isServer(server)) {
            // The handshake's trust comes from the same account; a disagreement means the trust is wider than
            // the account (e.g. a CA), and this peer is not the server the account names.
            connection.fail(
                    "device " + device + ": the DTLS peer at " + account.uri() + " is " + server.describe()
                            + ", not the device's bootstrap server (" + account.describeServer() + ")",
                    null);
            return;
        }
        LOG.info("device {}: DTLS session with bootstrap server {}; waiting for its pushes", device, server.describe());
    }

    private CompletionStage<CoapResponse> gate(PeerIdentity peer, CoapRequest request) {
        if (!account.isServer(peer)) {
            LOG.warn(
                    "device {}: refused {} from {}: not the device's bootstrap server ({})",
                    device,
                    request,
                    peer.describe(),
                    account.describeServer());
            return CompletableFuture.completedFuture(
                    CoapResponse.error(ResponseCode.UNAUTHORIZED, "not the bootstrap server of this device"));
        }
        if (connection.isDone() && !pushed.get()) {
            // The window elapsed without a push: the attempt is over, a late server gets what the engine says.
            LOG.info(
                    "device {}: {} from bootstrap server {} after the window closed", device, request, peer.describe());
        }
        if (pushed.compareAndSet(false, true)) {
            LOG.info("device {}: bootstrap server {} started pushing ({})", device, peer.describe(), request);
        }
        return context.bootstrapInterface().handle(peer, request);
    }

    private void windowElapsed(Duration window) {
        if (!pushed.get()
                && connection.complete(BootstrapOutcome.failure("device " + device
                        + ": no push from bootstrap server " + account.uri() + " within the " + window.toSeconds()
                        + " s window"))) {
            LOG.warn(
                    "device {}: no push from bootstrap server {} within the {} s window",
                    device,
                    account.uri(),
                    window.toSeconds());
        }
    }

    private void onFinished(FinishResult finish, Throwable error) {
        if (error != null) {
            // The engine ends the Finish stage exceptionally when it ends the attempt (e.g. EXCHANGE_LIFETIME).
            if (connection.complete(BootstrapOutcome.failure(
                    "device " + device + ": no pushed Finish from " + account.uri() + ": " + error.getMessage()))) {
                LOG.warn("device {}: no pushed Finish from {}: {}", device, account.uri(), error.getMessage());
            }
        } else if (finish.isSuccess()) {
            if (connection.complete(BootstrapOutcome.success())) {
                LOG.info("device {}: bootstrapped by pushes from {}", device, account.uri());
            }
        } else if (connection.complete(BootstrapOutcome.failure(finish))) {
            LOG.warn("device {}: pushed Bootstrap-Finish answered {}: {}", device, finish.code(), finish.reasons());
        }
    }

    private void onClosed() {
        if (connection.complete(BootstrapOutcome.failure("device " + device + ": the attempt ended before the bootstrap"
                + " server " + account.uri() + " finished (EXCHANGE_LIFETIME, device removed or engine stopped)"))) {
            LOG.warn("device {}: attempt ended by the engine before a pushed Finish", device);
        }
        connection.closeSession();
    }

    private Duration window() {
        Optional<String> property = context.property(WINDOW_PROPERTY);
        if (property.isPresent()) {
            try {
                long seconds = Long.parseLong(property.get().strip());
                if (seconds <= 0) {
                    throw new IllegalArgumentException("mode property " + WINDOW_PROPERTY + " must be positive");
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "mode property " + WINDOW_PROPERTY + "='" + property.get() + "' is not a number of seconds", e);
            }
        }
        return account.clientHoldOffTime().filter(d -> !d.isZero()).orElse(defaultWindow);
    }
}
