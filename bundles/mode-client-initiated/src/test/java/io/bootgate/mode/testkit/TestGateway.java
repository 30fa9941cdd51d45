/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.ClientInitiated;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DefaultDtlsEndpointFactory;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.engine.internal.BootstrapEngineImpl;
import io.bootgate.engine.internal.EngineSettings;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The parts of a Bootgate gateway a bootstrap mode runs on, assembled without OSGi exactly as the DS
 * components wire them: the real object store (in memory), codec, ACL service, DTLS endpoint factory and
 * bootstrap engine, on a real scheduler and clock.
 * <p>
 * Failed runs are retried only after an hour, so a test sees exactly the run it asked for.
 */
public final class TestGateway implements AutoCloseable {

    private final MvObjectStore store;
    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
    private final AccessControlService accessControl;
    private final DefaultDtlsEndpointFactory dtls;
    private final ScheduledThreadPoolExecutor scheduler;
    private final BootstrapEngineImpl engine;
    private final List<BootstrapEvent> events = new CopyOnWriteArrayList<>();

    /**
     * @param accessControl makes the ACL service on the store's object definitions
     * @param exchangeLifetime the engine's EXCHANGE_LIFETIME (shortened by tests of the timeout)
     */
    public TestGateway(Function<ObjectStore, AccessControlService> accessControl, Duration exchangeLifetime) {
        this(accessControl, exchangeLifetime, Configurations.defaults(DtlsFactoryConfiguration.class));
    }

    /**
     * @param accessControl makes the ACL service on the store's object definitions
     * @param exchangeLifetime the engine's EXCHANGE_LIFETIME (shortened by tests of the timeout)
     * @param dtlsConfiguration the DTLS factory's configuration (shorter flight retransmissions for lossy links)
     */
    public TestGateway(
            Function<ObjectStore, AccessControlService> accessControl,
            Duration exchangeLifetime,
            DtlsFactoryConfiguration dtlsConfiguration) {
        this(accessControl, exchangeLifetime, dtlsConfiguration, StoreOptions.inMemory(ObjectModelRegistry::standard));
    }

    /**
     * @param storeOptions where the object store lives (a file, for tests that kill and restart the gateway)
     */
    public TestGateway(
            Function<ObjectStore, AccessControlService> accessControl,
            Duration exchangeLifetime,
            DtlsFactoryConfiguration dtlsConfiguration,
            StoreOptions storeOptions) {
        this(
                accessControl,
                exchangeLifetime,
                dtlsConfiguration,
                storeOptions,
                new RetrySettings(Duration.ofHours(1), 1, Duration.ofHours(1), 0, Duration.ofHours(2), 0));
    }

    /**
     * @param retry the engine's retry policy, for tests in which the engine itself must try again (by default
     *            failed runs are retried only after an hour)
     */
    public TestGateway(
            Function<ObjectStore, AccessControlService> accessControl,
            Duration exchangeLifetime,
            DtlsFactoryConfiguration dtlsConfiguration,
            StoreOptions storeOptions,
            RetrySettings retry) {
        this.store = MvObjectStore.open(storeOptions);
        this.accessControl = accessControl.apply(store);
        try {
            this.dtls = new DefaultDtlsEndpointFactory(dtlsConfiguration);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("cannot start the DTLS endpoint factory", e);
        }
        this.scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        this.engine = new BootstrapEngineImpl(
                store,
                this.accessControl,
                codec,
                codec,
                new DefaultLinkFormat(),
                scheduler,
                Clock.systemUTC(),
                new EngineSettings(exchangeLifetime, retry, Duration.ofMillis(200)),
                Math::random,
                new DefaultKeyCodec());
        engine.setDtlsEndpointFactory(dtls);
        engine.addListener(events::add);
    }

    /** Installs a mode as DS would bind its service, with the properties of its component property types. */
    public void install(BootstrapMode mode, boolean clientInitiated) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(BootstrapModeName.PROPERTY, mode.name());
        if (clientInitiated) {
            properties.put(ClientInitiated.PROPERTY, Boolean.TRUE);
        }
        properties.put("service.id", (long) System.identityHashCode(mode));
        engine.bindMode(mode, properties);
    }

    /** Adds the device and runs its mode sequence now. */
    public CompletionStage<BootstrapOutcome> bootstrap(DeviceBootstrapConfig device) {
        engine.addDevice(device);
        return engine.requestBootstrap(device.endpoint());
    }

    public MvObjectStore store() {
        return store;
    }

    public DefaultLwM2mCodec codec() {
        return codec;
    }

    public AccessControlService accessControl() {
        return accessControl;
    }

    public DtlsEndpointFactory dtls() {
        return dtls;
    }

    public BootstrapEngineImpl engine() {
        return engine;
    }

    /** The engine's events so far. */
    public List<BootstrapEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        engine.shutdown();
        dtls.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
