/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.testkit;

import io.bootgate.acl.DefaultAccessControl;
import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.WriteMode;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.internal.BootstrapEngineImpl;
import io.bootgate.engine.internal.EngineSettings;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.store.MvObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine on the real object store (in memory), the real ACL service and the real codec, with a fake clock
 * and scheduler. Everything runs on the test thread.
 */
public final class EngineFixture implements AutoCloseable {

    public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    public final ManualClock clock = new ManualClock(START);
    public final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Path storeDirectory;
    /** Whether the fixture made {@link #storeDirectory} and deletes it at close. */
    private final boolean ownsStoreDirectory;

    public final MvObjectStore store;
    public final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
    public final AccessControlService acl = new DefaultAccessControl();
    public final BootstrapEngineImpl engine;
    public final List<BootstrapEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong serviceIds = new AtomicLong(100);

    public EngineFixture() {
        this(EngineSettings.defaults());
    }

    public EngineFixture(EngineSettings settings) {
        this(settings, () -> 0.0);
    }

    /** The engine with random values from {@code random} (back-off and first-start jitter). */
    public EngineFixture(EngineSettings settings, java.util.function.DoubleSupplier random) {
        this(settings, TestStores.newDirectory(), true, TestStores::open, random);
    }

    /** The engine on a store the caller opens in its own directory (e.g. on a faulty file system). */
    public EngineFixture(
            EngineSettings settings, Path storeDirectory, java.util.function.Function<Path, MvObjectStore> openStore) {
        this(settings, storeDirectory, false, openStore, () -> 0.0);
    }

    private EngineFixture(
            EngineSettings settings,
            Path storeDirectory,
            boolean ownsStoreDirectory,
            java.util.function.Function<Path, MvObjectStore> openStore,
            java.util.function.DoubleSupplier random) {
        this.storeDirectory = storeDirectory;
        this.ownsStoreDirectory = ownsStoreDirectory;
        this.store = openStore.apply(storeDirectory);
        // Jitter is drawn as 0 by default so that tests can assert the computed delays exactly.
        this.engine = new BootstrapEngineImpl(
                store,
                acl,
                codec,
                codec,
                new DefaultLinkFormat(),
                scheduler,
                clock,
                settings,
                random,
                new DefaultKeyCodec());
        engine.addListener(events::add);
    }

    /** Settings with the given retry schedule and no jitter. */
    public static EngineSettings settings(RetrySettings retry) {
        return new EngineSettings(EngineSettings.EXCHANGE_LIFETIME, retry, Duration.ofSeconds(1));
    }

    /** Registers a mode as DS would, with the next service id. */
    public void install(ScriptedMode mode) {
        engine.bindMode(mode, mode.properties(serviceIds.incrementAndGet()));
    }

    public void uninstall(ScriptedMode mode) {
        engine.unbindMode(mode, mode.properties(0));
    }

    public void install(BootstrapMode mode, java.util.Map<String, Object> properties) {
        engine.bindMode(mode, properties);
    }

    /** Adds a device and runs its first run on the spot; returns the outcome of that run. */
    public CompletionStage<BootstrapOutcome> addDevice(String endpoint, String... modes) {
        return addDevice(DeviceBootstrapConfig.of(endpoint, List.of(modes)));
    }

    public CompletionStage<BootstrapOutcome> addDevice(DeviceBootstrapConfig config) {
        engine.addDevice(config);
        // Starts the run now instead of at the scheduled first run, to hold its outcome.
        CompletionStage<BootstrapOutcome> run = engine.requestBootstrap(config.endpoint());
        scheduler.runDue();
        return run;
    }

    /** Commits the given instances to the device's store, outside of any bootstrap. */
    public void commit(String endpoint, LwM2mPath objectPath, ObjectInstance... instances) {
        store.createEndpoint(endpoint);
        try (StoreTransaction tx = store.begin(endpoint)) {
            for (ObjectInstance instance : instances) {
                tx.write(objectPath.append(instance.id()), instance, WriteMode.REPLACE);
            }
            tx.commit();
        }
    }

    public TreeView snapshot(String endpoint) {
        return store.snapshot(endpoint);
    }

    public BootstrapServerScript bootstrapServer() {
        return new BootstrapServerScript(codec, store.models());
    }

    /** Event types seen so far for a device, in order. */
    public List<BootstrapEvent.Type> eventTypes(String endpoint) {
        scheduler.runDue();
        return events.stream()
                .filter(e -> e.endpoint().equals(endpoint))
                .map(BootstrapEvent::type)
                .toList();
    }

    @Override
    public void close() {
        engine.shutdown();
        scheduler.shutdownNow();
        store.close();
        if (ownsStoreDirectory) {
            TestStores.delete(storeDirectory);
        }
    }
}
