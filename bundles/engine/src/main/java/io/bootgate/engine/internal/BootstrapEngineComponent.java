/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreHealthListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BootstrapEngine} service. Modes and listeners are bound dynamically (greedy), so installing or
 * removing a mode feature never restarts the engine; a configuration change is applied in place.
 */
// Immediate: the engine drives devices' bootstraps in the background; as a delayed component it would only run
// while some bundle happened to hold the service, and stop (dropping back-off timers) when the last one let go.
// Also a store health and change listener (whiteboard): devices that failed on the store are retried when it heals,
// and a quarantined device whose entry the operator deleted is bootstrapped into a fresh entry. Those two listeners
// are registered by hand once the engine runs: as services of this component, the store (which binds listeners and
// is referenced here) would ask SCR for this component while activating it, and Felix reports a service cycle.
@Component(service = BootstrapEngine.class, configurationPid = BootstrapEngineComponent.PID, immediate = true)
@Designate(ocd = EngineConfiguration.class)
public final class BootstrapEngineComponent implements BootstrapEngine, StoreHealthListener, ObjectStoreListener {

    public static final String PID = "io.bootgate.engine";

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapEngineComponent.class);

    private final ScheduledThreadPoolExecutor scheduler;
    private final BootstrapEngineImpl engine;
    private final List<ServiceRegistration<?>> storeListeners = new ArrayList<>();

    @Activate
    public BootstrapEngineComponent(
            @Reference ObjectStore store,
            @Reference AccessControlService acl,
            @Reference LwM2mEncoder encoder,
            @Reference LwM2mDecoder decoder,
            @Reference LinkFormat linkFormat,
            @Reference KeyCodec keys,
            EngineConfiguration configuration,
            BundleContext context) {
        this.scheduler = new ScheduledThreadPoolExecutor(configuration.threads(), new EngineThreads());
        // Cancelled timers (every answered Finish cancels one) must not pile up in the queue of 10,000 devices.
        scheduler.setRemoveOnCancelPolicy(true);
        this.engine = new BootstrapEngineImpl(
                store,
                acl,
                encoder,
                decoder,
                linkFormat,
                scheduler,
                Clock.systemUTC(),
                settings(configuration),
                () -> ThreadLocalRandom.current().nextDouble(),
                keys);
        storeListeners.add(context.registerService(StoreHealthListener.class, this, null));
        storeListeners.add(context.registerService(ObjectStoreListener.class, this, null));
        LOG.info("bootstrap engine started with {} thread(s)", configuration.threads());
    }

    static EngineSettings settings(EngineConfiguration c) {
        RetrySettings retry = new RetrySettings(
                Duration.ofSeconds(c.retryTimerSeconds()),
                c.retryCount(),
                Duration.ofSeconds(c.sequenceDelaySeconds()),
                c.sequenceRetryCount(),
                Duration.ofSeconds(c.maxDelaySeconds()),
                c.jitter());
        return new EngineSettings(
                Duration.ofSeconds(c.exchangeLifetimeSeconds()),
                retry,
                Duration.ofMillis(c.storeBusyDelayMillis()),
                c.maxConcurrentAttempts(),
                Duration.ofMillis(c.firstStartJitterMillis()));
    }

    @Modified
    void modified(EngineConfiguration configuration) {
        engine.updateSettings(settings(configuration));
        scheduler.setCorePoolSize(configuration.threads());
        LOG.info(
                "bootstrap engine reconfigured: {} thread(s), retry timer {} s, EXCHANGE_LIFETIME {} s, at most {}"
                        + " attempts at once, first-start jitter {} ms",
                configuration.threads(),
                configuration.retryTimerSeconds(),
                configuration.exchangeLifetimeSeconds(),
                configuration.maxConcurrentAttempts(),
                configuration.firstStartJitterMillis());
    }

    @Deactivate
    void deactivate() {
        storeListeners.forEach(ServiceRegistration::unregister);
        storeListeners.clear();
        engine.shutdown();
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("bootstrap engine threads still running 5 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("bootstrap engine stopped");
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMode(BootstrapMode mode, Map<String, Object> properties) {
        engine.bindMode(mode, properties);
    }

    void unbindMode(BootstrapMode mode, Map<String, Object> properties) {
        engine.unbindMode(mode, properties);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDtls(DtlsEndpointFactory factory) {
        engine.setDtlsEndpointFactory(factory);
    }

    void unbindDtls(DtlsEndpointFactory factory) {
        engine.clearDtlsEndpointFactory(factory);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(BootstrapListener listener) {
        engine.addListener(listener);
    }

    void unbindListener(BootstrapListener listener) {
        engine.removeListener(listener);
    }

    @Override
    public void healthChanged(StoreHealth health) {
        engine.storeHealthChanged(health);
    }

    @Override
    public void changed(StoreEvent event) {
        engine.storeChanged(event);
    }

    @Override
    public void addDevice(DeviceBootstrapConfig config) {
        engine.addDevice(config);
    }

    @Override
    public boolean removeDevice(String endpoint) {
        return engine.removeDevice(endpoint);
    }

    @Override
    public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint) {
        return engine.requestBootstrap(endpoint);
    }

    @Override
    public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint, String modeName) {
        return engine.requestBootstrap(endpoint, modeName);
    }

    @Override
    public Optional<DeviceBootstrapStatus> state(String endpoint) {
        return engine.state(endpoint);
    }

    @Override
    public List<String> devices() {
        return engine.devices();
    }

    @Override
    public void addListener(BootstrapListener listener) {
        engine.addListener(listener);
    }

    @Override
    public void removeListener(BootstrapListener listener) {
        engine.removeListener(listener);
    }

    /** Named daemon threads, so that a thread dump shows whose they are and they never block a JVM exit. */
    private static final class EngineThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "bootgate-engine-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
