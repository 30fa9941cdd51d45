/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

import io.bootgate.api.model.ObjectInstance;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The content of a factory file: object instances keyed by object id, then instance id.
 */
record FactoryData(SortedMap<Integer, SortedMap<Integer, ObjectInstance>> objects) {

    FactoryData {
        TreeMap<Integer, SortedMap<Integer, ObjectInstance>> copy = new TreeMap<>();
        objects.forEach((id, instances) -> copy.put(id, Collections.unmodifiableSortedMap(new TreeMap<>(instances))));
        objects = Collections.unmodifiableSortedMap(copy);
    }

    int instanceCount() {
        return objects.values().stream().mapToInt(SortedMap::size).sum();
    }
}
