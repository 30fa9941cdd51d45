/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.AttemptTree;
import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.BootstrapServerSession;
import io.bootgate.api.bootstrap.BootstrapServerSessionException;
import io.bootgate.api.bootstrap.BootstrapTimer;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.engine.internal.account.DeviceBootstrapServerAccount;
import io.bootgate.engine.internal.account.DtlsBootstrapServerSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one mode on one device: the {@link BootstrapContext} handed to the mode, owner of the
 * attempt's store transaction and of its EXCHANGE_LIFETIME timer.
 * <p>
 * Protocol operations and {@link #finish()} synchronize on the attempt, so requests of a bootstrap server
 * that arrive on different transport threads are applied one after the other, and a Finish never sees half
 * of a Delete.
 */
final class Attempt implements BootstrapContext {

    private static final Logger LOG = LoggerFactory.getLogger(Attempt.class);

    /** The 5.00 diagnostic of a Finish whose commit failed; sent to the peer, so it names no local detail. */
    static final String STORE_FAILED_DIAGNOSTIC = "the configuration could not be stored";

    private boolean storeFailed;

    private final BootstrapEngineImpl engine;
    private final DeviceBootstrapConfig config;
    private final ModeBinding binding;
    private final StoreTransaction transaction;
    private final AttemptTree tree;
    private final CoapRequestHandler bootstrapInterface;
    /** Sessions to the bootstrap server opened for the mode; closed when the attempt ends. */
    private final List<BootstrapServerSession> sessions = new ArrayList<>();

    private final CompletableFuture<FinishResult> finished = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private Instant lastActivity;
    private ScheduledFuture<?> timer;
    /** The engine's admission slot this attempt runs in; given back when it ends. */
    private AttemptAdmission.Slot slot;

    private boolean ended;
    private boolean committed;
    private Instant committedAt;

    Attempt(
            BootstrapEngineImpl engine,
            DeviceBootstrapConfig config,
            ModeBinding binding,
            StoreTransaction transaction) {
        this.engine = engine;
        this.config = config;
        this.binding = binding;
        this.transaction = transaction;
        this.tree = new AttemptTreeView(transaction);
        this.bootstrapInterface = (peer, request) -> engine.protocol().handle(this, peer, request);
        this.lastActivity = engine.clock().instant();
    }

    ModeBinding binding() {
        return binding;
    }

    @Override
    public String endpoint() {
        return config.endpoint();
    }

    @Override
    public String modeName() {
        return binding.name();
    }

    @Override
    public Map<String, String> configuration() {
        return config.properties(binding.name());
    }

    /** The store transaction behind {@link #tree()}, for the engine's Bootstrap interface. */
    StoreTransaction transaction() {
        return transaction;
    }

    @Override
    public AttemptTree tree() {
        return tree;
    }

    @Override
    public Optional<DtlsCredentials> credentials() {
        return config.credentials();
    }

    @Override
    public Optional<DtlsEndpointFactory> dtls() {
        return engine.dtls();
    }

    @Override
    public ObjectModelRegistry models() {
        return engine.models();
    }

    @Override
    public BootstrapTimer timer() {
        return engine.timer();
    }

    @Override
    public Optional<BootstrapServerAccount> bootstrapServerAccount() throws InvalidBootstrapAccountException {
        return DeviceBootstrapServerAccount.resolve(transaction, configuration(), engine.keys());
    }

    @Override
    public BootstrapServerSession openBootstrapServerSession(
            BootstrapServerAccount account, UnaryOperator<ClientEndpointConfig.Builder> settings, Duration finishLinger)
            throws BootstrapServerSessionException {
        BootstrapServerSession session = DtlsBootstrapServerSession.open(
                account, engine.dtls(), credentials(), settings, finishLinger, engine.scheduler());
        boolean attemptEnded;
        synchronized (this) {
            attemptEnded = ended;
            if (!attemptEnded) {
                sessions.add(session);
            }
        }
        if (attemptEnded) {
            session.close();
        }
        return session;
    }

    @Override
    public Clock clock() {
        return engine.clock();
    }

    @Override
    public CoapRequestHandler bootstrapInterface() {
        return bootstrapInterface;
    }

    @Override
    public CompletionStage<FinishResult> finished() {
        return finished.minimalCompletionStage();
    }

    @Override
    public CompletionStage<Void> closed() {
        return closed.minimalCompletionStage();
    }

    /** Hands the attempt the admission slot it runs in; released by {@link #end()}. */
    synchronized void holdSlot(AttemptAdmission.Slot admitted) {
        this.slot = admitted;
    }

    /**
     * Starts the EXCHANGE_LIFETIME timer; it re-arms itself while commands keep coming. Called when the attempt
     * starts, after its admission: the time a device waited for a slot does not count.
     */
    synchronized void startTimer() {
        lastActivity = engine.clock().instant();
        arm(engine.settings().exchangeLifetime());
    }

    private void arm(Duration delay) {
        try {
            timer = engine.scheduler()
                    .schedule(this::guardedTimerFired, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("device {}: attempt timer not armed, engine stopped", endpoint());
        }
    }

    /** A scheduled task's exception would vanish in its future: log it instead. */
    private void guardedTimerFired() {
        try {
            timerFired();
        } catch (RuntimeException e) {
            LOG.error("device {}: EXCHANGE_LIFETIME check of mode '{}' failed", endpoint(), modeName(), e);
        }
    }

    private void timerFired() {
        Duration remaining;
        synchronized (this) {
            if (ended) {
                return;
            }
            Instant deadline = lastActivity.plus(engine.settings().exchangeLifetime());
            remaining = Duration.between(engine.clock().instant(), deadline);
            if (remaining.compareTo(Duration.ZERO) > 0) {
                // A command came since the timer was armed: wait for the rest of the lifetime.
                arm(remaining);
                return;
            }
        }
        engine.attemptTimedOut(this);
    }

    /**
     * Accepts a command of the Bootstrap interface: restarts the EXCHANGE_LIFETIME count.
     *
     * @return whether the attempt still takes commands (not ended, not committed)
     */
    synchronized boolean acceptCommand() {
        if (ended || committed || !transaction.isOpen()) {
            return false;
        }
        lastActivity = engine.clock().instant();
        return true;
    }

    @Override
    public FinishResult finish() {
        FinishResult result;
        synchronized (this) {
            if (ended) {
                return FinishResult.error(ResponseCode.BAD_REQUEST, "the bootstrap attempt has ended");
            }
            if (committed) {
                return FinishResult.error(ResponseCode.BAD_REQUEST, "the bootstrap was already finished");
            }
            if (!transaction.isOpen()) {
                return FinishResult.error(
                        ResponseCode.BAD_REQUEST,
                        "the bootstrap attempt has no open transaction (an earlier commit failed)");
            }
            lastActivity = engine.clock().instant();
            List<String> reasons = engine.checker().check(transaction);
            if (!reasons.isEmpty()) {
                LOG.info(
                        "device {}: Bootstrap-Finish of mode '{}' answered 4.06, configuration inconsistent: {}",
                        endpoint(),
                        modeName(),
                        String.join("; ", reasons));
                result = FinishResult.inconsistent(reasons);
            } else {
                result = commit();
            }
        }
        finished.complete(result);
        return result;
    }

    private FinishResult commit() {
        Instant now = engine.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            stampLastBootstrapped(now);
            long revision = transaction.commit();
            committed = true;
            committedAt = now;
            LOG.info(
                    "device {}: Bootstrap-Finish of mode '{}' accepted, configuration committed (revision {})",
                    endpoint(),
                    modeName(),
                    revision);
            return FinishResult.committed();
        } catch (StoreException e) {
            LOG.warn(
                    "device {}: Bootstrap-Finish of mode '{}' answered 5.00, the configuration could not be stored;"
                            + " the previous configuration stays in force",
                    endpoint(),
                    modeName(),
                    e);
            transaction.close();
            storeFailed = true;
            // The peer learns only that storing failed: the exception's text (a local path, the store library's
            // message) stays in the local log above.
            return FinishResult.error(ResponseCode.INTERNAL_SERVER_ERROR, STORE_FAILED_DIAGNOSTIC);
        }
    }

    /** Last Bootstrapped (/1/x/12) of every Server instance the committed configuration holds. */
    private void stampLastBootstrapped(Instant now) {
        for (ObjectInstance server :
                ResourceReader.instances(transaction, Server.ID).values()) {
            transaction.write(
                    LwM2mPath.of(Server.ID, server.id(), Server.LAST_BOOTSTRAPPED),
                    SingleResource.of(Server.LAST_BOOTSTRAPPED, ResourceValue.ofTime(now)),
                    WriteMode.REPLACE);
        }
    }

    /** Whether a commit of this attempt failed in the store (the run is retried when the store heals). */
    synchronized boolean storeFailed() {
        return storeFailed;
    }

    synchronized boolean isCommitted() {
        return committed;
    }

    synchronized Optional<Instant> committedAt() {
        return Optional.ofNullable(committedAt);
    }

    /**
     * Ends the attempt: stops its timer, rolls back an uncommitted transaction and tells the mode through
     * {@link #closed()}. Idempotent.
     */
    void end() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            if (timer != null) {
                timer.cancel(false);
            }
            // close() rolls back an uncommitted transaction and never throws: the previous state stays.
            transaction.close();
            if (slot != null) {
                slot.release();
                slot = null;
            }
        }
        // After the finish linger; a mode that closed its session already made this a no-op.
        sessions.forEach(BootstrapServerSession::close);
        // Completed on the scheduler: the engine holds the device's lock here, and the mode's callbacks must
        // be free to call back into the engine.
        Runnable tell = () -> {
            finished.completeExceptionally(new IllegalStateException("the bootstrap attempt ended without a Finish"));
            closed.complete(null);
        };
        try {
            engine.timer().execute(tell);
        } catch (RejectedExecutionException stopped) {
            tell.run();
        }
    }

    synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "attempt of mode '" + modeName() + "' on device " + endpoint();
    }
}
