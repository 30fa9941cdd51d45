/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.objects.InvalidObjectInstanceException.Kind;
import io.bootgate.api.objects.InvalidObjectInstanceException.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Reads the typed resources of one object instance, collecting a {@link Problem} for each resource that
 * cannot be read instead of stopping at the first, and remembering which resources were typed so that the
 * others can be carried unchanged.
 */
final class InstanceReader {

    private final ObjectModel model;
    private final ObjectInstance instance;
    private final LwM2mPath path;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Integer> typed = new HashSet<>();

    InstanceReader(ObjectModel model, ObjectInstance instance) {
        this.model = model;
        this.instance = instance;
        this.path = LwM2mPath.of(model.id(), instance.id());
    }

    String string(int resourceId) {
        return optionalString(resourceId, true).orElse("");
    }

    Optional<String> optionalString(int resourceId) {
        return optionalString(resourceId, false);
    }

    private Optional<String> optionalString(int resourceId, boolean required) {
        return single(resourceId, required, ResourceType.STRING).map(ResourceValue::stringValue);
    }

    boolean bool(int resourceId) {
        return optionalBool(resourceId, true).orElse(false);
    }

    Optional<Boolean> optionalBool(int resourceId) {
        return optionalBool(resourceId, false);
    }

    private Optional<Boolean> optionalBool(int resourceId, boolean required) {
        return single(resourceId, required, ResourceType.BOOLEAN).map(ResourceValue::booleanValue);
    }

    byte[] opaque(int resourceId) {
        return single(resourceId, true, ResourceType.OPAQUE)
                .map(ResourceValue::opaqueValue)
                .orElse(new byte[0]);
    }

    Optional<Instant> optionalTime(int resourceId) {
        return single(resourceId, false, ResourceType.TIME).map(ResourceValue::timeValue);
    }

    long integer(int resourceId, long min, long max) {
        return optionalInteger(resourceId, min, max, true).orElse(min);
    }

    OptionalLong optionalInteger(int resourceId, long min, long max) {
        return optionalInteger(resourceId, min, max, false);
    }

    private OptionalLong optionalInteger(int resourceId, long min, long max, boolean required) {
        Optional<ResourceValue> value =
                single(resourceId, required, ResourceType.INTEGER, ResourceType.UNSIGNED_INTEGER);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong number = ResourceReader.numeric(value.get());
        if (number.isEmpty() || number.getAsLong() < min || number.getAsLong() > max) {
            problem(
                    resourceId,
                    Kind.INVALID_VALUE,
                    name(resourceId) + " " + value.get().value() + " is outside " + min + ".." + max);
            return OptionalLong.empty();
        }
        return number;
    }

    /**
     * An integer resource holding a code, decoded by {@code decode}, whose {@link IllegalArgumentException}
     * message becomes the problem's description.
     */
    <T> Optional<T> coded(int resourceId, boolean required, LongFunction<T> decode) {
        OptionalLong code = optionalInteger(resourceId, Long.MIN_VALUE, Long.MAX_VALUE, required);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode.apply(code.getAsLong()));
        } catch (IllegalArgumentException e) {
            problem(resourceId, Kind.INVALID_VALUE, name(resourceId) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A multiple resource of the given type; empty (and a problem) if single or of another type. */
    Optional<MultipleResource> multiple(int resourceId, ResourceType type) {
        typed.add(resourceId);
        Resource resource = instance.resources().get(resourceId);
        if (resource == null) {
            return Optional.empty();
        }
        if (resource instanceof MultipleResource multiple
                && (multiple.type() == type || multiple.values().isEmpty())) {
            return Optional.of(multiple);
        }
        problem(
                resourceId,
                Kind.WRONG_TYPE,
                name(resourceId) + " is " + describe(resource) + ", expected multiple " + type);
        return Optional.empty();
    }

    void problem(int resourceId, Kind kind, String description) {
        problems.add(new Problem(path.append(resourceId), name(resourceId), kind, description));
    }

    String name(int resourceId) {
        return model.resource(resourceId).map(ResourceModel::name).orElse("resource " + resourceId);
    }

    /** The resources no read has typed, to be carried unchanged. */
    SortedMap<Integer, Resource> others() {
        TreeMap<Integer, Resource> others = new TreeMap<>(instance.resources());
        others.keySet().removeAll(typed);
        return others;
    }

    /** @throws InvalidObjectInstanceException listing every problem found, in resource order */
    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort((a, b) -> a.resource().compareTo(b.resource()));
            throw new InvalidObjectInstanceException(sorted);
        }
    }

    private Optional<ResourceValue> single(int resourceId, boolean required, ResourceType... types) {
        typed.add(resourceId);
        Resource resource = instance.resources().get(resourceId);
        if (resource == null) {
            if (required) {
                problem(resourceId, Kind.MISSING, name(resourceId) + " is missing");
            }
            return Optional.empty();
        }
        if (resource instanceof SingleResource single) {
            for (ResourceType type : types) {
                if (single.value().type() == type) {
                    return Optional.of(single.value());
                }
            }
        }
        problem(resourceId, Kind.WRONG_TYPE, name(resourceId) + " is " + describe(resource) + ", expected " + types[0]);
        return Optional.empty();
    }

    private static String describe(Resource resource) {
        return resource instanceof MultipleResource
                ? "a multiple " + resource.type() + " resource"
                : resource.type().toString();
    }
}
