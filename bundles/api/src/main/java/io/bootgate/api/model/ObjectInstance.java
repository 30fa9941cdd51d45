/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An object instance with its resources, keyed and iterated by resource id.
 */
public record ObjectInstance(int id, SortedMap<Integer, Resource> resources) implements LwM2mNode {

    public ObjectInstance {
        LwM2mObject.checkId(id);
        TreeMap<Integer, Resource> copy = new TreeMap<>();
        for (Map.Entry<Integer, Resource> e : resources.entrySet()) {
            if (e.getKey() != e.getValue().id()) {
                throw new IllegalArgumentException("resource keyed " + e.getKey() + " has id "
                        + e.getValue().id());
            }
            copy.put(e.getKey(), e.getValue());
        }
        resources = Collections.unmodifiableSortedMap(copy);
    }

    public static ObjectInstance of(int id, Collection<? extends Resource> resources) {
        TreeMap<Integer, Resource> map = new TreeMap<>();
        for (Resource resource : resources) {
            if (map.put(resource.id(), resource) != null) {
                throw new IllegalArgumentException("duplicate resource " + resource.id() + " in instance " + id);
            }
        }
        return new ObjectInstance(id, map);
    }

    public static ObjectInstance of(int id, Resource... resources) {
        return of(id, List.of(resources));
    }

    public Optional<Resource> resource(int resourceId) {
        return Optional.ofNullable(resources.get(resourceId));
    }

    /** The value of a single-instance resource, if present. */
    public Optional<ResourceValue> value(int resourceId) {
        Resource r = resources.get(resourceId);
        return r instanceof SingleResource single ? Optional.of(single.value()) : Optional.empty();
    }

    /** This instance with {@code resource} added or replacing the one of the same id. */
    public ObjectInstance with(Resource resource) {
        TreeMap<Integer, Resource> map = new TreeMap<>(resources);
        map.put(resource.id(), resource);
        return new ObjectInstance(id, map);
    }

    /** This instance without the given resource. */
    public ObjectInstance without(int resourceId) {
        TreeMap<Integer, Resource> map = new TreeMap<>(resources);
        map.remove(resourceId);
        return new ObjectInstance(id, map);
    }
}
