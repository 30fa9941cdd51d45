/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.EndpointBusyException;
import io.bootgate.api.store.EndpointQuarantinedException;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.StoreUnavailableException;
import io.bootgate.api.store.TreeView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap engine: one state machine per device, all driven by one shared scheduler, so the thread
 * count does not grow with the number of devices.
 * <p>
 * A run tries the device's modes in order. A mode that is not installed is skipped; a mode that fails or
 * does not apply hands over to the next. A run ends at the first success (the attempt's transaction was
 * committed by a consistent Finish) or when the sequence is exhausted; then the next run is scheduled after
 * the back-off of {@link RetryPolicy}. Modes are bound and unbound at any time: an attempt keeps the mode
 * object it started with until it ends.
 * <p>
 * Plain Java, free of OSGi: {@link BootstrapEngineComponent} wires it as a DS component, tests construct it
 * with a fake clock and scheduler.
 */
public final class BootstrapEngineImpl implements BootstrapEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapEngineImpl.class);

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final EngineTimer timer;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final ConsistencyChecker checker;
    private final BootstrapInterfaceHandler protocol;
    private final EventDispatcher events;
    private final Map<String, DeviceRecord> devices = new ConcurrentHashMap<>();
    private final ModeRegistry modes = new ModeRegistry();
    private final EngineTasks tasks;
    private final AccountTimers accountTimers;
    /** Bounds the attempts in flight across all devices ({@link EngineSettings#maxConcurrentAttempts()}). */
    private final AttemptAdmission admission;

    private final DoubleSupplier random;
    private volatile EngineSettings settings;
    private volatile DtlsEndpointFactory dtls;
    private final KeyCodec keys;
    private volatile boolean stopped;
    /** The store's last health the engine was told of; a change is logged once here, not per device. */
    private volatile StoreHealth.Status storeStatus = StoreHealth.Status.AVAILABLE;

    /**
     * @param random uniform values in [0, 1) for the back-off jitter
     * @param keys the key service, to check the keys of a bootstrap's Security objects
     */
    public BootstrapEngineImpl(
            ObjectStore store,
            AccessControlService acl,
            LwM2mEncoder encoder,
            LwM2mDecoder decoder,
            LinkFormat linkFormat,
            ScheduledExecutorService scheduler,
            Clock clock,
            EngineSettings settings,
            DoubleSupplier random,
            KeyCodec keys) {
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timer = new EngineTimer(scheduler);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retryPolicy = new RetryPolicy(random);
        this.random = Objects.requireNonNull(random, "random");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.checker = new ConsistencyChecker(store::models, keys);
        this.protocol = new BootstrapInterfaceHandler(acl, encoder, decoder, linkFormat, store::models);
        this.events = new EventDispatcher(scheduler);
        this.tasks = new EngineTasks(scheduler);
        this.admission = new AttemptAdmission(settings.maxConcurrentAttempts(), task -> tasks.dispatch(task, "-"));
        this.accountTimers = new AccountTimers(
                store,
                clock,
                tasks,
                () -> this.settings.storeBusyDelay(),
                device -> publish(device, BootstrapEvent.Type.BOOTSTRAP_ACCOUNT_PURGED, null, null, null));
    }

    // ---- collaborators of Attempt -------------------------------------------------------------------

    BootstrapInterfaceHandler protocol() {
        return protocol;
    }

    ConsistencyChecker checker() {
        return checker;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The modes' view of {@link #scheduler()}. */
    EngineTimer timer() {
        return timer;
    }

    ObjectModelRegistry models() {
        return store.models();
    }

    Clock clock() {
        return clock;
    }

    EngineSettings settings() {
        return settings;
    }

    Optional<DtlsEndpointFactory> dtls() {
        return Optional.ofNullable(dtls);
    }

    /** The key service that reads Bootstrap-Server accounts and checks a bootstrap's keys. */
    KeyCodec keys() {
        return keys;
    }

    // ---- configuration and services ----------------------------------------------------------------

    public void updateSettings(EngineSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
        admission.setLimit(newSettings.maxConcurrentAttempts());
    }

    /** Attempts in flight now (holding an admission slot). */
    int attemptsRunning() {
        return admission.running();
    }

    /** Devices waiting for an admission slot now. */
    int attemptsQueued() {
        return admission.waiting();
    }

    public synchronized void setDtlsEndpointFactory(DtlsEndpointFactory factory) {
        this.dtls = factory;
    }

    /** Clears the DTLS factory if it is still {@code factory} (a greedy rebind may have replaced it already). */
    public synchronized void clearDtlsEndpointFactory(DtlsEndpointFactory factory) {
        if (this.dtls == factory) {
            this.dtls = null;
        }
    }

    /**
     * Binds a mode service. Its name is the {@link io.bootgate.api.bootstrap.BootstrapModeName} property, or
     * {@link BootstrapMode#name()} when the property is missing. Among several services of one name the highest
     * service ranking wins, then the oldest service.
     */
    public void bindMode(BootstrapMode mode, Map<String, ?> properties) {
        modes.bind(mode, properties);
    }

    public void unbindMode(BootstrapMode mode, Map<String, ?> properties) {
        modes.unbind(mode, properties);
    }

    /** The names of the modes currently installed. */
    public List<String> installedModes() {
        return modes.installedModes();
    }

    @Override
    public void addListener(BootstrapListener listener) {
        events.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(BootstrapListener listener) {
        events.removeListener(listener);
    }

    // ---- devices -----------------------------------------------------------------------------------

    @Override
    public void addDevice(DeviceBootstrapConfig config) {
        Objects.requireNonNull(config, "config");
        checkRunning();
        DeviceRecord known = devices.get(config.endpoint());
        if (known != null) {
            synchronized (known) {
                known.config = config;
            }
            LOG.info(
                    "device {}: bootstrap configuration updated, mode sequence {}",
                    config.endpoint(),
                    config.modeSequence());
            return;
        }
        createEndpoint(config.endpoint());
        DeviceRecord device = new DeviceRecord(config);
        if (devices.putIfAbsent(config.endpoint(), device) != null) {
            // Added concurrently by another caller: that one wins, apply this configuration on top.
            addDevice(config);
            return;
        }
        synchronized (device) {
            TreeView committed;
            try {
                committed = store.snapshot(config.endpoint());
            } catch (EndpointQuarantinedException e) {
                quarantine(device, e);
                return;
            } catch (StoreException e) {
                // The store cannot read now: the device is added all the same and runs when it can.
                LOG.warn(
                        "device {}: added, mode sequence {}; its stored configuration cannot be read now ({}), "
                                + "first run scheduled",
                        config.endpoint(),
                        config.modeSequence(),
                        e.getMessage());
                device.lastOutcome = BootstrapOutcome.failure("object store unavailable: " + e.getMessage(), e);
                device.storeFault = true;
                device.moveTo(RunState.SCHEDULED);
                scheduleRun(device, settings.storeBusyDelay());
                return;
            }
            if (checker.check(committed).isEmpty()) {
                // A consistent configuration survived a restart: the device is bootstrapped, no new run.
                device.moveTo(RunState.BOOTSTRAPPED);
                device.lastBootstrapped =
                        AccountTimers.lastBootstrapped(committed).orElse(null);
                LOG.info(
                        "device {}: added, already bootstrapped (mode sequence {})",
                        config.endpoint(),
                        config.modeSequence());
                accountTimers.schedulePurge(device, committed);
            } else {
                LOG.info("device {}: added, mode sequence {}", config.endpoint(), config.modeSequence());
                device.moveTo(RunState.SCHEDULED);
                scheduleRun(device, firstStartDelay());
            }
        }
    }

    @Override
    public boolean removeDevice(String endpoint) {
        DeviceRecord device = devices.remove(endpoint);
        if (device == null) {
            return false;
        }
        synchronized (device) {
            device.moveTo(RunState.REMOVED);
            device.cancelPending();
            device.cancelPurge();
            BootstrapOutcome outcome = BootstrapOutcome.failure("device removed");
            if (device.current != null) {
                Attempt attempt = device.current;
                device.current = null;
                attempt.end();
                ModeRegistry.attemptEnded(attempt.binding());
                LOG.info(
                        "device {}: no longer run by the engine (configuration withdrawn or engine stopping) during an "
                                + "attempt of mode '{}', rolled back; its stored objects are kept",
                        endpoint,
                        attempt.modeName());
            } else {
                // Also logged for every device at shutdown: say what happens, not "removed", which reads like deletion.
                LOG.info(
                        "device {}: no longer run by the engine (configuration withdrawn or engine stopping); its "
                                + "stored objects are kept",
                        endpoint);
            }
            device.runResult.complete(outcome);
        }
        return true;
    }

    @Override
    public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint) {
        DeviceRecord device = devices.get(endpoint);
        if (device == null) {
            throw new IllegalArgumentException("unknown device '" + endpoint + "'");
        }
        synchronized (device) {
            if (device.current != null) {
                LOG.info(
                        "device {}: bootstrap requested while an attempt of mode '{}' is in flight",
                        endpoint,
                        device.current.modeName());
                return device.runResult.minimalCompletionStage();
            }
            LOG.info("device {}: bootstrap requested", endpoint);
            device.failedRuns = 0;
            device.cancelPending();
            startRun(device);
            return device.runResult.minimalCompletionStage();
        }
    }

    @Override
    public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint, String modeName) {
        Objects.requireNonNull(modeName, "modeName");
        DeviceRecord device = devices.get(endpoint);
        if (device == null) {
            throw new IllegalArgumentException("unknown device '" + endpoint + "'");
        }
        synchronized (device) {
            if (device.current != null) {
                LOG.info(
                        "device {}: bootstrap with mode '{}' requested while an attempt of mode '{}' is in flight",
                        endpoint,
                        modeName,
                        device.current.modeName());
                return device.runResult.minimalCompletionStage();
            }
            if (modes.resolve(modeName).isEmpty()) {
                // Nothing is started and the device's state is left alone: the requester learns why at once.
                String reason =
                        "bootstrap mode '" + modeName + "' is not installed (installed: " + installedModes() + ")";
                LOG.warn("device {}: bootstrap with mode '{}' requested, but {}", endpoint, modeName, reason);
                return CompletableFuture.completedFuture(BootstrapOutcome.failure(reason));
            }
            LOG.info("device {}: bootstrap with mode '{}' requested", endpoint, modeName);
            device.failedRuns = 0;
            device.cancelPending();
            startRun(device, List.of(modeName));
            return device.runResult.minimalCompletionStage();
        }
    }

    @Override
    public Optional<DeviceBootstrapStatus> state(String endpoint) {
        DeviceRecord device = devices.get(endpoint);
        if (device == null) {
            return Optional.empty();
        }
        synchronized (device) {
            return Optional.of(device.status());
        }
    }

    @Override
    public List<String> devices() {
        return List.copyOf(new java.util.TreeSet<>(devices.keySet()));
    }

    /**
     * Stops the engine: ends every attempt in flight (rolled back unless already committed) and cancels
     * every timer. The scheduler belongs to the caller.
     */
    public void shutdown() {
        stopped = true;
        for (DeviceRecord device : devices.values()) {
            synchronized (device) {
                if (device.state() == RunState.REMOVED) {
                    continue;
                }
                device.moveTo(RunState.REMOVED);
                device.cancelPending();
                device.cancelPurge();
                if (device.current != null) {
                    Attempt attempt = device.current;
                    device.current = null;
                    attempt.end();
                    ModeRegistry.attemptEnded(attempt.binding());
                    LOG.info(
                            "device {}: attempt of mode '{}' ended by engine shutdown",
                            device.endpoint,
                            attempt.modeName());
                }
                device.runResult.complete(BootstrapOutcome.failure("bootstrap engine stopped"));
            }
        }
        devices.clear();
    }

    private void checkRunning() {
        if (stopped) {
            throw new IllegalStateException("the bootstrap engine is stopped");
        }
    }

    // ---- the state machine (all under the device's monitor) ----------------------------------------

    private void scheduleRun(DeviceRecord device, Duration delay) {
        device.cancelPending();
        long generation = device.pendingGeneration;
        device.nextRun = clock.instant().plus(delay);
        device.pending = tasks.schedule(
                () -> {
                    synchronized (device) {
                        // A run requested meanwhile cancelled this one; if it had already started it is waiting here.
                        if (device.state() == RunState.REMOVED
                                || device.current != null
                                || device.pendingGeneration != generation) {
                            return;
                        }
                        device.pending = null;
                        guarded(device, () -> startRun(device));
                    }
                },
                delay,
                device.endpoint);
    }

    /** A random share of the first-start jitter, so that devices added together spread their first runs. */
    private Duration firstStartDelay() {
        long jitterMillis = settings.firstStartJitter().toMillis();
        if (jitterMillis <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) (random.getAsDouble() * jitterMillis));
    }

    private void startRun(DeviceRecord device) {
        startRun(device, device.config.modeSequence());
    }

    private void startRun(DeviceRecord device, List<String> sequence) {
        device.cancelPending();
        device.storeFault = false;
        device.runSequence = List.copyOf(sequence);
        device.modeIndex = 0;
        device.heldOffIndex = -1;
        device.runAttempted = false;
        if (device.runResult.isDone()) {
            device.runResult = new CompletableFuture<>();
        }
        tryNextMode(device);
    }

    /** Resumes the run at the same mode after a hold-off or a busy store, unless something changed meanwhile. */
    private void resume(DeviceRecord device, int modeIndex) {
        synchronized (device) {
            if (device.state() == RunState.REMOVED || device.current != null || device.modeIndex != modeIndex) {
                return;
            }
            device.pending = null;
            device.nextRun = null;
            guarded(device, () -> tryNextMode(device));
        }
    }

    private void tryNextMode(DeviceRecord device) {
        List<String> sequence = device.runSequence;
        while (device.modeIndex < sequence.size()) {
            String name = sequence.get(device.modeIndex);
            Optional<ModeBinding> binding = modes.resolve(name);
            if (binding.isEmpty()) {
                LOG.info("device {}: bootstrap mode '{}' is not installed, skipped", device.endpoint, name);
                publish(device, BootstrapEvent.Type.MODE_SKIPPED, name, null, null);
                device.modeIndex++;
                continue;
            }
            if (binding.get().clientInitiated() && device.heldOffIndex != device.modeIndex) {
                device.heldOffIndex = device.modeIndex;
                Duration holdOff;
                try {
                    holdOff = accountTimers.clientHoldOff(device.endpoint);
                } catch (EndpointQuarantinedException e) {
                    quarantine(device, e);
                    return;
                } catch (StoreException e) {
                    // Without the account the hold-off is unknown; the attempt below meets the same fault.
                    holdOff = Duration.ZERO;
                }
                if (!holdOff.isZero()) {
                    LOG.info(
                            "device {}: waiting the Client Hold Off Time of {} s before mode '{}'",
                            device.endpoint,
                            holdOff.toSeconds(),
                            name);
                    device.moveTo(RunState.WAITING);
                    int index = device.modeIndex;
                    device.nextRun = clock.instant().plus(holdOff);
                    device.pending = tasks.schedule(() -> resume(device, index), holdOff, device.endpoint);
                    return;
                }
            }
            if (device.slot == null) {
                device.slot = admission.tryAcquire();
                if (device.slot == null) {
                    queue(device, name);
                    return;
                }
            }
            if (beginAttempt(device, binding.get())) {
                return;
            }
            // Not started (store busy, quarantined, store fault): the slot goes to the next device.
            device.releaseSlot();
            if (device.state() == RunState.QUARANTINED) {
                return;
            }
            if (device.pending != null) {
                // The store was busy: the same mode is retried shortly.
                return;
            }
            device.modeIndex++;
        }
        runFailed(device);
    }

    /**
     * Puts the device in the admission queue before an attempt of mode {@code name}; it resumes at the same mode
     * when a slot is granted. Nothing of the attempt exists yet, so no EXCHANGE_LIFETIME runs while it waits.
     */
    private void queue(DeviceRecord device, String name) {
        LOG.debug(
                "device {}: {} bootstrap attempts in flight, mode '{}' queued ({} waiting)",
                device.endpoint,
                admission.limit(),
                name,
                admission.waiting() + 1);
        device.moveTo(RunState.QUEUED);
        int index = device.modeIndex;
        long generation = device.pendingGeneration;
        device.queued = admission.enqueue(slot -> admitted(device, index, generation, slot));
    }

    /** A queued device got its slot: resume its run at the mode it waited for, unless something changed. */
    private void admitted(DeviceRecord device, int modeIndex, long generation, AttemptAdmission.Slot slot) {
        synchronized (device) {
            if (device.state() != RunState.QUEUED
                    || device.current != null
                    || device.modeIndex != modeIndex
                    || device.pendingGeneration != generation) {
                // Removed, or its run was cancelled or restarted meanwhile: pass the slot on.
                slot.release();
                return;
            }
            device.queued = null;
            device.releaseSlot();
            device.slot = slot;
            guarded(device, () -> tryNextMode(device));
            if (device.current == null && device.state() != RunState.QUEUED) {
                // tryNextMode threw or ended the run without an attempt: do not keep the slot.
                device.releaseSlot();
            }
        }
    }

    /**
     * @return whether an attempt is now in flight; when not, either a retry of the same mode is pending
     *         ({@code device.pending}) or the mode failed to start (go on with the next one)
     */
    private boolean beginAttempt(DeviceRecord device, ModeBinding binding) {
        StoreTransaction tx;
        try {
            tx = store.begin(device.endpoint, Duration.ZERO);
        } catch (EndpointBusyException e) {
            Duration delay = settings.storeBusyDelay();
            LOG.debug(
                    "device {}: object store busy, mode '{}' retried in {} ms",
                    device.endpoint,
                    binding.name(),
                    delay.toMillis());
            int index = device.modeIndex;
            device.moveTo(RunState.WAITING);
            device.pending = tasks.schedule(() -> resume(device, index), delay, device.endpoint);
            return false;
        } catch (EndpointQuarantinedException e) {
            quarantine(device, e);
            return false;
        } catch (StoreUnavailableException e) {
            // Logged once by healthChanged, not here per device and attempt.
            LOG.debug(
                    "device {}: mode '{}' not attempted, the object store cannot write: {}",
                    device.endpoint,
                    binding.name(),
                    e.getMessage());
            device.runAttempted = true;
            device.storeFault = true;
            // The message says "object store unavailable (DEGRADED): <kind of fault>", safe to show.
            device.lastOutcome = BootstrapOutcome.failure(e.getMessage(), e);
            device.modeIndex = device.runSequence.size() - 1;
            return false;
        } catch (StoreException e) {
            LOG.warn(
                    "device {}: mode '{}' not attempted, the object store failed: {}",
                    device.endpoint,
                    binding.name(),
                    e.getMessage(),
                    e);
            device.runAttempted = true;
            device.storeFault = true;
            device.lastOutcome = BootstrapOutcome.failure("object store unavailable", e);
            return false;
        }
        Attempt attempt = new Attempt(this, device.config, binding, tx);
        // The attempt holds the admission slot until it ends, however it ends.
        attempt.holdSlot(device.slot);
        device.slot = null;
        device.moveTo(RunState.ATTEMPTING);
        device.current = attempt;
        device.runAttempted = true;
        device.nextRun = null;
        binding.attemptStarted();
        attempt.startTimer();
        LOG.info("device {}: bootstrap attempt with mode '{}'", device.endpoint, binding.name());
        publish(device, BootstrapEvent.Type.ATTEMPT_STARTED, binding.name(), null, null);
        CompletionStage<BootstrapOutcome> stage;
        try {
            stage = binding.mode().attempt(attempt);
            if (stage == null) {
                stage = CompletableFuture.failedFuture(new IllegalStateException("attempt() returned null"));
            }
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete(
                (outcome, error) -> tasks.dispatch(() -> modeCompleted(attempt, outcome, error), device.endpoint));
        return true;
    }

    private void modeCompleted(Attempt attempt, BootstrapOutcome outcome, Throwable error) {
        DeviceRecord device = devices.get(attempt.endpoint());
        if (device == null) {
            return;
        }
        synchronized (device) {
            if (device.current != attempt) {
                // Ended already (EXCHANGE_LIFETIME, removal, shutdown): the mode's late word changes nothing.
                LOG.debug("device {}: late outcome of mode '{}' ignored", attempt.endpoint(), attempt.modeName());
                return;
            }
            BootstrapOutcome reported = error != null
                    ? BootstrapOutcome.failure(
                            "mode '" + attempt.modeName() + "' failed: " + unwrap(error), unwrap(error))
                    : outcome;
            BootstrapOutcome effective;
            if (attempt.isCommitted()) {
                if (!reported.isSuccess()) {
                    LOG.warn(
                            "device {}: mode '{}' reported {} after its configuration was committed; the device"
                                    + " counts as bootstrapped",
                            device.endpoint,
                            attempt.modeName(),
                            reported);
                }
                effective = BootstrapOutcome.success();
            } else if (reported.isSuccess()) {
                LOG.warn(
                        "device {}: mode '{}' reported success without a consistent Bootstrap-Finish; counted as"
                                + " a failure",
                        device.endpoint,
                        attempt.modeName());
                effective = BootstrapOutcome.failure(
                        "mode '" + attempt.modeName() + "' reported success without a consistent Bootstrap-Finish");
            } else {
                effective = reported;
            }
            device.current = null;
            attempt.end();
            ModeRegistry.attemptEnded(attempt.binding());
            guarded(device, () -> attemptEnded(device, attempt, effective));
        }
    }

    void attemptTimedOut(Attempt attempt) {
        DeviceRecord device = devices.get(attempt.endpoint());
        if (device == null) {
            return;
        }
        synchronized (device) {
            if (device.current != attempt) {
                return;
            }
            BootstrapOutcome outcome;
            if (attempt.isCommitted()) {
                outcome = BootstrapOutcome.success();
            } else {
                long seconds = settings.exchangeLifetime().toSeconds();
                LOG.warn(
                        "device {}: no Bootstrap-Finish within {} s of the last command; attempt of mode '{}'"
                                + " failed and was rolled back",
                        device.endpoint,
                        seconds,
                        attempt.modeName());
                outcome = BootstrapOutcome.failure(
                        "no Bootstrap-Finish within " + seconds + " s of the last command (EXCHANGE_LIFETIME)");
            }
            device.current = null;
            attempt.end();
            ModeRegistry.attemptEnded(attempt.binding());
            BootstrapOutcome ended = outcome;
            guarded(device, () -> attemptEnded(device, attempt, ended));
        }
    }

    private void attemptEnded(DeviceRecord device, Attempt attempt, BootstrapOutcome outcome) {
        device.lastOutcome = outcome;
        publish(device, BootstrapEvent.Type.ATTEMPT_ENDED, attempt.modeName(), outcome, null);
        if (outcome.isSuccess()) {
            device.moveTo(RunState.BOOTSTRAPPED);
            device.failedRuns = 0;
            device.lastBootstrapped = attempt.committedAt().orElse(clock.instant());
            LOG.info("device {}: bootstrapped by mode '{}'", device.endpoint, attempt.modeName());
            publish(device, BootstrapEvent.Type.BOOTSTRAPPED, attempt.modeName(), outcome, null);
            device.storeFault = false;
            device.runResult.complete(outcome);
            try {
                accountTimers.schedulePurge(device, store.snapshot(device.endpoint));
            } catch (StoreException e) {
                LOG.warn(
                        "device {}: bootstrapped, but its Bootstrap-Server account timeout cannot be scheduled, the "
                                + "object store cannot be read: {}",
                        device.endpoint,
                        e.getMessage());
            }
            return;
        }
        if (attempt.storeFailed()) {
            device.storeFault = true;
        }
        if (outcome.status() == BootstrapOutcome.Status.NOT_APPLICABLE) {
            LOG.info("device {}: mode '{}' not applicable: {}", device.endpoint, attempt.modeName(), outcome.detail());
        } else {
            LOG.info("device {}: mode '{}' failed: {}", device.endpoint, attempt.modeName(), outcome);
        }
        device.modeIndex++;
        tryNextMode(device);
    }

    private void runFailed(DeviceRecord device) {
        if (!device.runAttempted) {
            device.lastOutcome =
                    BootstrapOutcome.failure("none of the bootstrap modes " + device.runSequence + " is installed");
        }
        BootstrapOutcome outcome = device.lastOutcome;
        device.failedRuns++;
        if (!store.health().available()) {
            device.storeFault = true;
        }
        RetrySettings retry = retrySettings(device);
        Optional<Duration> delay = retryPolicy.nextDelay(retry, device.failedRuns);
        if (delay.isEmpty()) {
            device.moveTo(RunState.FAILED);
            device.nextRun = null;
            LOG.warn(
                    "device {}: bootstrap failed in {} runs in a row, giving up until a bootstrap is requested;"
                            + " last outcome: {}",
                    device.endpoint,
                    device.failedRuns,
                    outcome);
            publish(device, BootstrapEvent.Type.GAVE_UP, null, outcome, null);
        } else {
            device.moveTo(RunState.BACKING_OFF);
            if (device.storeFault && storeStatus != StoreHealth.Status.AVAILABLE) {
                // The store's state change is logged once (healthChanged); a line per device would flood the log.
                LOG.debug(
                        "device {}: run {} failed, the object store cannot write; next run in {} s or when it heals",
                        device.endpoint,
                        device.failedRuns,
                        delay.get().toSeconds());
            } else {
                LOG.info(
                        "device {}: every bootstrap mode failed (run {}), next run in {} s; last outcome: {}",
                        device.endpoint,
                        device.failedRuns,
                        delay.get().toSeconds(),
                        outcome);
            }
            scheduleRun(device, delay.get());
            publish(device, BootstrapEvent.Type.SEQUENCE_FAILED, null, outcome, delay.get());
        }
        device.runResult.complete(outcome);
    }

    /** The engine's retry settings, overridden by the device's stored Server object when it can be read. */
    private RetrySettings retrySettings(DeviceRecord device) {
        try {
            return settings.retry().withProvisioned(ProvisionedRetry.of(store.snapshot(device.endpoint)));
        } catch (StoreException e) {
            LOG.debug(
                    "device {}: stored retry settings cannot be read ({}), the engine's apply",
                    device.endpoint,
                    e.getMessage());
            return settings.retry();
        }
    }

    // ---- store faults --------------------------------------------------------------------------------

    private void createEndpoint(String endpoint) {
        try {
            store.createEndpoint(endpoint);
        } catch (StoreException e) {
            // Exists already (the common case) or cannot be written now: the first attempt meets the fault.
            LOG.debug("device {}: store entry not created now: {}", endpoint, e.getMessage());
        }
    }

    /** The device's entry is unreadable: no retries in a loop, the operator recovers it (see README). */
    private void quarantine(DeviceRecord device, EndpointQuarantinedException e) {
        device.cancelPending();
        device.nextRun = null;
        device.moveTo(RunState.QUARANTINED);
        device.lastOutcome = BootstrapOutcome.failure("stored entry quarantined: " + e.reason(), e);
        LOG.error(
                "device {}: QUARANTINED, its stored entry is unreadable ({}); the device is not retried. To recover, "
                        + "delete the entry (the engine then bootstraps the device into a fresh one) or restore the store "
                        + "from a backup",
                device.endpoint,
                e.reason());
        publish(device, BootstrapEvent.Type.GAVE_UP, null, device.lastOutcome, null);
        device.runResult.complete(device.lastOutcome);
    }

    /**
     * Runs one step of a device's state machine; an exception it throws leaves the device in a defined state
     * (BACKING_OFF with the cause, the next run scheduled) instead of escaping to the scheduler.
     */
    private void guarded(DeviceRecord device, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (device.state() == RunState.REMOVED) {
                return;
            }
            if (device.current != null) {
                Attempt attempt = device.current;
                device.current = null;
                attempt.end();
                ModeRegistry.attemptEnded(attempt.binding());
            }
            device.lastOutcome = BootstrapOutcome.failure("bootstrap engine step failed: " + e.getMessage(), e);
            if (device.state() == RunState.ADDED) {
                device.moveTo(RunState.SCHEDULED);
            }
            device.moveTo(RunState.BACKING_OFF);
            Duration delay = retryPolicy
                    .nextDelay(settings.retry(), Math.max(1, device.failedRuns))
                    .orElse(settings.retry().retryTimer());
            LOG.warn(
                    "device {}: bootstrap step failed ({}), next run in {} s",
                    device.endpoint,
                    e.toString(),
                    delay.toSeconds(),
                    e);
            scheduleRun(device, delay);
            publish(device, BootstrapEvent.Type.SEQUENCE_FAILED, null, device.lastOutcome, delay);
            device.runResult.complete(device.lastOutcome);
        }
    }

    /**
     * The store's health changed: logged once here; when it can write again, every device whose run failed on
     * the store is retried now instead of at the end of its back-off.
     */
    public void storeHealthChanged(StoreHealth health) {
        StoreHealth.Status previous = storeStatus;
        storeStatus = health.status();
        if (previous == health.status()) {
            return;
        }
        if (!health.available()) {
            LOG.warn(
                    "object store {} ({}): bootstrap attempts fail and are retried when it heals",
                    health.status(),
                    health.cause());
            return;
        }
        List<DeviceRecord> waiting = devices.values().stream()
                .filter(d -> {
                    synchronized (d) {
                        return d.storeFault
                                && (d.state() == RunState.BACKING_OFF
                                        || d.state() == RunState.FAILED
                                        || d.state() == RunState.SCHEDULED);
                    }
                })
                .toList();
        LOG.info("object store available again; retrying {} device(s) whose run failed on it", waiting.size());
        for (DeviceRecord device : waiting) {
            tasks.dispatch(
                    () -> {
                        synchronized (device) {
                            if (!device.storeFault || device.current != null || device.state() == RunState.REMOVED) {
                                return;
                            }
                            device.storeFault = false;
                            device.failedRuns = 0;
                            guarded(device, () -> startRun(device));
                        }
                    },
                    device.endpoint);
        }
    }

    /** A deleted entry of a quarantined device is the operator's recovery: bootstrap it into a fresh entry. */
    public void storeChanged(StoreEvent event) {
        if (event.kind() != StoreEvent.Kind.DELETED) {
            return;
        }
        DeviceRecord device = devices.get(event.endpoint());
        if (device == null) {
            return;
        }
        tasks.dispatch(
                () -> {
                    synchronized (device) {
                        if (device.state() != RunState.QUARANTINED) {
                            return;
                        }
                        LOG.info(
                                "device {}: quarantined entry deleted, bootstrapping it into a fresh entry",
                                device.endpoint);
                        createEndpoint(device.endpoint);
                        device.failedRuns = 0;
                        guarded(device, () -> startRun(device));
                    }
                },
                device.endpoint);
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private void publish(
            DeviceRecord device, BootstrapEvent.Type type, String mode, BootstrapOutcome outcome, Duration retryDelay) {
        events.publish(new BootstrapEvent(
                device.endpoint,
                type,
                clock.instant(),
                Optional.ofNullable(mode),
                Optional.ofNullable(outcome),
                Optional.ofNullable(retryDelay)));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
