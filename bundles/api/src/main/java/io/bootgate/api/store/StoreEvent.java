/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import io.bootgate.api.model.LwM2mPath;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A committed change of one endpoint, told to {@link ObjectStoreListener}s.
 *
 * @param endpoint the endpoint
 * @param kind what happened
 * @param revision the endpoint's revision after the change (0 for a created endpoint, the last revision for
 *            a deleted one)
 * @param changedInstances the object instances ({@code /o/i}) that were added, changed or removed by an
 *            {@link Kind#UPDATED} commit; empty for the other kinds
 */
public record StoreEvent(String endpoint, Kind kind, long revision, SortedSet<LwM2mPath> changedInstances) {

    public enum Kind {
        CREATED,
        UPDATED,
        DELETED
    }

    public StoreEvent {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kind, "kind");
        changedInstances = Collections.unmodifiableSortedSet(new TreeSet<>(changedInstances));
    }
}
