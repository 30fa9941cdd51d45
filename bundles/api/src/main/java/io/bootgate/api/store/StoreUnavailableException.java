/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

/**
 * The store cannot do what was asked right now: it cannot write (disk full, read-only file system) or cannot
 * read its file at all. Committed state is kept; the store retries by itself and becomes available again once
 * the cause is gone, without a restart (see {@link ObjectStore#health()}).
 * <p>
 * The message is safe to show to a peer: it names the kind of fault only, never a local path or the storage
 * library's internals (those are in the local log, once per change of the store's health).
 */
public class StoreUnavailableException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final StoreHealth health;

    public StoreUnavailableException(StoreHealth health) {
        super("object store unavailable (" + health.status() + "): " + health.cause()
                + "; committed state is kept and the store retries by itself");
        this.health = health;
    }

    /** The store's health when this was thrown. */
    public StoreHealth health() {
        return health;
    }
}
