/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.api.registration.ServerRegistration;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's registration with one LwM2M server (Core 1.1 6.2): Register with the 6.2.1.1 retry sequences
 * (/1/x/17-20), Updates before the lifetime lapses and on changes, De-register, Disable. All state is guarded by
 * the session's monitor; network answers arrive on the transport's threads and timers on the shared scheduler,
 * and each operation carries a generation number so that an answer to a superseded request is ignored.
 */
final class ServerSession {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    /** Transport failures that mean the credentials or the trust do not fit: retrying will not help. */
    private static final Set<TransportException.Reason> CREDENTIAL_FAILURES = Set.of(
            TransportException.Reason.POLICY_VIOLATION,
            TransportException.Reason.UNTRUSTED_PEER,
            TransportException.Reason.CERTIFICATE_EXPIRED,
            TransportException.Reason.SERVER_NAME_MISMATCH,
            TransportException.Reason.REJECTED_BY_PEER);

    /** How many server requests may wait for one in-flight Register/Update; more are answered 5.03 at once. */
    static final int MAX_WAITING_REQUESTS = 16;

    /** Answers to a Register that mean the server refuses this client (Core 1.1 6.2.1.1: explicit rejection). */
    private static final Set<ResponseCode> REJECTIONS = Set.of(
            ResponseCode.BAD_REQUEST,
            ResponseCode.FORBIDDEN,
            ResponseCode.NOT_FOUND,
            ResponseCode.PRECONDITION_FAILED,
            ResponseCode.UNAUTHORIZED);

    private final RegistrationManager manager;
    private final String endpoint;
    private final int ssid;

    private ManagementAccount account;
    private SecureClientEndpoint client;
    private RegistrationState state;
    private String location;
    private long registeredLifetime;
    private String registeredBinding;
    private String registeredLinks;
    private Instant lastChange;
    private Instant nextUpdate;
    private String lastError;
    private int attempt;
    private int sequence;
    private ScheduledFuture<?> timer;
    private long generation;
    private boolean closed;
    /** A bootstrap of the device started after this session's last Register was sent (see {@link #bootstrapped}). */
    private boolean registeredBeforeBootstrap;
    /** Told once when the first Register succeeds or fails for good (the /1/x/13 order waits for it). */
    private Runnable settled;
    /** The generation of the Register or Update sent and not answered yet, or -1. */
    private long exchangeInFlight = -1;
    /**
     * Server requests that arrived while the Register (or a restart's first Update) was in flight: the server may
     * send them as soon as it sent its answer, before this side processed that answer. They wait for it.
     */
    private final List<CompletableFuture<Boolean>> waitingRequests = new ArrayList<>();

    ServerSession(RegistrationManager manager, ManagementAccount account) {
        this.manager = manager;
        this.endpoint = account.endpoint();
        this.ssid = account.ssid();
        this.account = account;
        this.lastChange = manager.now();
        this.registeredBinding = account.binding();
    }

    int ssid() {
        return ssid;
    }

    synchronized void onSettled(Runnable callback) {
        this.settled = callback;
    }

    private void fireSettled() {
        Runnable callback = settled;
        settled = null;
        if (callback != null) {
            manager.scheduler().execute(callback);
        }
    }

    /** Not registering because a server ordered before failed with Registration Failure Block (/1/x/15). */
    synchronized void blocked(String cause) {
        lastError = cause;
        changeState(RegistrationState.FAILED, cause);
    }

    synchronized ManagementAccount account() {
        return account;
    }

    synchronized RegistrationState state() {
        return state;
    }

    synchronized boolean isRegistered() {
        return location != null && (state == RegistrationState.REGISTERED || state == RegistrationState.UPDATE_FAILED);
    }

    synchronized ServerRegistration snapshot() {
        RegistrationState shown =
                state != null ? state : location != null ? RegistrationState.REGISTERED : RegistrationState.REGISTERING;
        return new ServerRegistration(
                ssid,
                account.uriForEvents(),
                shown,
                Optional.ofNullable(location),
                location != null ? registeredLifetime : account.lifetime(),
                // After a restart the binding the server holds is unknown until the first Update confirms it.
                location != null && registeredBinding != null ? registeredBinding : account.binding(),
                lastChange,
                Optional.ofNullable(nextUpdate),
                Optional.ofNullable(lastError));
    }

    /**
     * Starts the session: an Update on a location persisted before a restart that the server should still hold,
     * else a Register after the Initial Registration Delay (/1/x/14) and {@code extraDelay}.
     */
    synchronized void start(Optional<LocationFile.Entry> persisted, Duration extraDelay) {
        Instant now = manager.now();
        if (persisted.isPresent() && persisted.get().aliveAt(now)) {
            location = persisted.get().location();
            registeredLifetime = persisted.get().lifetimeSeconds();
            // No event yet: REGISTERED is told when the server confirms the location with 2.04.
            // The links and binding the server holds are unknown after a restart: the Update carries them all.
            registeredLinks = null;
            registeredBinding = null;
            schedule(extraDelay, () -> update("gateway restarted", true));
        } else {
            persisted.ifPresent(e -> manager.locations().remove(endpoint, ssid));
            schedule(account.initialRegistrationDelay().plus(extraDelay), this::register);
        }
    }

    // ---------------------------------------------------------------- Register

    /** Sends a Register (first try of a new sequence when called from outside). */
    synchronized void register() {
        if (closed) {
            return;
        }
        long current = ++generation;
        cancelTimer();
        location = null;
        // This Register carries whatever the store holds now, so a bootstrap in flight no longer makes it stale.
        registeredBeforeBootstrap = false;
        changeState(RegistrationState.REGISTERING, null);
        SecureClientEndpoint endpointClient;
        try {
            endpointClient = client();
        } catch (ManagementAccount.InvalidAccountException | SecurityPolicyException e) {
            fail("the account cannot be used: " + e.getMessage());
            return;
        }
        String links = manager.links(endpoint);
        CoapRequest.Builder register = CoapRequest.post("/rd")
                .query("ep", endpoint)
                .query("lt", Long.toString(account.lifetime()))
                .query("lwm2m", "1.1");
        binding(register, account.binding());
        CoapRequest request =
                register.contentFormat(ContentFormat.LINK).payload(links).build();
        long lifetime = account.lifetime();
        String binding = account.binding();
        exchangeInFlight = current;
        endpointClient
                .send(request)
                .whenComplete((response, failure) ->
                        answered(current, () -> processRegisterAnswer(response, failure, lifetime, binding, links)));
    }

    /**
     * The answer to the Register or Update of generation {@code current} arrived: processed unless superseded, and
     * then the server requests waiting for it go on.
     */
    private synchronized void answered(long current, Runnable process) {
        if (current != generation || closed) {
            return;
        }
        exchangeInFlight = -1;
        try {
            process.run();
        } finally {
            releaseWaitingRequests();
        }
    }

    private void processRegisterAnswer(
            CoapResponse response, Throwable failure, long lifetime, String binding, String links) {
        if (failure != null) {
            Optional<TransportException> transport = TransportException.find(failure);
            String cause =
                    transport.map(t -> t.reason() + ": " + t.getMessage()).orElse(failure.toString());
            if (transport.isPresent()
                    && CREDENTIAL_FAILURES.contains(transport.get().reason())) {
                // Core 1.1 6.2.1.1: a failed communication (a key the server no longer has, a certificate it
                // does not trust yet) is retried per /1/x/17-20; only when every sequence failed does /1/x/16
                // bootstrap the device again. A new DTLS session for each try: the next one may succeed.
                closeClient();
                retry("Register failed on a DTLS/credential error: " + cause);
            } else {
                retry("Register failed: " + cause);
            }
            return;
        }
        Optional<String> created = response.code() == ResponseCode.CREATED
                ? LocationFile.location(response.locationPath())
                : Optional.empty();
        if (created.isPresent()) {
            location = created.get();
            registeredLifetime = lifetime;
            registeredBinding = binding;
            registeredLinks = links;
            attempt = 0;
            sequence = 0;
            lastError = null;
            manager.locations().put(new LocationFile.Entry(endpoint, ssid, location, lifetime, manager.now()));
            manager.sessionStarted(this);
            changeState(RegistrationState.REGISTERED, "Register answered 2.01");
            scheduleUpdate();
            fireSettled();
        } else if (response.code() == ResponseCode.CREATED) {
            // An empty segment, a '/', white space or a control character in the Location-Path: the Update
            // could not be sent to it and the location file could not keep it.
            retry("Register answered 2.01 with an unusable Location-Path (an empty segment, or a '/', white space or"
                    + " a control character in one)");
        } else if (REJECTIONS.contains(response.code())) {
            fail("server rejected the Register: " + response);
        } else {
            retry("Register answered " + response);
        }
    }

    /** Core 1.1 6.2.1.1: the next try of the sequence, the next sequence, or failure. */
    private void retry(String cause) {
        lastError = cause;
        attempt++;
        Duration delay;
        if (attempt < account.retryCount()) {
            delay = account.retryTimer().multipliedBy(1L << Math.min(30, attempt - 1));
        } else {
            attempt = 0;
            sequence++;
            if (sequence >= account.sequenceRetryCount()) {
                fail("every communication sequence failed; last: " + cause);
                return;
            }
            delay = account.sequenceDelay();
        }
        LOG.info(
                "device {} ssid {} ({}): {}; next Register in {} s",
                endpoint,
                ssid,
                account.uriForEvents(),
                cause,
                delay.toSeconds());
        manager.emit(this, RegistrationState.REGISTERING, cause);
        schedule(delay, this::retryRegister);
    }

    private synchronized void retryRegister() {
        if (closed || state != RegistrationState.REGISTERING) {
            return;
        }
        int keptAttempt = attempt;
        int keptSequence = sequence;
        register();
        attempt = keptAttempt;
        sequence = keptSequence;
    }

    /** The registration failed for good: FAILED, then /1/x/16 decides (the manager's part). */
    private void fail(String cause) {
        generation++;
        cancelTimer();
        closeClient();
        location = null;
        attempt = 0;
        sequence = 0;
        lastError = cause;
        changeState(RegistrationState.FAILED, cause);
        releaseWaitingRequests();
        manager.registrationFailed(this, cause);
        fireSettled();
    }

    /** With /1/x/16 false: start again after the Communication Sequence Delay Timer. */
    synchronized void retryAfterSequenceDelay() {
        boolean pending = timer != null && !timer.isDone();
        if (!closed && state == RegistrationState.FAILED && !pending) {
            schedule(account.sequenceDelay(), this::register);
        }
    }

    // ---------------------------------------------------------------- Update

    /**
     * Sends an Update now when registered: the parameters that changed since the last successful Register or
     * Update, and the object links when they changed (or {@code full}).
     */
    synchronized void update(String reason, boolean full) {
        if (closed || location == null) {
            return;
        }
        long current = ++generation;
        cancelTimer();
        SecureClientEndpoint endpointClient;
        try {
            endpointClient = client();
        } catch (ManagementAccount.InvalidAccountException | SecurityPolicyException e) {
            fail("the account cannot be used: " + e.getMessage());
            return;
        }
        long lifetime = account.lifetime();
        String binding = account.binding();
        String links = manager.links(endpoint);
        CoapRequest.Builder request = CoapRequest.post(location);
        if (full || lifetime != registeredLifetime) {
            request.query("lt", Long.toString(lifetime));
        }
        if (full || !binding.equals(registeredBinding)) {
            binding(request, binding);
        }
        if (full || !links.equals(registeredLinks)) {
            request.contentFormat(ContentFormat.LINK).payload(links);
        }
        LOG.debug("device {} ssid {}: Update ({})", endpoint, ssid, reason);
        exchangeInFlight = current;
        endpointClient
                .send(request.build())
                .whenComplete((response, failure) ->
                        answered(current, () -> processUpdateAnswer(response, failure, lifetime, binding, links)));
    }

    private void processUpdateAnswer(
            CoapResponse response, Throwable failure, long lifetime, String binding, String links) {
        if (failure == null && response.code() == ResponseCode.CHANGED) {
            registeredLifetime = lifetime;
            registeredBinding = binding;
            registeredLinks = links;
            lastError = null;
            manager.locations().put(new LocationFile.Entry(endpoint, ssid, location, lifetime, manager.now()));
            changeState(RegistrationState.REGISTERED, "Update answered 2.04");
            scheduleUpdate();
            return;
        }
        if (failure == null && response.code() == ResponseCode.NOT_FOUND) {
            LOG.info(
                    "device {} ssid {} ({}): the server no longer knows {} (4.04); registering again",
                    endpoint,
                    ssid,
                    account.uriForEvents(),
                    location);
            manager.locations().remove(endpoint, ssid);
            manager.sessionEnded(this);
            register();
            return;
        }
        Optional<TransportException> transport = failure == null ? Optional.empty() : TransportException.find(failure);
        String cause = failure == null
                ? "Update answered " + response
                : "Update failed: "
                        + transport.map(t -> t.reason() + ": " + t.getMessage()).orElse(failure.toString());
        if (failure != null) {
            // No answer on this session (a timeout, a DTLS alert or error): the server may have restarted and lost
            // its DTLS state, and then it drops every record of the old session unanswered, so Updates on it would
            // time out until the lifetime lapses. Or its identity or ours changed. Either way the old session is
            // dropped and a Register on a new handshake follows (a new security context is followed by a Register,
            // Transport 1.1.1 6.4.3): it tells within one exchange whether the server is back, and when it is not,
            // that Register's sequence retries per /1/x/17-20 (and /1/x/16 applies when they are exhausted).
            lastError = cause;
            changeState(RegistrationState.UPDATE_FAILED, cause);
            // The UPDATE_FAILED event's log line carries the cause; this one says what follows.
            LOG.info(
                    "device {} ssid {} ({}): dropping the DTLS session (registration {}), registering again on a new one",
                    endpoint,
                    ssid,
                    account.uriForEvents(),
                    location);
            closeClient();
            manager.sessionEnded(this);
            register();
            return;
        }
        lastError = cause;
        changeState(RegistrationState.UPDATE_FAILED, cause);
        Instant lapses = manager.locations()
                .get(endpoint, ssid)
                .map(e -> e.confirmed().plusSeconds(e.lifetimeSeconds()))
                .orElse(manager.now());
        Duration left = Duration.between(manager.now(), lapses);
        if (left.compareTo(account.retryTimer()) <= 0) {
            // The lifetime lapses before a retried Update could reach the server: only a Register helps then.
            closeClient();
            manager.sessionEnded(this);
            schedule(left.isNegative() ? Duration.ZERO : left, this::register);
        } else {
            schedule(account.retryTimer(), () -> update("retry after failed Update", false));
        }
    }

    private void scheduleUpdate() {
        long lifetime = registeredLifetime;
        if (lifetime <= 0) {
            nextUpdate = null;
            return;
        }
        schedule(manager.updateDelay(lifetime), () -> update("lifetime renewal", false));
    }

    // ---------------------------------------------------------------- account changes, De-register, Disable

    /**
     * The account changed in the store. A changed Security instance needs a new session and Register (after a
     * De-register from the old one); a changed Server instance is sent in an Update.
     */
    synchronized void accountChanged(ManagementAccount changed) {
        ManagementAccount previous = account;
        account = changed;
        if (closed) {
            return;
        }
        if (!changed.sameConnection(previous)) {
            String oldLocation = location;
            SecureClientEndpoint oldClient = client;
            client = null;
            location = null;
            if (oldLocation != null && oldClient != null) {
                deleteAndClose(oldClient, oldLocation);
                manager.sessionEnded(this);
            } else if (oldClient != null) {
                oldClient.close();
            }
            LOG.info(
                    "device {} ssid {}: Security instance changed, registering with {}",
                    endpoint,
                    ssid,
                    changed.uriForEvents());
            register();
        } else if (location != null
                && (changed.lifetime() != registeredLifetime
                        || !changed.binding().equals(registeredBinding))) {
            update("Server instance changed", false);
        } else if (state == RegistrationState.FAILED) {
            schedule(changed.sequenceDelay(), this::register);
        }
    }

    /** The engine started a bootstrap of the device: the registration in place predates it. */
    synchronized void bootstrapStarted() {
        registeredBeforeBootstrap = true;
    }

    /**
     * The device was bootstrapped. A registration made before the bootstrap started (and not replaced since by a
     * Register on a changed account) is De-registered and the device Registers again, on a new DTLS session, with
     * what the bootstrap gave. A session not registered (retrying, failed, disabled) keeps its own course.
     */
    synchronized void bootstrapped() {
        boolean stale = registeredBeforeBootstrap;
        registeredBeforeBootstrap = false;
        if (closed || !stale || location == null) {
            return;
        }
        String oldLocation = location;
        SecureClientEndpoint oldClient = client;
        client = null;
        location = null;
        manager.locations().remove(endpoint, ssid);
        if (oldClient != null) {
            deleteAndClose(oldClient, oldLocation);
        }
        manager.sessionEnded(this);
        LOG.info(
                "device {} ssid {}: bootstrapped again; registering with {} anew",
                endpoint,
                ssid,
                account.uriForEvents());
        register();
    }

    /** The object links changed: an Update with the new list when registered. */
    synchronized void linksChanged(String links) {
        if (location != null && !links.equals(registeredLinks)) {
            update("objects changed", false);
        }
    }

    /**
     * De-registers (DELETE on the location) and closes the session for good.
     *
     * @return completes when the server answered or the request failed
     */
    synchronized CompletionStage<Void> deregister(String cause) {
        closed = true;
        generation++;
        cancelTimer();
        CompletionStage<Void> done = CompletableFuture.completedFuture(null);
        if (location != null && client != null) {
            done = deleteAndClose(client, location);
        } else if (client != null) {
            client.close();
        }
        boolean wasRegistered = location != null;
        client = null;
        location = null;
        manager.locations().remove(endpoint, ssid);
        if (wasRegistered) {
            manager.sessionEnded(this);
        }
        lastError = null;
        changeState(RegistrationState.DEREGISTERED, cause);
        releaseWaitingRequests();
        return done;
    }

    /**
     * Disable (/1/x/4): De-register, stay silent for the Disable Timeout (/1/x/5), then Register again.
     */
    synchronized void disable() {
        if (closed) {
            return;
        }
        generation++;
        cancelTimer();
        if (location != null && client != null) {
            deleteAndClose(client, location);
            manager.sessionEnded(this);
        } else if (client != null) {
            client.close();
        }
        client = null;
        location = null;
        manager.locations().remove(endpoint, ssid);
        Duration timeout = account.disableTimeout();
        changeState(RegistrationState.DISABLED, "disabled for " + timeout.toSeconds() + " s");
        releaseWaitingRequests();
        schedule(timeout, this::register);
    }

    /** Closes the session without De-register (gateway stopping: the location is kept for the restart). */
    synchronized void close() {
        closed = true;
        generation++;
        cancelTimer();
        closeClient();
        releaseWaitingRequests();
    }

    private CompletionStage<Void> deleteAndClose(SecureClientEndpoint target, String path) {
        return target.send(CoapRequest.delete(path).build()).handle((response, failure) -> {
            if (failure != null || response.code() != ResponseCode.DELETED) {
                LOG.info(
                        "device {} ssid {}: De-register of {} answered {}",
                        endpoint,
                        ssid,
                        path,
                        failure != null
                                ? TransportException.find(failure)
                                        .map(Throwable::getMessage)
                                        .orElse(failure.toString())
                                : response);
            }
            target.close();
            return null;
        });
    }

    // ---------------------------------------------------------------- server requests during a Register

    /**
     * When a server request may be served: at once when registered; when a Register (or a restart's first
     * Update) is in flight, once its answer is processed (the server may send a request right after its 2.01,
     * before this side has read it; Core 6.3 only forbids serving before the Register is acknowledged), and at
     * the latest after {@code bound}; otherwise at once. Waiting takes no thread: the caller continues on the
     * returned stage, completed on the shared scheduler.
     *
     * @return completes with whether the session is registered then (the caller checks again when it runs)
     */
    synchronized CompletionStage<Boolean> whenRegistered(Duration bound) {
        if (isRegistered()) {
            return CompletableFuture.completedFuture(true);
        }
        if (closed || exchangeInFlight != generation || waitingRequests.size() >= MAX_WAITING_REQUESTS) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> waiting = new CompletableFuture<>();
        ScheduledFuture<?> deadline;
        try {
            deadline = manager.scheduler()
                    .schedule(() -> expire(waiting), Math.max(1, bound.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(false);
        }
        waitingRequests.add(waiting);
        waiting.whenComplete((registered, failure) -> deadline.cancel(false));
        return waiting;
    }

    private synchronized void expire(CompletableFuture<Boolean> waiting) {
        if (waitingRequests.remove(waiting)) {
            waiting.complete(isRegistered());
        }
    }

    /** How many server requests wait for the Register in flight (for tests and diagnostics). */
    synchronized int waitingRequests() {
        return waitingRequests.size();
    }

    /**
     * The exchange the waiting requests wait for ended (or the session changed course): they go on, on the
     * scheduler, unless a new Register/Update was sent meanwhile and the session is still not registered.
     */
    private void releaseWaitingRequests() {
        boolean registered = isRegistered();
        if (waitingRequests.isEmpty() || (!registered && !closed && exchangeInFlight == generation)) {
            return;
        }
        List<CompletableFuture<Boolean>> released = List.copyOf(waitingRequests);
        waitingRequests.clear();
        try {
            manager.scheduler().execute(() -> released.forEach(waiting -> waiting.complete(registered)));
        } catch (RejectedExecutionException stopping) {
            // The manager is stopping: answer them here rather than leave the server waiting.
            released.forEach(waiting -> waiting.complete(registered));
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The binding as LwM2M 1.1 sends it (Transport 1.1, 6.2.1.1 "Registration"): queue mode is no longer a
     * letter of {@code b} but the separate {@code Q} parameter, so /1/x/7 {@code UQ} is sent as {@code b=U&Q}.
     */
    static void binding(CoapRequest.Builder request, String binding) {
        String transports = binding.replace("Q", "");
        request.query("b", transports.isEmpty() ? "U" : transports);
        if (binding.indexOf('Q') >= 0) {
            request.query("Q");
        }
    }

    private SecureClientEndpoint client() throws ManagementAccount.InvalidAccountException, SecurityPolicyException {
        if (client == null) {
            client = manager.createClient(this, account);
        }
        return client;
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void changeState(RegistrationState next, String cause) {
        if (next == state) {
            return;
        }
        state = next;
        lastChange = manager.now();
        if (next != RegistrationState.REGISTERED && next != RegistrationState.UPDATE_FAILED) {
            nextUpdate = null;
        }
        manager.emit(this, next, cause);
    }

    private void schedule(Duration delay, Runnable task) {
        cancelTimer();
        long expected = generation;
        nextUpdate = manager.now().plus(delay);
        timer = manager.scheduler()
                .schedule(
                        () -> {
                            synchronized (this) {
                                if (expected != generation || closed) {
                                    return;
                                }
                            }
                            task.run();
                        },
                        Math.max(0, delay.toMillis()),
                        TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    synchronized Optional<String> location() {
        return Optional.ofNullable(location);
    }
}
