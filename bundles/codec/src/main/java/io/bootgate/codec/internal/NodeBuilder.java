/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the node at a target path from values at full paths (what SenML carries), checking that every
 * value lies under the target, that no path repeats, that single and multiple resources are used as the
 * model defines them, and the resource instance limit.
 */
final class NodeBuilder {

    private final ContentFormat format;
    private final CodecLimits limits;
    private final ObjectModelRegistry models;

    NodeBuilder(ContentFormat format, CodecLimits limits, ObjectModelRegistry models) {
        this.format = format;
        this.limits = limits;
        this.models = models;
    }

    /** One resource being collected: either a single value or instances, never both. */
    private static final class ResourceParts {
        TypedEntry single;
        final TreeMap<Integer, ResourceValue> instances = new TreeMap<>();
        ResourceType instanceType;
    }

    LwM2mNode build(LwM2mPath target, List<TypedEntry> entries) throws CodecException {
        if (target.isRoot()) {
            throw new CodecException(
                    Kind.INVALID_PATH, format, "one node cannot hold several objects; decode / " + "with decodeValues");
        }
        TreeMap<Integer, TreeMap<Integer, ResourceParts>> tree = new TreeMap<>();
        for (TypedEntry entry : entries) {
            add(target, entry, tree);
        }
        int objectId = target.objectId();
        return switch (target.depth()) {
            case 1 -> {
                List<ObjectInstance> instances = new ArrayList<>();
                for (Map.Entry<Integer, TreeMap<Integer, ResourceParts>> e : tree.entrySet()) {
                    instances.add(instance(objectId, e.getKey(), e.getValue()));
                }
                yield LwM2mObject.of(objectId, instances);
            }
            case 2 -> instance(objectId, target.instanceId(), tree.getOrDefault(target.instanceId(), new TreeMap<>()));
            case 3 -> {
                ResourceParts parts =
                        tree.getOrDefault(target.instanceId(), new TreeMap<>()).get(target.resourceId());
                yield resource(objectId, target.resourceId(), parts, target);
            }
            default -> {
                ResourceParts parts =
                        tree.getOrDefault(target.instanceId(), new TreeMap<>()).get(target.resourceId());
                if (parts == null || parts.instances.isEmpty()) {
                    throw new CodecException(Kind.INVALID_STRUCTURE, format, "payload has no value for " + target);
                }
                yield new ResourceInstance(
                        target.resourceInstanceId(), parts.instances.get(target.resourceInstanceId()));
            }
        };
    }

    private void add(LwM2mPath target, TypedEntry entry, TreeMap<Integer, TreeMap<Integer, ResourceParts>> tree)
            throws CodecException {
        LwM2mPath path = entry.path();
        Site site = entry.site();
        if (!path.startsWith(target)) {
            throw site.fail(Kind.INVALID_PATH, "value for " + path + " is outside the target " + target);
        }
        Optional<ResourceModel> model = models.resource(path.objectId(), path.resourceId());
        ResourceParts parts = tree.computeIfAbsent(path.instanceId(), id -> new TreeMap<>())
                .computeIfAbsent(path.resourceId(), id -> new ResourceParts());
        if (path.isResource()) {
            if (model.isPresent() && model.get().multiple()) {
                throw site.fail(
                        Kind.INVALID_STRUCTURE,
                        "resource " + path + " is multiple-instance: its values need" + " resource instance paths");
            }
            if (parts.single != null) {
                throw site.fail(Kind.DUPLICATE, "second value for " + path);
            }
            if (!parts.instances.isEmpty()) {
                throw site.fail(Kind.INVALID_STRUCTURE, path + " has both a value and resource instances");
            }
            parts.single = entry;
            return;
        }
        if (model.isPresent() && !model.get().multiple()) {
            throw site.fail(
                    Kind.INVALID_PATH,
                    "resource " + path.parent() + " is single-instance and has no " + "resource instances");
        }
        if (parts.single != null) {
            throw site.fail(Kind.INVALID_STRUCTURE, path.parent() + " has both a value and resource instances");
        }
        if (parts.instances.containsKey(path.resourceInstanceId())) {
            throw site.fail(Kind.DUPLICATE, "second value for " + path);
        }
        if (parts.instanceType != null && parts.instanceType != entry.value().type()) {
            throw site.fail(
                    Kind.TYPE_MISMATCH,
                    "instances of " + path.parent() + " mix " + parts.instanceType + " and "
                            + entry.value().type());
        }
        if (parts.instances.size() >= limits.maxResourceInstances()) {
            throw site.fail(
                    Kind.TOO_MANY_ENTRIES,
                    "resource " + path.parent() + " has more than " + limits.maxResourceInstances() + " instances");
        }
        parts.instanceType = entry.value().type();
        parts.instances.put(path.resourceInstanceId(), entry.value());
    }

    private ObjectInstance instance(int objectId, int instanceId, SortedMap<Integer, ResourceParts> resources)
            throws CodecException {
        List<Resource> built = new ArrayList<>();
        for (Map.Entry<Integer, ResourceParts> e : resources.entrySet()) {
            built.add(resource(objectId, e.getKey(), e.getValue(), LwM2mPath.of(objectId, instanceId, e.getKey())));
        }
        return ObjectInstance.of(instanceId, built);
    }

    private Resource resource(int objectId, int resourceId, ResourceParts parts, LwM2mPath path) throws CodecException {
        Optional<ResourceModel> model = models.resource(objectId, resourceId);
        if (parts == null) {
            if (model.isPresent() && model.get().multiple()) {
                // SenML cannot write an empty multiple resource except as an empty pack: that is this case.
                return new MultipleResource(resourceId, model.get().type(), new TreeMap<>());
            }
            throw new CodecException(Kind.INVALID_STRUCTURE, format, "payload has no value for " + path);
        }
        if (parts.single != null) {
            return new SingleResource(resourceId, parts.single.value());
        }
        ResourceType type = model.map(ResourceModel::type).orElse(parts.instanceType);
        return new MultipleResource(resourceId, type, parts.instances);
    }
}
