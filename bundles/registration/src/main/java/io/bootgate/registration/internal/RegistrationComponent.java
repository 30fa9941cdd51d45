/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.dm.DeviceManagement;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.registration.RegistrationListener;
import io.bootgate.api.registration.ServerRegistration;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.StoreEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
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
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeviceRegistrations} service: registers every bootstrapped device with its LwM2M servers. Listens to
 * store commits and bootstrap events; {@link RegistrationListener}s are bound as a whiteboard.
 */
// Immediate: registrations run in the background whether or not anybody holds the service. The store and bootstrap
// listeners are registered by hand once it runs: as services of this component, the store and the engine (both
// referenced here, both binding their listeners) would ask SCR for this component while it is being activated.
@Component(service = DeviceRegistrations.class, configurationPid = RegistrationComponent.PID, immediate = true)
@Designate(ocd = RegistrationConfiguration.class)
public final class RegistrationComponent implements DeviceRegistrations, ObjectStoreListener, BootstrapListener {

    public static final String PID = "io.bootgate.registration";

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationComponent.class);
    private static final long LOCATION_FLUSH_MILLIS = 1000;

    private final ScheduledThreadPoolExecutor scheduler;
    private final RegistrationManager manager;
    private final List<ServiceRegistration<?>> listeners = new ArrayList<>();

    @Activate
    public RegistrationComponent(
            @Reference ObjectStore store,
            @Reference BootstrapEngine engine,
            @Reference AccessControlService acl,
            @Reference DtlsEndpointFactory dtls,
            @Reference KeyCodec keys,
            RegistrationConfiguration configuration,
            BundleContext context) {
        this.scheduler = new ScheduledThreadPoolExecutor(configuration.threads(), new RegistrationThreads());
        // Every Update reschedules a timer: cancelled ones must not pile up for 10,000 devices.
        scheduler.setRemoveOnCancelPolicy(true);
        Path directory = directory(configuration, context);
        LocationFile locations;
        try {
            locations = new LocationFile(directory, scheduler, LOCATION_FLUSH_MILLIS);
        } catch (IOException e) {
            scheduler.shutdownNow();
            throw new UncheckedIOException("cannot open the registration locations in " + directory, e);
        }
        int min = Math.min(configuration.updateAtMinPercent(), configuration.updateAtMaxPercent());
        int max = Math.max(configuration.updateAtMinPercent(), configuration.updateAtMaxPercent());
        RegistrationManager.Settings settings = new RegistrationManager.Settings(
                Duration.ofSeconds(configuration.requestTimeoutSeconds()),
                min / 100.0,
                max / 100.0,
                Duration.ofSeconds(configuration.startSpreadSeconds()),
                configuration.startSpreadAboveDevices());
        this.manager = new RegistrationManager(
                store,
                engine,
                acl,
                dtls,
                keys,
                scheduler,
                Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(),
                locations,
                settings);
        manager.start();
        listeners.add(context.registerService(ObjectStoreListener.class, this, null));
        listeners.add(context.registerService(BootstrapListener.class, this, null));
        LOG.info("registration started with {} thread(s), locations in {}", configuration.threads(), directory);
    }

    private static Path directory(RegistrationConfiguration configuration, BundleContext context) {
        if (!configuration.directory().isBlank()) {
            return Path.of(configuration.directory().trim());
        }
        String karafData = context.getProperty("karaf.data");
        if (karafData != null && !karafData.isBlank()) {
            return Path.of(karafData, "bootgate", "registrations");
        }
        return context.getDataFile("registrations").toPath();
    }

    @Deactivate
    void deactivate() {
        listeners.forEach(ServiceRegistration::unregister);
        listeners.clear();
        manager.stop();
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("registration threads still running 5 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("registration stopped (registrations kept: devices Update after the restart)");
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDeviceManagement(DeviceManagement management) {
        manager.setDeviceManagement(management);
    }

    void unbindDeviceManagement(DeviceManagement management) {
        manager.clearDeviceManagement(management);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindListener(RegistrationListener listener) {
        manager.addListener(listener);
    }

    void unbindListener(RegistrationListener listener) {
        manager.removeListener(listener);
    }

    @Override
    public void changed(StoreEvent event) {
        manager.storeChanged(event);
    }

    @Override
    public void onEvent(BootstrapEvent event) {
        manager.bootstrapEvent(event);
    }

    @Override
    public List<ServerRegistration> registrations(String endpoint) {
        return manager.registrations(endpoint);
    }

    @Override
    public boolean triggerUpdate(String endpoint, int shortServerId) {
        return manager.triggerUpdate(endpoint, shortServerId);
    }

    @Override
    public boolean disable(String endpoint, int shortServerId) {
        return manager.disable(endpoint, shortServerId);
    }

    @Override
    public CompletionStage<BootstrapOutcome> rebootstrap(String endpoint, OptionalInt initializationSsid) {
        return manager.rebootstrap(endpoint, initializationSsid);
    }

    @Override
    public void addListener(RegistrationListener listener) {
        manager.addListener(listener);
    }

    @Override
    public void removeListener(RegistrationListener listener) {
        manager.removeListener(listener);
    }

    private static final class RegistrationThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "bootgate-registration-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
