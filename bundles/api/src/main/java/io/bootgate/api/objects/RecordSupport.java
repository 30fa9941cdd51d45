/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** What the three records share: id checks, the carried resources, lenient reading of many instances. */
final class RecordSupport {

    private RecordSupport() {}

    static void checkInstanceId(int id) {
        if (id < 0 || id > LwM2mPath.MAX_ID) {
            throw new IllegalArgumentException("instance id " + id + " is outside 0.." + LwM2mPath.MAX_ID);
        }
    }

    static SortedMap<Integer, Resource> others(Map<Integer, Resource> resources, List<Integer> typed, String object) {
        TreeMap<Integer, Resource> copy = new TreeMap<>();
        Objects.requireNonNull(resources, "otherResources").forEach((id, resource) -> {
            if (id != resource.id()) {
                throw new IllegalArgumentException(object + " resource keyed " + id + " has id " + resource.id());
            }
            if (typed.contains(id)) {
                throw new IllegalArgumentException(
                        object + " resource " + id + " is typed by the record, not an " + "other resource");
            }
            copy.put(id, resource);
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    static void put(Map<Integer, Resource> resources, Resource resource) {
        resources.put(resource.id(), resource);
    }

    static <T> List<T> readable(Iterable<ObjectInstance> instances, Function<ObjectInstance, T> read) {
        List<T> result = new ArrayList<>();
        for (ObjectInstance instance : instances) {
            try {
                result.add(read.apply(instance));
            } catch (InvalidObjectInstanceException unreadable) {
                // Lenient reading by contract: an instance that cannot be read is skipped, the others count.
                continue;
            }
        }
        return result;
    }

    static void checkNotNegative(OptionalLong value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(what + " " + value.getAsLong() + " is negative");
        }
    }
}
