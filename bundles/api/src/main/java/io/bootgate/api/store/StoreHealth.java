/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether the store can read and write now.
 *
 * @param status the state
 * @param cause for a state other than {@link Status#AVAILABLE}, the kind of fault, safe to show (no local
 *            path, no library internals); empty when available
 * @param since when the store entered this state
 */
public record StoreHealth(Status status, String cause, Instant since) {

    public enum Status {
        /** Reads and writes work. */
        AVAILABLE,
        /**
         * Writes fail fast with {@link StoreUnavailableException}; reads of committed state work. The store
         * retries writing with a bounded back-off and becomes {@link #AVAILABLE} by itself.
         */
        DEGRADED,
        /** Neither reads nor writes work; the store retries opening its file with a bounded back-off. */
        UNAVAILABLE,
        /** The store was closed (component deactivated). */
        CLOSED
    }

    public StoreHealth {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
    }

    public boolean available() {
        return status == Status.AVAILABLE;
    }
}
