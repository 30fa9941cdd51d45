/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The definition of an LwM2M object: id, name, version, whether it may have several instances, whether a
 * client must implement it, and its resources.
 */
public record ObjectModel(
        int id,
        String name,
        String version,
        boolean multiple,
        boolean mandatory,
        SortedMap<Integer, ResourceModel> resources) {

    public ObjectModel {
        LwM2mObject.checkId(id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        resources = Collections.unmodifiableSortedMap(new TreeMap<>(resources));
    }

    public static ObjectModel of(
            int id,
            String name,
            String version,
            boolean multiple,
            boolean mandatory,
            Collection<ResourceModel> resources) {
        TreeMap<Integer, ResourceModel> map = new TreeMap<>();
        for (ResourceModel r : resources) {
            if (map.put(r.id(), r) != null) {
                throw new IllegalArgumentException("object " + id + " defines resource " + r.id() + " twice");
            }
        }
        return new ObjectModel(id, name, version, multiple, mandatory, map);
    }

    public Optional<ResourceModel> resource(int resourceId) {
        return Optional.ofNullable(resources.get(resourceId));
    }

    /** Ids of the resources every instance must carry. */
    public List<Integer> mandatoryResourceIds() {
        return resources.values().stream()
                .filter(ResourceModel::mandatory)
                .map(ResourceModel::id)
                .toList();
    }
}
