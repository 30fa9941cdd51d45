/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A transaction on one endpoint's tree. Its {@link TreeView} methods see the committed state it started
 * from plus its own writes; nobody else sees those writes before {@link #commit()}.
 * <p>
 * The transaction holds the endpoint's writer slot until it is committed, rolled back or closed: always
 * close it (try-with-resources). {@link #close()} rolls back an uncommitted transaction. After commit or
 * rollback every method but {@link #close()}, {@link #isOpen()} and the read methods throws
 * {@link IllegalStateException}; reads keep showing the final state.
 * <p>
 * A transaction may be used by several threads one after the other (a bootstrap session's requests arrive
 * on different threads); its methods are synchronized.
 * <p>
 * Writes are checked against the store's object definitions ({@link ObjectStore#models()}): the object
 * must be defined, every resource must be defined with the same type and multiplicity, a single-instance
 * object only has instance 0. A rejected write throws {@link WriteRejectedException} and changes nothing.
 * Read-only flags are not checked: the bootstrap server writes regardless of them, and management
 * operations are checked by the caller before they reach the store.
 */
@ProviderType
public interface StoreTransaction extends TreeView, AutoCloseable {

    /**
     * Writes {@code node} at {@code path}. The node must be of the kind the path addresses
     * ({@link LwM2mObject} for {@code /o}, {@link ObjectInstance} for {@code /o/i}, {@link Resource} for
     * {@code /o/i/r}, {@link ResourceInstance} for {@code /o/i/r/ri}) and carry the path's last id.
     * <p>
     * Missing parents are created, as a Bootstrap-Write does: writing {@code /1/0/1} creates instance
     * {@code /1/0} if needed. Management-interface callers that must answer 4.04 for a missing target check
     * it with {@link #read(LwM2mPath)} first.
     *
     * @throws IllegalArgumentException for the root path, or a node that does not match the path
     * @throws WriteRejectedException if the content does not fit the object definitions
     */
    void write(LwM2mPath path, LwM2mNode node, WriteMode mode);

    /**
     * Creates a new object instance {@code /objectId/instance.id()}.
     *
     * @throws WriteRejectedException (4.00) if the instance already exists, or if the content does not fit
     *             the object definition
     */
    void create(int objectId, ObjectInstance instance);

    /**
     * Deletes the node at {@code path}: the root deletes every object, {@code /o} all instances of the
     * object, {@code /o/i} the instance, {@code /o/i/r} a resource, {@code /o/i/r/ri} a resource instance.
     *
     * @return whether anything was deleted
     */
    boolean delete(LwM2mPath path);

    /**
     * The lowest instance id not used in an object, for creating an instance without a given id.
     *
     * @throws WriteRejectedException (4.00) if the object is single-instance and has its instance, or all
     *             ids are used
     */
    int nextInstanceId(int objectId);

    /** Whether this transaction made any change that a commit would store. */
    boolean hasChanges();

    /** Whether this transaction can still be written to (neither committed nor rolled back). */
    boolean isOpen();

    /**
     * Stores the transaction's state atomically and durably, and ends the transaction. A transaction without
     * changes stores nothing and keeps the revision.
     *
     * @return the endpoint's revision after the commit
     * @throws StoreException if the state could not be stored; the transaction is then rolled back and the
     *             endpoint keeps its previous committed state
     */
    long commit();

    /** Discards the transaction's changes and ends it. Does nothing if it already ended. */
    void rollback();

    /** Rolls back if still open. Never throws. */
    @Override
    void close();
}
