/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigCodec;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.model.ObjectModelsListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The PostgreSQL {@link BootstrapConfigStore} as an OSGi service with {@code store=jdbc}, on the
 * {@link DataSource} service its {@code dataSource.target} selects, validating with the bootstrap server's
 * {@link BootstrapConfigCodec}. Tells {@link BootstrapConfigListener} services of every change, and parses every
 * config again when the object models change, as the file store does.
 */
@Component(
        service = BootstrapConfigStore.class,
        property = "store=jdbc",
        configurationPid = JdbcConfigStoreConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = JdbcConfigStoreConfiguration.class)
public final class JdbcConfigStoreComponent implements BootstrapConfigStore {

    private final List<BootstrapConfigListener> listeners = new CopyOnWriteArrayList<>();

    @Reference(target = "(dataSourceName=bootgate)")
    private DataSource dataSource;

    @Reference
    private BootstrapConfigCodec codec;

    private volatile JdbcBootstrapConfigStore store;
    private ServiceRegistration<ObjectModelsListener> modelsListener;

    @Activate
    synchronized void activate(BundleContext context, JdbcConfigStoreConfiguration configuration) {
        JdbcBootstrapConfigStore created = new JdbcBootstrapConfigStore(dataSource, codec, settings(configuration));
        listeners.forEach(created::addListener);
        created.start();
        store = created;
        // A registration of its own, so that this component's only service is the store.
        modelsListener = context.registerService(ObjectModelsListener.class, registry -> created.reloadAll(), null);
    }

    static JdbcBootstrapConfigStore.Settings settings(JdbcConfigStoreConfiguration configuration) {
        return new JdbcBootstrapConfigStore.Settings(
                Duration.ofMillis(Math.max(50, configuration.pollMillis())),
                Duration.ofSeconds(Math.max(1, configuration.livenessSeconds())),
                Duration.ofMillis(Math.max(10, configuration.firstRetryMillis())),
                Duration.ofSeconds(Math.max(1, configuration.maxRetrySeconds())),
                Duration.ofSeconds(Math.max(1, configuration.queryTimeoutSeconds())));
    }

    @Deactivate
    synchronized void deactivate() {
        if (modelsListener != null) {
            modelsListener.unregister();
            modelsListener = null;
        }
        JdbcBootstrapConfigStore current = store;
        if (current != null) {
            current.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addListener(BootstrapConfigListener listener) {
        listeners.add(listener);
        JdbcBootstrapConfigStore current = store;
        if (current != null) {
            current.addListener(listener);
        }
    }

    synchronized void removeListener(BootstrapConfigListener listener) {
        listeners.remove(listener);
        JdbcBootstrapConfigStore current = store;
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
    public boolean remove(String endpoint) throws BootstrapConfigException {
        return store.remove(endpoint);
    }
}
