/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.AccessControl;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bootstrap session with one client: the state machine that sends the config's operations one at a time
 * and decides, from each answer, what comes next.
 * <p>
 * Phases: the audit reads of the config; a Bootstrap-Discover of {@code /} when numbering or the
 * initialization option needs it; a Bootstrap-Read of {@code /2} for the initialization option; then the
 * planned Deletes and Writes ({@link SessionPlanner}); then Bootstrap-Finish. Any failed step ends the session
 * without Finish, so the client rolls back to its previous bootstrap account values.
 * <p>
 * Thread-safety: answers arrive on transport threads and are handled on the session executor; all state is
 * guarded by the session's lock. Events are queued under the lock and delivered outside it, in order.
 */
public final class BootstrapSession {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapSession.class);
    private static final LwM2mPath ACCESS_CONTROL = LwM2mPath.of(AccessControl.ID);

    private enum Phase {
        NEW,
        PREPARE,
        APPLY,
        ENDED
    }

    private final long id;
    private final String endpoint;
    private final BootstrapConfig config;
    private final ContentFormat format;
    private final SessionTrigger trigger;
    private final InetSocketAddress peer;
    private final DeviceChannel channel;
    private final SessionEvents events;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final Duration timeout;
    private final Clock clock;

    private final Object lock = new Object();
    private final CompletableFuture<BootstrapSessionEvent.Ended> completion = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<BootstrapSessionEvent> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();
    private volatile boolean endedFlag;

    // Guarded by lock.
    private Phase phase = Phase.NEW;
    private final Deque<DeviceOperation> queue = new ArrayDeque<>();
    private CompletableFuture<DeviceResult> inFlight;
    private ScheduledFuture<?> timeoutTask;
    private Optional<ClientLayout> layout = Optional.empty();
    private Optional<LwM2mObject> accessControl = Optional.empty();
    private int steps;

    public BootstrapSession(
            long id,
            BootstrapConfig config,
            ContentFormat format,
            SessionTrigger trigger,
            InetSocketAddress peer,
            DeviceChannel channel,
            SessionEvents events,
            ScheduledExecutorService scheduler,
            Duration timeout,
            Clock clock) {
        this.id = id;
        this.config = Objects.requireNonNull(config, "config");
        this.endpoint = config.endpoint();
        this.format = Objects.requireNonNull(format, "format");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.events = Objects.requireNonNull(events, "events");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.executor = scheduler;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public long id() {
        return id;
    }

    public String endpoint() {
        return endpoint;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    /** Completes once, after the listeners were told of the end, whatever the outcome; never fails. */
    public CompletableFuture<BootstrapSessionEvent.Ended> completion() {
        return completion;
    }

    public boolean isEnded() {
        return endedFlag;
    }

    /** Sends the first operation. */
    public void start() {
        synchronized (lock) {
            if (phase != Phase.NEW) {
                return;
            }
            phase = Phase.PREPARE;
            emit(new BootstrapSessionEvent.Started(endpoint, id, clock.instant(), trigger, peer, format));
            LOG.info("Bootstrap session {} of {} started ({}, {}, {})", id, endpoint, trigger, peer, format);
            for (LwM2mPath read : config.reads()) {
                queue.add(new DeviceOperation.Read(read));
            }
            if (config.needsDiscover()) {
                queue.add(new DeviceOperation.Discover(LwM2mPath.root()));
            }
            if (!config.resetServers().isEmpty() && !config.reads().contains(ACCESS_CONTROL)) {
                queue.add(new DeviceOperation.Read(ACCESS_CONTROL));
            }
            sendNext();
        }
        deliver();
    }

    /**
     * Ends the session without Finish; an answer still in flight is ignored.
     *
     * @return whether this call ended it
     */
    public boolean cancel(String reason) {
        boolean ended;
        synchronized (lock) {
            ended = end(SessionOutcome.CANCELLED, reason);
        }
        deliver();
        return ended;
    }

    // --- under lock -------------------------------------------------------------------------------------

    private void sendNext() {
        if (phase == Phase.ENDED) {
            return;
        }
        if (queue.isEmpty() && phase == Phase.PREPARE) {
            phase = Phase.APPLY;
            try {
                List<DeviceOperation> plan = SessionPlanner.plan(config, layout, accessControl);
                queue.addAll(plan);
                queue.add(new DeviceOperation.Finish());
            } catch (PlanException e) {
                LOG.error("Bootstrap session {} of {}: {}", id, endpoint, e.getMessage());
                end(SessionOutcome.FAILED, e.getMessage());
                return;
            }
        }
        DeviceOperation operation = queue.poll();
        if (operation == null) {
            // Finish was the last operation and has been answered: end() was called by its handling.
            return;
        }
        armTimeout();
        CompletableFuture<DeviceResult> future;
        try {
            future = channel.execute(operation, format).toCompletableFuture();
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        inFlight = future;
        future.whenCompleteAsync((result, failure) -> onAnswer(operation, result, failure), executor);
    }

    private void armTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
        timeoutTask = scheduler.schedule(this::onTimeout, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onTimeout() {
        synchronized (lock) {
            if (phase != Phase.ENDED) {
                String detail = "no answer within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
                LOG.warn("Bootstrap session {} of {} timed out: {}", id, endpoint, detail);
                end(SessionOutcome.TIMED_OUT, detail);
            }
        }
        deliver();
    }

    private void onAnswer(DeviceOperation operation, DeviceResult result, Throwable failure) {
        synchronized (lock) {
            if (phase == Phase.ENDED) {
                return;
            }
            steps++;
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                String detail = operation.type() + " " + operation.path() + " failed: " + cause.getMessage();
                LOG.warn("Bootstrap session {} of {}: {}", id, endpoint, detail);
                end(SessionOutcome.FAILED, detail);
            } else {
                emit(new BootstrapSessionEvent.Step(
                        endpoint,
                        id,
                        clock.instant(),
                        operation.type(),
                        operation.path(),
                        result.code(),
                        result.content(),
                        result.linkText()));
                handle(operation, result);
            }
        }
        deliver();
    }

    private void handle(DeviceOperation operation, DeviceResult result) {
        ResponseCode code = result.code();
        if (operation instanceof DeviceOperation.Discover) {
            if (code == ResponseCode.CONTENT) {
                try {
                    layout = Optional.of(ClientLayout.fromLinks(result.links()));
                } catch (IllegalArgumentException e) {
                    fail(operation, e.getMessage());
                    return;
                }
            } else if (!config.resetServers().isEmpty()) {
                fail(
                        operation,
                        "answered " + result.describe() + "; the initialization option cannot find the "
                                + "instances of servers " + config.resetServers() + " without it");
                return;
            } else {
                LOG.warn(
                        "Bootstrap session {} of {}: Bootstrap-Discover answered {}; numbering instances "
                                + "without it (bootstrap account assumed at /0/0)",
                        id,
                        endpoint,
                        result.describe());
            }
        } else if (operation instanceof DeviceOperation.Read read) {
            if (code == ResponseCode.CONTENT) {
                if (read.path().equals(ACCESS_CONTROL)) {
                    Optional<LwM2mNode> content = result.content();
                    if (content.isPresent() && !(content.get() instanceof LwM2mObject)) {
                        fail(
                                operation,
                                "answered with a " + content.get().getClass().getSimpleName()
                                        + " instead of the object");
                        return;
                    }
                    accessControl = content.map(LwM2mObject.class::cast);
                }
            } else if (read.path().equals(ACCESS_CONTROL) && code == ResponseCode.NOT_FOUND) {
                // A client without Access Control object has no ACL entries to clean.
                accessControl = Optional.of(LwM2mObject.of(AccessControl.ID));
            } else if (read.path().equals(ACCESS_CONTROL)
                    && !config.resetServers().isEmpty()) {
                fail(
                        operation,
                        "answered " + result.describe() + "; the initialization option needs the "
                                + "Access Control instances");
                return;
            } else {
                LOG.warn(
                        "Bootstrap session {} of {}: Bootstrap-Read {} answered {}",
                        id,
                        endpoint,
                        read.path(),
                        result.describe());
            }
        } else if (operation instanceof DeviceOperation.Delete) {
            // 4.04: nothing to delete there, which is what the Delete wanted.
            if (code != ResponseCode.DELETED && code != ResponseCode.NOT_FOUND) {
                fail(operation, "answered " + result.describe());
                return;
            }
        } else if (operation instanceof DeviceOperation.Write) {
            if (code != ResponseCode.CHANGED) {
                fail(operation, "answered " + result.describe());
                return;
            }
        } else if (operation instanceof DeviceOperation.Finish) {
            if (code == ResponseCode.CHANGED) {
                LOG.info("Bootstrap session {} of {} succeeded after {} steps", id, endpoint, steps);
                end(SessionOutcome.SUCCEEDED, "Bootstrap-Finish answered " + code.dotted());
            } else if (code == ResponseCode.NOT_ACCEPTABLE) {
                String detail = "Bootstrap-Finish answered 4.06: the client finds the configuration " + "inconsistent"
                        + result.diagnostic().map(d -> " (" + d + ")").orElse("");
                LOG.error("Bootstrap session {} of {}: {}", id, endpoint, detail);
                end(SessionOutcome.INCONSISTENT, detail);
            } else {
                fail(operation, "answered " + result.describe());
            }
            return;
        }
        sendNext();
    }

    private void fail(DeviceOperation operation, String why) {
        String detail = operation.type() + " " + operation.path() + " " + why;
        LOG.warn("Bootstrap session {} of {} failed: {}", id, endpoint, detail);
        end(SessionOutcome.FAILED, detail);
    }

    private boolean end(SessionOutcome outcome, String detail) {
        if (phase == Phase.ENDED) {
            return false;
        }
        phase = Phase.ENDED;
        queue.clear();
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
        if (inFlight != null && !inFlight.isDone()) {
            inFlight.cancel(false);
        }
        if (outcome == SessionOutcome.CANCELLED) {
            LOG.info("Bootstrap session {} of {} cancelled: {}", id, endpoint, detail);
        }
        BootstrapSessionEvent.Ended ended =
                new BootstrapSessionEvent.Ended(endpoint, id, clock.instant(), outcome, detail);
        endedFlag = true;
        emit(ended);
        return true;
    }

    private void emit(BootstrapSessionEvent event) {
        outbox.add(event);
    }

    // --- outside the lock -----------------------------------------------------------------------------------

    /** Delivers queued events in order; whichever thread gets here first delivers for all. */
    private void deliver() {
        while (!outbox.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                BootstrapSessionEvent event;
                while ((event = outbox.poll()) != null) {
                    try {
                        events.publish(event);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "Session listener failed on {} of {}",
                                event.getClass().getSimpleName(),
                                endpoint,
                                e);
                    }
                    if (event instanceof BootstrapSessionEvent.Ended ended) {
                        // Completed after the listeners saw the end, so a waiter finds their state up to date.
                        completion.complete(ended);
                    }
                }
            } finally {
                delivering.set(false);
            }
        }
    }
}
