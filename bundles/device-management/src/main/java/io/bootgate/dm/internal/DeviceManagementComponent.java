/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapRequestTrigger;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.dm.DeviceDataAdapter;
import io.bootgate.api.dm.DeviceManagement;
import io.bootgate.api.model.ObjectModels;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.transport.CoapRequestHandler;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Registers {@link DeviceManagement} and watches the store's commits for observations; binds the
 * {@link DeviceDataAdapter} whiteboard and, when present, the registration and Bootstrap-Request Trigger
 * services. Notification timers run on one small shared scheduler.
 */
// The store listener is registered by hand once the component runs: as a service of this component, the store
// (referenced here, binding its listeners) could ask SCR for this component while it is being activated.
@Component(service = DeviceManagement.class, configurationPid = DeviceManagementComponent.PID)
@Designate(ocd = DeviceManagementComponent.Config.class)
public final class DeviceManagementComponent implements DeviceManagement, ObjectStoreListener {

    static final String PID = "io.bootgate.dm";

    @ObjectClassDefinition(
            name = "Bootgate device management",
            description = "What the Device object /3/0 of a proxied device holds when its store has none")
    public @interface Config {
        @AttributeDefinition(description = "Device object /3/0/0 Manufacturer")
        String manufacturer() default "Bootgate";

        @AttributeDefinition(description = "Device object /3/0/1 Model Number")
        String modelNumber() default "Bootgate proxied device";

        @AttributeDefinition(description = "Device object /3/0/3 Firmware Version")
        String firmwareVersion() default "1.0";

        @AttributeDefinition(description = "Threads of the notification scheduler shared by every observation")
        int notificationThreads() default 1;
    }

    private final ScheduledThreadPoolExecutor scheduler;
    private final DeviceManagementService service;
    private final ServiceRegistration<ObjectStoreListener> storeListener;

    @Activate
    public DeviceManagementComponent(
            @Reference ObjectStore store,
            @Reference AccessControlService acl,
            @Reference LwM2mEncoder encoder,
            @Reference LwM2mDecoder decoder,
            @Reference LinkFormat linkFormat,
            @Reference ObjectModels models,
            Config config,
            BundleContext context) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "bootgate-dm-notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        scheduler = new ScheduledThreadPoolExecutor(Math.max(1, config.notificationThreads()), threads);
        scheduler.setRemoveOnCancelPolicy(true);
        service = new DeviceManagementService(
                store,
                acl,
                encoder,
                decoder,
                linkFormat,
                models::registry,
                scheduler,
                Clock.systemUTC(),
                new DeviceObjectDefaults(config.manufacturer(), config.modelNumber(), config.firmwareVersion()));
        storeListener = context.registerService(ObjectStoreListener.class, this, null);
    }

    @Deactivate
    void deactivate() {
        storeListener.unregister();
        service.close();
        scheduler.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAdapter(DeviceDataAdapter adapter, Map<String, Object> properties) {
        // DS binds method references after the constructor ran, so the service exists here.
        service.addAdapter(adapter, endpoints(properties.get(DeviceDataAdapter.ENDPOINTS)));
    }

    void removeAdapter(DeviceDataAdapter adapter) {
        service.removeAdapter(adapter);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setBootstrapTrigger(BootstrapRequestTrigger trigger) {
        service.setBootstrapTrigger(trigger);
    }

    void unsetBootstrapTrigger(BootstrapRequestTrigger trigger) {
        service.setBootstrapTrigger(null);
    }

    static Set<String> endpoints(Object property) {
        Set<String> endpoints = new HashSet<>();
        if (property instanceof String text) {
            endpoints.add(text);
        } else if (property instanceof String[] texts) {
            endpoints.addAll(Arrays.asList(texts));
        } else if (property instanceof Iterable<?> values) {
            values.forEach(v -> endpoints.add(String.valueOf(v)));
        }
        return endpoints;
    }

    @Override
    public CoapRequestHandler handler(String endpoint, int shortServerId, DeviceRegistrations registrations) {
        return service.handler(endpoint, shortServerId, registrations);
    }

    @Override
    public void serverSessionEnded(String endpoint, int shortServerId) {
        service.serverSessionEnded(endpoint, shortServerId);
    }

    @Override
    public String registrationLinks(String endpoint) {
        return service.registrationLinks(endpoint);
    }

    @Override
    public void changed(StoreEvent event) {
        service.storeChanged(event);
    }
}
