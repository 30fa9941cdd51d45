/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The persistent LwM2M object trees of all proxied devices (endpoints), one tree per endpoint.
 * <p>
 * <b>Reads</b> ({@link #snapshot}, {@link #read}) see the last committed state of an endpoint and never
 * wait for an open transaction.
 * <p>
 * <b>Writes</b> happen in a {@link StoreTransaction} from {@link #begin(String)}. A commit is atomic and
 * durable: once {@link StoreTransaction#commit()} returns, the new state survives a crash of the process or
 * of the machine, and after a crash at any instant every endpoint holds exactly the state of its last
 * committed transaction, never a part of one.
 * <p>
 * <b>One writer per endpoint.</b> At most one transaction per endpoint is open at a time (a bootstrap
 * attempt is one transaction). {@link #begin(String, Duration)} waits up to the given time for the open
 * transaction of the same endpoint to end and then fails with {@link EndpointBusyException}; a zero timeout
 * fails fast. Transactions on different endpoints never wait for each other.
 * <p>
 * All methods are thread-safe. Endpoint names are the LwM2M client endpoint names of the proxied devices:
 * 1 to {@value #MAX_ENDPOINT_LENGTH} characters.
 */
@ProviderType
public interface ObjectStore {

    /** The longest endpoint name the store accepts. */
    int MAX_ENDPOINT_LENGTH = 1024;

    /** The endpoints that exist, in name order; a copy. */
    SortedSet<String> endpoints();

    boolean exists(String endpoint);

    /**
     * Creates an endpoint with an empty tree (revision 0) and commits it durably.
     *
     * @return {@code true} if it was created, {@code false} if it already existed (nothing is changed)
     * @throws IllegalArgumentException for an invalid endpoint name
     */
    boolean createEndpoint(String endpoint);

    /**
     * Deletes an endpoint and its whole tree, durably. Waits like {@link #begin(String)} for an open
     * transaction of the endpoint to end.
     *
     * @return {@code true} if it was deleted, {@code false} if it did not exist
     * @throws EndpointBusyException if a transaction of the endpoint stays open longer than the default
     *             timeout
     */
    boolean deleteEndpoint(String endpoint);

    /**
     * The last committed tree of an endpoint, as an immutable snapshot.
     *
     * @throws UnknownEndpointException if the endpoint does not exist
     * @throws EndpointQuarantinedException if the endpoint's stored tree is unreadable
     * @throws StoreUnavailableException if the store cannot read its file now
     */
    TreeView snapshot(String endpoint);

    /**
     * The committed node at {@code path} (see {@link TreeView#read(LwM2mPath)}).
     *
     * @throws UnknownEndpointException if the endpoint does not exist
     */
    default Optional<LwM2mNode> read(String endpoint, LwM2mPath path) {
        return snapshot(endpoint).read(path);
    }

    /**
     * Begins a transaction on an endpoint, waiting up to the store's configured default timeout for an open
     * transaction on the same endpoint to end.
     *
     * @throws UnknownEndpointException if the endpoint does not exist
     * @throws EndpointBusyException if another transaction of the endpoint is still open after the timeout
     */
    StoreTransaction begin(String endpoint);

    /**
     * Begins a transaction on an endpoint, waiting up to {@code timeout} for an open transaction on the same
     * endpoint to end; {@link Duration#ZERO} fails at once if one is open.
     *
     * @throws UnknownEndpointException if the endpoint does not exist
     * @throws EndpointBusyException if another transaction of the endpoint is still open after the timeout,
     *             or the waiting thread was interrupted (its interrupt status is kept)
     * @throws EndpointQuarantinedException if the endpoint's stored tree is unreadable
     * @throws StoreUnavailableException if the store cannot write now ({@link #health()})
     */
    StoreTransaction begin(String endpoint, Duration timeout);

    /**
     * The object definitions writes are checked against now; only defined objects can be stored. In OSGi they are
     * those of the {@link io.bootgate.api.model.ObjectModels} service, read at each transaction's start.
     */
    ObjectModelRegistry models();

    /**
     * Whether the store can read and write now. After a failed commit (disk full, read-only file system) the
     * store is {@link StoreHealth.Status#DEGRADED}: {@code begin} and every write fail fast with
     * {@link StoreUnavailableException}, reads of committed state keep working, and the store retries with a
     * bounded back-off until it can write again. Changes are told to {@link StoreHealthListener}s.
     */
    StoreHealth health();

    /**
     * The endpoints whose stored tree is unreadable, in name order. Reading or beginning a transaction on one
     * throws {@link EndpointQuarantinedException}; every other endpoint works.
     */
    List<QuarantinedEndpoint> quarantined();

    /**
     * Writes a consistent copy of the store (every endpoint as of one committed version) to a new file
     * {@code target}, readable by the owner only, while the store keeps running. The copy is a complete store
     * file (encrypted like the store); to restore it, see the store bundle's README.
     *
     * @return the number of endpoints in the copy
     * @throws StoreException if {@code target} exists, or it cannot be written
     * @throws StoreUnavailableException if the store cannot read its file now
     */
    long backup(Path target);
}
