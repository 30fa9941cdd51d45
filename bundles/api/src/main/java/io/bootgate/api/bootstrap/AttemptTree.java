/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.store.WriteRejectedException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's object tree as one bootstrap attempt sees and changes it: the committed state the attempt
 * started from plus the attempt's own writes. A mode reads and writes it; only the engine ends it, and only a
 * consistent Finish ({@link BootstrapContext#finish()} or a Bootstrap-Finish through
 * {@link BootstrapContext#bootstrapInterface()}) commits it. That is why there is no commit, rollback or
 * close here.
 * <p>
 * Writes are checked against the store's object definitions as {@link io.bootgate.api.store.StoreTransaction}
 * checks them. After the attempt ended, writes throw {@link IllegalStateException}; reads keep showing the
 * final state. Thread safe.
 *
 * @since 2.0
 */
@ProviderType
public interface AttemptTree extends TreeView {

    /**
     * Writes {@code node} at {@code path}, creating missing parents as a Bootstrap-Write does.
     *
     * @throws IllegalArgumentException for the root path, or a node that does not match the path
     * @throws WriteRejectedException if the content does not fit the object definitions
     * @see io.bootgate.api.store.StoreTransaction#write(LwM2mPath, LwM2mNode, WriteMode)
     */
    void write(LwM2mPath path, LwM2mNode node, WriteMode mode);

    /**
     * Creates a new object instance {@code /objectId/instance.id()}.
     *
     * @throws WriteRejectedException if the instance already exists or does not fit the object definition
     */
    void create(int objectId, ObjectInstance instance);

    /**
     * Deletes the node at {@code path} (the root deletes every object).
     *
     * @return whether anything was deleted
     */
    boolean delete(LwM2mPath path);

    /**
     * The lowest instance id not used in an object.
     *
     * @throws WriteRejectedException if the object is single-instance and has its instance, or all ids are used
     */
    int nextInstanceId(int objectId);

    /** Whether the attempt changed anything that a commit would store. */
    boolean hasChanges();
}
