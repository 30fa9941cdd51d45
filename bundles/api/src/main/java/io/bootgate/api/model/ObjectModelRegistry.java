/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of object definitions looked up by object id. Codecs use it to type values in formats
 * that do not carry types (TLV, plain text); stores use it to check writes.
 */
public final class ObjectModelRegistry {

    private final SortedMap<Integer, ObjectModel> models;

    private ObjectModelRegistry(SortedMap<Integer, ObjectModel> models) {
        this.models = Collections.unmodifiableSortedMap(models);
    }

    public static ObjectModelRegistry of(Collection<ObjectModel> models) {
        TreeMap<Integer, ObjectModel> map = new TreeMap<>();
        for (ObjectModel m : models) {
            if (map.put(m.id(), m) != null) {
                throw new IllegalArgumentException("object " + m.id() + " is defined twice");
            }
        }
        return new ObjectModelRegistry(map);
    }

    /**
     * The registry of the core objects Security, Server, Access Control and Device, for plain-Java use and tests.
     * In OSGi the {@link ObjectModels} service gives the current registry, with the objects other bundles add.
     */
    public static ObjectModelRegistry standard() {
        return StandardObjects.REGISTRY;
    }

    /** A registry with the given models added to (or replacing those of) this one. */
    public ObjectModelRegistry with(Collection<ObjectModel> more) {
        TreeMap<Integer, ObjectModel> map = new TreeMap<>(models);
        for (ObjectModel m : more) {
            map.put(m.id(), m);
        }
        return new ObjectModelRegistry(map);
    }

    public Optional<ObjectModel> object(int objectId) {
        return Optional.ofNullable(models.get(objectId));
    }

    public Optional<ResourceModel> resource(int objectId, int resourceId) {
        ObjectModel m = models.get(objectId);
        return m == null ? Optional.empty() : m.resource(resourceId);
    }

    public Collection<ObjectModel> objects() {
        return models.values();
    }
}
