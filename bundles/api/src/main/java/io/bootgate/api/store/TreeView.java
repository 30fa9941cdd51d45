/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.util.Optional;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to one endpoint's object tree: either a committed snapshot
 * ({@link ObjectStore#snapshot(String)}) or the working state of a {@link StoreTransaction}, which includes
 * the transaction's own writes.
 * <p>
 * Every node handed out is immutable; a snapshot never changes after it was taken.
 */
@ProviderType
public interface TreeView {

    /** The endpoint (LwM2M client endpoint name of the proxied device) this tree belongs to. */
    String endpoint();

    /**
     * The number of transactions committed on this endpoint when the state was read; 0 for a new endpoint.
     * For a transaction, the revision it started from.
     */
    long revision();

    /** The objects of the tree keyed by object id; objects without instances are not listed. */
    SortedMap<Integer, LwM2mObject> objects();

    /**
     * The node at {@code path}: an {@link LwM2mObject} for {@code /o}, an {@link ObjectInstance} for
     * {@code /o/i}, a {@link Resource} for {@code /o/i/r} and a {@link ResourceInstance} for {@code /o/i/r/ri}.
     *
     * @throws IllegalArgumentException for the root path, which is not a node (use {@link #objects()})
     */
    default Optional<LwM2mNode> read(LwM2mPath path) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("the root path is not a node; read objects() instead");
        }
        LwM2mObject object = objects().get(path.objectId());
        if (object == null || path.isObject()) {
            return Optional.ofNullable(object);
        }
        ObjectInstance instance = object.instances().get(path.instanceId());
        if (instance == null || path.isObjectInstance()) {
            return Optional.ofNullable(instance);
        }
        Resource resource = instance.resources().get(path.resourceId());
        if (resource == null || path.isResource()) {
            return Optional.ofNullable(resource);
        }
        if (resource instanceof MultipleResource multiple) {
            ResourceValue value = multiple.values().get(path.resourceInstanceId());
            return value == null
                    ? Optional.empty()
                    : Optional.of(new ResourceInstance(path.resourceInstanceId(), value));
        }
        return Optional.empty();
    }

    default Optional<LwM2mObject> object(int objectId) {
        return Optional.ofNullable(objects().get(objectId));
    }

    default Optional<ObjectInstance> instance(int objectId, int instanceId) {
        return object(objectId).flatMap(o -> o.instance(instanceId));
    }

    default Optional<Resource> resource(int objectId, int instanceId, int resourceId) {
        return instance(objectId, instanceId).flatMap(i -> i.resource(resourceId));
    }

    /**
     * The value at a single-instance resource path {@code /o/i/r} or a resource instance path
     * {@code /o/i/r/ri}; empty if absent, if {@code /o/i/r} is a multiple resource, or for shorter paths.
     */
    default Optional<ResourceValue> value(LwM2mPath path) {
        if (path.depth() < 3) {
            return Optional.empty();
        }
        return read(path).flatMap(node -> {
            if (node instanceof SingleResource single) {
                return Optional.of(single.value());
            }
            if (node instanceof ResourceInstance instance) {
                return Optional.of(instance.value());
            }
            return Optional.empty();
        });
    }
}
