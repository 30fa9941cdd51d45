/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ObjectModels;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.QuarantinedEndpoint;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreHealthListener;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ObjectStore} service. A configuration change restarts the component, closing and reopening the
 * store; a store that cannot be opened (damaged, locked, bad key) leaves the component unsatisfied with an
 * error in the log naming the file, and no service is offered, rather than an empty store.
 */
@Component(service = ObjectStore.class, configurationPid = ObjectStoreComponent.PID, immediate = true)
@Designate(ocd = StoreConfiguration.class)
public final class ObjectStoreComponent implements ObjectStore {

    static final String PID = "io.bootgate.store";
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreComponent.class);

    private final StoreEngine engine;

    @Activate
    public ObjectStoreComponent(StoreConfiguration config, BundleContext context, @Reference ObjectModels models) {
        // Read per transaction: an object model registered later applies to later writes, without a restart.
        StoreOptions options = StoreOptions.persistent(directory(config, context), models::registry)
                .withSyncOnCommit(config.syncOnCommit())
                .withCacheSizeMb(config.cacheSizeMb())
                .withTransactionWait(Duration.ofMillis(config.transactionWaitMillis()))
                .withVerifyOnOpen(config.verifyOnStart())
                .withRecoveryRetry(
                        StoreOptions.DEFAULT_FIRST_RETRY,
                        Duration.ofSeconds(Math.max(1, config.recoveryRetryMaxSeconds())));
        if (!config.encryptionKeyFile().isBlank()) {
            char[] key =
                    StoreFiles.readKeyFile(Path.of(config.encryptionKeyFile().trim()));
            try {
                options = options.withEncryptionKey(key);
            } finally {
                Arrays.fill(key, '\0');
            }
        }
        LOG.info("opening object store: {}", options);
        this.engine = StoreEngine.open(options);
    }

    private static Path directory(StoreConfiguration config, BundleContext context) {
        if (!config.directory().isBlank()) {
            return Path.of(config.directory().trim());
        }
        String karafData = context.getProperty("karaf.data");
        if (karafData != null && !karafData.isBlank()) {
            return Path.of(karafData, "bootgate", "store");
        }
        // Outside Karaf: the bundle's persistent area of the framework.
        return context.getDataFile("store").toPath();
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ObjectStoreListener listener) {
        engine.addListener(listener);
    }

    void removeListener(ObjectStoreListener listener) {
        engine.removeListener(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHealthListener(StoreHealthListener listener) {
        // Told the current health first, then every change.
        engine.addHealthListener(listener);
    }

    void removeHealthListener(StoreHealthListener listener) {
        engine.removeHealthListener(listener);
    }

    @Override
    public SortedSet<String> endpoints() {
        return engine.endpoints();
    }

    @Override
    public boolean exists(String endpoint) {
        return engine.exists(endpoint);
    }

    @Override
    public boolean createEndpoint(String endpoint) {
        return engine.createEndpoint(endpoint);
    }

    @Override
    public boolean deleteEndpoint(String endpoint) {
        return engine.deleteEndpoint(endpoint);
    }

    @Override
    public TreeView snapshot(String endpoint) {
        return engine.snapshot(endpoint);
    }

    @Override
    public StoreTransaction begin(String endpoint) {
        return engine.begin(endpoint);
    }

    @Override
    public StoreTransaction begin(String endpoint, Duration timeout) {
        return engine.begin(endpoint, timeout);
    }

    @Override
    public ObjectModelRegistry models() {
        return engine.models();
    }

    @Override
    public StoreHealth health() {
        return engine.health();
    }

    @Override
    public List<QuarantinedEndpoint> quarantined() {
        return engine.quarantined();
    }

    @Override
    public long backup(Path target) {
        return engine.backup(target);
    }
}
