/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapConfigValidator;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.ObjectModels;
import io.bootgate.api.model.ObjectModelsListener;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The embedded {@link BootstrapConfigStore}: one JSON file per endpoint under {@code ${karaf.etc}/bootgate/bootstrap}
 * (configurable in pid {@value BootstrapServerConfiguration#PID}), picked up live. Tells
 * {@link BootstrapConfigListener} services of every change. Configs are checked against the {@link ObjectModels}
 * service; when its definitions change, every file is parsed again.
 */
// store=file: the bootstrap server's reference picks a store by this property (store.target in its pid), so an
// operator can switch to another store (the PostgreSQL one registers store=jdbc) by configuration.
@Component(
        service = {BootstrapConfigStore.class, BootstrapConfigValidator.class},
        property = "store=file",
        configurationPid = BootstrapServerConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FileConfigStoreComponent implements BootstrapConfigStore, BootstrapConfigValidator {

    private final List<BootstrapConfigListener> listeners = new CopyOnWriteArrayList<>();

    @Reference
    private ObjectModels models;

    private volatile FileBootstrapConfigStore store;

    @Reference
    private KeyCodec keys;

    private ServiceRegistration<ObjectModelsListener> modelsListener;

    @Activate
    synchronized void activate(BundleContext context, BootstrapServerConfiguration configuration) throws IOException {
        FileBootstrapConfigStore created = new FileBootstrapConfigStore(
                configDirectory(configuration),
                models::registry,
                keys,
                Duration.ofSeconds(Math.max(1, configuration.configPollSeconds())));
        listeners.forEach(created::addListener);
        created.start();
        store = created;
        // Registered by hand, not declared as a service of this component: ObjectModels binds every listener and
        // this component needs ObjectModels, which SCR would report as a circular reference.
        modelsListener = context.registerService(ObjectModelsListener.class, registry -> created.modelsChanged(), null);
    }

    @Deactivate
    synchronized void deactivate() {
        if (modelsListener != null) {
            modelsListener.unregister();
            modelsListener = null;
        }
        FileBootstrapConfigStore current = store;
        if (current != null) {
            current.close();
        }
    }

    /** The configured directory, or {@code ${karaf.etc}/bootgate/bootstrap}. */
    static Path configDirectory(BootstrapServerConfiguration configuration) {
        String configured = configuration.configDirectory().strip();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return karafEtc().resolve("bootgate").resolve("bootstrap");
    }

    /** Karaf's etc/ directory, or etc/ under the working directory outside Karaf. */
    static Path karafEtc() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "etc" : etc);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addListener(BootstrapConfigListener listener) {
        listeners.add(listener);
        FileBootstrapConfigStore current = store;
        if (current != null) {
            current.addListener(listener);
        }
    }

    synchronized void removeListener(BootstrapConfigListener listener) {
        listeners.remove(listener);
        FileBootstrapConfigStore current = store;
        if (current != null) {
            current.removeListener(listener);
        }
    }

    @Override
    public Optional<BootstrapConfig> get(String endpoint) {
        return store.get(endpoint);
    }

    @Override
    public Map<String, BootstrapConfig> getAll() {
        return store.getAll();
    }

    @Override
    public void put(BootstrapConfig config) throws BootstrapConfigException {
        store.put(config);
    }

    @Override
    public BootstrapConfig validate(Path file) throws BootstrapConfigException {
        return store.validate(file);
    }

    @Override
    public boolean remove(String endpoint) throws BootstrapConfigException {
        return store.remove(endpoint);
    }
}
