/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.QuarantinedEndpoint;
import io.bootgate.api.store.StoreCorruptedException;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreHealthListener;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.store.internal.StoreEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The object store on H2 MVStore, for use outside OSGi; in Karaf use the {@link ObjectStore} service.
 * See {@link ObjectStore} for the guarantees and the project's store README for the design.
 */
public final class MvObjectStore implements ObjectStore, AutoCloseable {

    private final StoreEngine engine;

    private MvObjectStore(StoreEngine engine) {
        this.engine = engine;
    }

    /**
     * Opens (or creates) a store.
     *
     * @throws StoreCorruptedException if the store file exists but is damaged, not an object store, or not
     *             readable with the configured encryption key; the file is left untouched
     * @throws io.bootgate.api.store.StoreException if the file is in use by another process or cannot be
     *             created
     */
    public static MvObjectStore open(StoreOptions options) {
        return new MvObjectStore(StoreEngine.open(options));
    }

    /** Adds a listener told of every committed change. */
    public void addListener(ObjectStoreListener listener) {
        engine.addListener(listener);
    }

    public void removeListener(ObjectStoreListener listener) {
        engine.removeListener(listener);
    }

    /** Adds a listener told the store's current health, then every change of it. */
    public void addHealthListener(StoreHealthListener listener) {
        engine.addHealthListener(listener);
    }

    public void removeHealthListener(StoreHealthListener listener) {
        engine.removeHealthListener(listener);
    }

    /** The store file; empty for an in-memory store. */
    public Optional<Path> file() {
        return engine.file();
    }

    /** Waits for queued commits, closes the file. Transactions still open can then only roll back. */
    @Override
    public void close() {
        engine.close();
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

    @Override
    public String toString() {
        return "MvObjectStore[" + engine + "]";
    }
}
