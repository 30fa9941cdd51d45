/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.AttemptTree;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import java.util.SortedMap;

/**
 * A mode's view of its attempt's {@link StoreTransaction}: reads and writes pass through, commit, rollback and
 * close are not there, so only the engine (at a consistent Finish, or when the attempt ends) ends it.
 */
final class AttemptTreeView implements AttemptTree {

    private final StoreTransaction transaction;

    AttemptTreeView(StoreTransaction transaction) {
        this.transaction = transaction;
    }

    @Override
    public String endpoint() {
        return transaction.endpoint();
    }

    @Override
    public long revision() {
        return transaction.revision();
    }

    @Override
    public SortedMap<Integer, LwM2mObject> objects() {
        return transaction.objects();
    }

    @Override
    public void write(LwM2mPath path, LwM2mNode node, WriteMode mode) {
        transaction.write(path, node, mode);
    }

    @Override
    public void create(int objectId, ObjectInstance instance) {
        transaction.create(objectId, instance);
    }

    @Override
    public boolean delete(LwM2mPath path) {
        return transaction.delete(path);
    }

    @Override
    public int nextInstanceId(int objectId) {
        return transaction.nextInstanceId(objectId);
    }

    @Override
    public boolean hasChanges() {
        return transaction.hasChanges();
    }

    @Override
    public String toString() {
        return "attempt tree of " + transaction.endpoint();
    }
}
