/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.store.TreeView;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * Lenient reads of single resources and of an object's instances, for callers that look at one resource of
 * an instance that may be incomplete (a Bootstrap-Discover in the middle of a session, the Bootstrap-Server
 * account's timers): a value that is absent or of another type reads as empty instead of failing. To read a
 * whole instance with every error named, use the records' {@code from}.
 */
public final class ResourceReader {

    private ResourceReader() {}

    /** The instances of an object keyed by instance id; empty if the tree has none. */
    public static SortedMap<Integer, ObjectInstance> instances(TreeView tree, int objectId) {
        return tree.object(objectId).map(LwM2mObject::instances).orElse(Collections.emptySortedMap());
    }

    /** A Boolean resource; empty if absent or not Boolean. */
    public static Optional<Boolean> bool(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId)
                .filter(v -> v.type() == ResourceType.BOOLEAN)
                .map(ResourceValue::booleanValue);
    }

    /**
     * An Integer resource; Unsigned Integer values that fit a {@code long} are accepted too, because writers
     * differ in the type they use. Empty if absent or of another type.
     */
    public static OptionalLong integer(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId).map(ResourceReader::numeric).orElse(OptionalLong.empty());
    }

    /** A String resource; empty if absent or not a String. */
    public static Optional<String> string(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId)
                .filter(v -> v.type() == ResourceType.STRING)
                .map(ResourceValue::stringValue);
    }

    /** An Opaque resource (a copy); empty if absent or not Opaque. */
    public static Optional<byte[]> opaque(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId)
                .filter(v -> v.type() == ResourceType.OPAQUE)
                .map(ResourceValue::opaqueValue);
    }

    /** A Time resource; empty if absent or not a Time. */
    public static Optional<Instant> time(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId)
                .filter(v -> v.type() == ResourceType.TIME)
                .map(ResourceValue::timeValue);
    }

    /** An Integer or Unsigned Integer value as a {@code long}; empty for other types and for unsigned values above 2^63-1. */
    static OptionalLong numeric(ResourceValue value) {
        if (value.type() == ResourceType.INTEGER) {
            return OptionalLong.of(value.longValue());
        }
        if (value.type() == ResourceType.UNSIGNED_INTEGER) {
            BigInteger unsigned = value.unsignedValue();
            return unsigned.bitLength() < Long.SIZE ? OptionalLong.of(unsigned.longValue()) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
