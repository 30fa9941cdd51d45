/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.bootstrap.AttemptTree;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.store.WriteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a Bootstrap-Pack (LwM2M 1.2): the values of a SenML payload grouped into whole object
 * instances, each applied as a Bootstrap-Write of that instance (its resources replace the stored ones).
 * <p>
 * The pack is turned into instances completely before anything is written, so a pack that does not fit the
 * object definitions is refused without touching the attempt's tree and the mode can still fall back to a
 * Bootstrap-Request.
 */
final class BootstrapPack {

    private final Map<LwM2mPath, ObjectInstance> instances;

    private BootstrapPack(Map<LwM2mPath, ObjectInstance> instances) {
        this.instances = instances;
    }

    /**
     * @throws InvalidPackException naming the path that does not fit (unknown object or resource, a single
     *             resource given as resource instances or the other way round, a value given twice)
     */
    static BootstrapPack of(List<PathValue> values, ObjectModelRegistry models) throws InvalidPackException {
        if (values.isEmpty()) {
            throw new InvalidPackException("the pack holds no value");
        }
        Map<LwM2mPath, Map<Integer, Object>> byInstance = new LinkedHashMap<>();
        for (PathValue value : values) {
            LwM2mPath path = value.path();
            ResourceModel model = models.resource(path.objectId(), path.resourceId())
                    .orElseThrow(() -> new InvalidPackException(path + " is not a defined resource"));
            if (model.multiple() != path.isResourceInstance()) {
                throw new InvalidPackException(path
                        + (model.multiple()
                                ? " names a multiple resource, values must address its instances (/o/i/r/ri)"
                                : " names a single resource inside a resource instance path"));
            }
            if (model.type() != value.value().type()) {
                throw new InvalidPackException(
                        path + " is " + value.value().type() + ", the object definition says " + model.type());
            }
            Map<Integer, Object> resources = byInstance.computeIfAbsent(path.truncate(2), p -> new TreeMap<>());
            if (path.isResource()) {
                if (resources.putIfAbsent(path.resourceId(), value.value()) != null) {
                    throw new InvalidPackException(path + " is given twice");
                }
            } else {
                @SuppressWarnings("unchecked")
                Map<Integer, ResourceValue> entries = (Map<Integer, ResourceValue>)
                        resources.computeIfAbsent(path.resourceId(), id -> new TreeMap<Integer, ResourceValue>());
                if (entries.putIfAbsent(path.resourceInstanceId(), value.value()) != null) {
                    throw new InvalidPackException(path + " is given twice");
                }
            }
        }
        Map<LwM2mPath, ObjectInstance> instances = new LinkedHashMap<>();
        for (Map.Entry<LwM2mPath, Map<Integer, Object>> entry : byInstance.entrySet()) {
            LwM2mPath instancePath = entry.getKey();
            List<Resource> resources = new ArrayList<>();
            for (Map.Entry<Integer, Object> resource : entry.getValue().entrySet()) {
                if (resource.getValue() instanceof ResourceValue single) {
                    resources.add(SingleResource.of(resource.getKey(), single));
                } else {
                    @SuppressWarnings("unchecked")
                    Map<Integer, ResourceValue> entries = (Map<Integer, ResourceValue>) resource.getValue();
                    ResourceModel model = models.resource(instancePath.objectId(), resource.getKey())
                            .orElseThrow();
                    resources.add(MultipleResource.of(resource.getKey(), model.type(), entries));
                }
            }
            instances.put(instancePath, ObjectInstance.of(instancePath.instanceId(), resources));
        }
        return new BootstrapPack(instances);
    }

    /** The object instances of the pack, in payload order. */
    Map<LwM2mPath, ObjectInstance> instances() {
        return instances;
    }

    /** Writes every instance into the attempt's tree, as Bootstrap-Writes of whole instances do. */
    void applyTo(AttemptTree tree) {
        instances.forEach((path, instance) -> tree.write(path, instance, WriteMode.REPLACE));
    }

    /** A pack whose content does not fit the object definitions; the message names the path. */
    static final class InvalidPackException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPackException(String message) {
            super(message);
        }
    }
}
