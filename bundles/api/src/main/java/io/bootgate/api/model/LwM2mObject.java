/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An object with its instances, keyed and iterated by instance id.
 */
public record LwM2mObject(int id, SortedMap<Integer, ObjectInstance> instances) implements LwM2mNode {

    public LwM2mObject {
        checkId(id);
        TreeMap<Integer, ObjectInstance> copy = new TreeMap<>();
        for (Map.Entry<Integer, ObjectInstance> e : instances.entrySet()) {
            if (e.getKey() != e.getValue().id()) {
                throw new IllegalArgumentException("instance keyed " + e.getKey() + " has id "
                        + e.getValue().id());
            }
            copy.put(e.getKey(), e.getValue());
        }
        instances = Collections.unmodifiableSortedMap(copy);
    }

    public static LwM2mObject of(int id, Collection<ObjectInstance> instances) {
        TreeMap<Integer, ObjectInstance> map = new TreeMap<>();
        for (ObjectInstance instance : instances) {
            if (map.put(instance.id(), instance) != null) {
                throw new IllegalArgumentException("duplicate instance /" + id + "/" + instance.id());
            }
        }
        return new LwM2mObject(id, map);
    }

    public static LwM2mObject of(int id, ObjectInstance... instances) {
        return of(id, java.util.List.of(instances));
    }

    public Optional<ObjectInstance> instance(int instanceId) {
        return Optional.ofNullable(instances.get(instanceId));
    }

    static void checkId(int id) {
        if (id < 0 || id > LwM2mPath.MAX_ID) {
            throw new IllegalArgumentException("LwM2M id " + id + " is outside 0.." + LwM2mPath.MAX_ID);
        }
    }
}
