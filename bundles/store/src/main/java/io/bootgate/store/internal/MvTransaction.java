/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.StoreUnavailableException;
import io.bootgate.api.store.WriteMode;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction on one endpoint: a working copy of the tree, written back as a whole on commit while the
 * transaction holds the endpoint's writer slot.
 */
final class MvTransaction implements StoreTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(MvTransaction.class);

    private enum State {
        OPEN,
        COMMITTED,
        ROLLED_BACK
    }

    private final StoreEngine engine;
    private final EndpointLocks.Slot slot;
    private final Snapshot base;
    private final TreeEditor editor;
    private State state = State.OPEN;
    private long revision;

    MvTransaction(StoreEngine engine, EndpointLocks.Slot slot, Snapshot base) {
        this.engine = engine;
        this.slot = slot;
        this.base = base;
        this.editor = new TreeEditor(engine.models(), base.objects());
        this.revision = base.revision();
    }

    @Override
    public String endpoint() {
        return base.endpoint();
    }

    @Override
    public synchronized long revision() {
        return revision;
    }

    @Override
    public synchronized SortedMap<Integer, LwM2mObject> objects() {
        return editor.objects();
    }

    @Override
    public synchronized void write(LwM2mPath path, LwM2mNode node, WriteMode mode) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
        checkOpen();
        editor.write(path, node, mode);
    }

    @Override
    public synchronized void create(int objectId, ObjectInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        editor.create(objectId, instance);
    }

    @Override
    public synchronized boolean delete(LwM2mPath path) {
        Objects.requireNonNull(path, "path");
        checkOpen();
        return editor.delete(path);
    }

    @Override
    public synchronized int nextInstanceId(int objectId) {
        checkOpen();
        return editor.nextInstanceId(objectId);
    }

    @Override
    public synchronized boolean hasChanges() {
        return !editor.view().equals(base.objects());
    }

    @Override
    public synchronized boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public long commit() {
        Map<Integer, LwM2mObject> after;
        long committed;
        synchronized (this) {
            checkOpen();
            after = editor.view();
            boolean changed = !after.equals(base.objects());
            committed = changed ? base.revision() + 1 : base.revision();
            try {
                if (changed) {
                    engine.store(endpoint(), committed, after);
                }
                state = State.COMMITTED;
                revision = committed;
            } catch (RuntimeException e) {
                state = State.ROLLED_BACK;
                if (e instanceof StoreUnavailableException) {
                    // The store logs the fault once per change of its health, not once per endpoint.
                    LOG.debug(
                            "commit of endpoint '{}' failed, its previous state is kept: {}",
                            endpoint(),
                            e.getMessage());
                } else {
                    LOG.warn(
                            "commit of endpoint '{}' failed, its previous state is kept: {}", endpoint(), e.toString());
                }
                throw e instanceof StoreException
                        ? e
                        : new StoreException("commit of endpoint '" + endpoint() + "' failed: " + e, e);
            } finally {
                engine.release(endpoint(), slot);
            }
            if (!changed) {
                return committed;
            }
        }
        engine.committed(base, committed, after);
        return committed;
    }

    @Override
    public synchronized void rollback() {
        if (state == State.OPEN) {
            state = State.ROLLED_BACK;
            engine.release(endpoint(), slot);
        }
    }

    @Override
    public void close() {
        rollback();
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("transaction on endpoint '" + endpoint() + "' is "
                    + (state == State.COMMITTED ? "committed" : "rolled back"));
        }
    }

    @Override
    public synchronized String toString() {
        return "StoreTransaction[" + endpoint() + " from @" + base.revision() + ", " + state + "]";
    }
}
