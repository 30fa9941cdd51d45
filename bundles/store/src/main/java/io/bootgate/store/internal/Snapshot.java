/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.store.TreeView;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** An immutable committed tree of one endpoint. */
record Snapshot(String endpoint, long revision, SortedMap<Integer, LwM2mObject> objects) implements TreeView {

    Snapshot {
        objects = Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    @Override
    public String toString() {
        return "Snapshot[" + endpoint + " @" + revision + ", objects " + objects.keySet() + "]";
    }
}
