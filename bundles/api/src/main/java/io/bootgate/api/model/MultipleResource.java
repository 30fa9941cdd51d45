/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A multiple-instance resource: values keyed by resource instance id, all of one type. It may be empty.
 */
public record MultipleResource(int id, ResourceType type, SortedMap<Integer, ResourceValue> values)
        implements Resource {

    public MultipleResource {
        LwM2mObject.checkId(id);
        Objects.requireNonNull(type, "type");
        TreeMap<Integer, ResourceValue> copy = new TreeMap<>();
        for (Map.Entry<Integer, ResourceValue> e : values.entrySet()) {
            LwM2mObject.checkId(e.getKey());
            if (e.getValue().type() != type) {
                throw new IllegalArgumentException("resource " + id + " holds " + type + " values, instance "
                        + e.getKey() + " is " + e.getValue().type());
            }
            copy.put(e.getKey(), e.getValue());
        }
        values = Collections.unmodifiableSortedMap(copy);
    }

    public static MultipleResource of(int id, ResourceType type, Map<Integer, ResourceValue> values) {
        return new MultipleResource(id, type, new TreeMap<>(values));
    }

    public Optional<ResourceValue> value(int instanceId) {
        return Optional.ofNullable(values.get(instanceId));
    }

    /** This resource with one instance added or replaced. */
    public MultipleResource with(int instanceId, ResourceValue value) {
        TreeMap<Integer, ResourceValue> map = new TreeMap<>(values);
        map.put(instanceId, value);
        return new MultipleResource(id, type, map);
    }

    /** This resource without one instance. */
    public MultipleResource without(int instanceId) {
        TreeMap<Integer, ResourceValue> map = new TreeMap<>(values);
        map.remove(instanceId);
        return new MultipleResource(id, type, map);
    }
}
