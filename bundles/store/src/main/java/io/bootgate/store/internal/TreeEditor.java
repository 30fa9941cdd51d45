/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.store.WriteRejectedException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The working copy of one endpoint's tree inside a transaction, with the LwM2M write semantics (replace and
 * partial update at every level, create, delete) and the checks against the object definitions.
 * <p>
 * Every operation validates first and changes the tree only when the whole operation is valid, so a
 * rejected write leaves the working copy as it was. Not thread-safe: the transaction synchronizes.
 */
final class TreeEditor {

    private final ObjectModelRegistry models;
    private final TreeMap<Integer, LwM2mObject> objects;

    TreeEditor(ObjectModelRegistry models, Map<Integer, LwM2mObject> start) {
        this.models = models;
        this.objects = new TreeMap<>(start);
    }

    SortedMap<Integer, LwM2mObject> objects() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(objects));
    }

    /** The tree as it is now, without copying: only for encoding and comparison by the transaction. */
    Map<Integer, LwM2mObject> view() {
        return Collections.unmodifiableMap(objects);
    }

    void write(LwM2mPath path, LwM2mNode node, WriteMode mode) {
        if (path.isRoot()) {
            throw new IllegalArgumentException("cannot write the root path");
        }
        ObjectModel model = model(path);
        switch (path.depth()) {
            case 1 -> writeObject(path, model, expect(path, node, LwM2mObject.class), mode);
            case 2 -> writeInstance(path, model, expect(path, node, ObjectInstance.class), mode);
            case 3 -> writeResource(path, model, expect(path, node, Resource.class), mode);
            default -> writeResourceInstance(path, model, expect(path, node, ResourceInstance.class));
        }
    }

    private static <T extends LwM2mNode> T expect(LwM2mPath path, LwM2mNode node, Class<T> kind) {
        if (!kind.isInstance(node)) {
            throw new IllegalArgumentException("path " + path + " addresses a " + kind.getSimpleName() + ", got "
                    + (node == null ? "null" : node.getClass().getSimpleName()));
        }
        int last =
                switch (path.depth()) {
                    case 1 -> path.objectId();
                    case 2 -> path.instanceId();
                    case 3 -> path.resourceId();
                    default -> path.resourceInstanceId();
                };
        if (node.id() != last) {
            throw new IllegalArgumentException("path " + path + " does not match node id " + node.id());
        }
        return kind.cast(node);
    }

    private void writeObject(LwM2mPath path, ObjectModel model, LwM2mObject object, WriteMode mode) {
        for (ObjectInstance instance : object.instances().values()) {
            checkInstance(path.append(instance.id()), model, instance);
        }
        if (mode == WriteMode.REPLACE) {
            putObject(object);
            return;
        }
        TreeMap<Integer, ObjectInstance> instances = instancesOf(path.objectId());
        for (ObjectInstance instance : object.instances().values()) {
            ObjectInstance existing = instances.get(instance.id());
            instances.put(instance.id(), existing == null ? instance : merge(existing, instance));
        }
        putObject(new LwM2mObject(path.objectId(), instances));
    }

    private void writeInstance(LwM2mPath path, ObjectModel model, ObjectInstance instance, WriteMode mode) {
        checkInstance(path, model, instance);
        ObjectInstance existing = instanceOf(path);
        putInstance(
                path.objectId(), mode == WriteMode.REPLACE || existing == null ? instance : merge(existing, instance));
    }

    private void writeResource(LwM2mPath path, ObjectModel model, Resource resource, WriteMode mode) {
        checkInstanceId(path.parent(), model);
        checkResource(path, model, resource);
        ObjectInstance instance = instanceOrEmpty(path);
        Resource existing = instance.resources().get(resource.id());
        Resource result = mode == WriteMode.UPDATE && existing != null ? merge(existing, resource) : resource;
        putInstance(path.objectId(), instance.with(result));
    }

    private void writeResourceInstance(LwM2mPath path, ObjectModel model, ResourceInstance value) {
        LwM2mPath resourcePath = path.parent();
        checkInstanceId(resourcePath.parent(), model);
        ResourceModel resourceModel = resourceModel(resourcePath, model);
        if (!resourceModel.multiple()) {
            throw rejected(
                    path,
                    ResponseCode.BAD_REQUEST,
                    "resource " + resourcePath + " (" + resourceModel.name()
                            + ") is single-instance: it has no resource instances");
        }
        checkType(path, resourceModel, value.value().type());
        ObjectInstance instance = instanceOrEmpty(path);
        Resource existing = instance.resources().get(resourcePath.resourceId());
        MultipleResource updated = existing instanceof MultipleResource multiple
                ? multiple.with(value.id(), value.value())
                : new MultipleResource(
                        resourcePath.resourceId(),
                        resourceModel.type(),
                        new TreeMap<>(Map.of(value.id(), value.value())));
        putInstance(path.objectId(), instance.with(updated));
    }

    void create(int objectId, ObjectInstance instance) {
        LwM2mPath path = LwM2mPath.of(objectId, instance.id());
        ObjectModel model = model(path);
        checkInstance(path, model, instance);
        if (instanceOf(path) != null) {
            throw rejected(path, ResponseCode.BAD_REQUEST, "instance " + path + " already exists");
        }
        putInstance(objectId, instance);
    }

    boolean delete(LwM2mPath path) {
        if (path.isRoot()) {
            boolean any = !objects.isEmpty();
            objects.clear();
            return any;
        }
        if (path.isObject()) {
            return objects.remove(path.objectId()) != null;
        }
        ObjectInstance instance = instanceOf(path);
        if (instance == null) {
            return false;
        }
        if (path.isObjectInstance()) {
            TreeMap<Integer, ObjectInstance> instances = instancesOf(path.objectId());
            instances.remove(path.instanceId());
            putObject(new LwM2mObject(path.objectId(), instances));
            return true;
        }
        Resource resource = instance.resources().get(path.resourceId());
        if (resource == null) {
            return false;
        }
        if (path.isResource()) {
            putInstance(path.objectId(), instance.without(path.resourceId()));
            return true;
        }
        if (!(resource instanceof MultipleResource multiple)
                || !multiple.values().containsKey(path.resourceInstanceId())) {
            return false;
        }
        putInstance(path.objectId(), instance.with(multiple.without(path.resourceInstanceId())));
        return true;
    }

    int nextInstanceId(int objectId) {
        LwM2mPath path = LwM2mPath.of(objectId);
        ObjectModel model = model(path);
        LwM2mObject object = objects.get(objectId);
        if (!model.multiple()) {
            if (object != null && !object.instances().isEmpty()) {
                throw rejected(
                        path,
                        ResponseCode.BAD_REQUEST,
                        "object " + objectId + " (" + model.name() + ") is single-instance and has its instance");
            }
            return 0;
        }
        int id = 0;
        if (object != null) {
            for (int used : object.instances().keySet()) {
                if (used != id) {
                    break;
                }
                id++;
            }
        }
        if (id > LwM2mPath.MAX_ID) {
            throw rejected(path, ResponseCode.BAD_REQUEST, "object " + objectId + " has no free instance id");
        }
        return id;
    }

    // ---- checks against the object definitions

    private ObjectModel model(LwM2mPath path) {
        return models.object(path.objectId())
                .orElseThrow(() -> rejected(
                        path,
                        ResponseCode.NOT_FOUND,
                        "object " + path.objectId() + " has no definition in this store"));
    }

    private static void checkInstanceId(LwM2mPath instancePath, ObjectModel model) {
        if (!model.multiple() && instancePath.instanceId() != 0) {
            throw rejected(
                    instancePath,
                    ResponseCode.BAD_REQUEST,
                    "object " + model.id() + " (" + model.name() + ") is single-instance: its only instance id is 0");
        }
    }

    private static void checkInstance(LwM2mPath instancePath, ObjectModel model, ObjectInstance instance) {
        checkInstanceId(instancePath, model);
        for (Resource resource : instance.resources().values()) {
            checkResource(instancePath.append(resource.id()), model, resource);
        }
    }

    private static void checkResource(LwM2mPath resourcePath, ObjectModel model, Resource resource) {
        ResourceModel resourceModel = resourceModel(resourcePath, model);
        if (resourceModel.multiple() != resource.isMultiple()) {
            throw rejected(
                    resourcePath,
                    ResponseCode.BAD_REQUEST,
                    "resource " + resourcePath + " ("
                            + resourceModel.name() + ") is " + (resourceModel.multiple() ? "multiple" : "single")
                            + "-instance, the value given is " + (resource.isMultiple() ? "multiple" : "single"));
        }
        checkType(resourcePath, resourceModel, resource.type());
    }

    private static ResourceModel resourceModel(LwM2mPath resourcePath, ObjectModel model) {
        ResourceModel resourceModel = model.resource(resourcePath.resourceId())
                .orElseThrow(() -> rejected(
                        resourcePath,
                        ResponseCode.NOT_FOUND,
                        "object " + model.id() + " (" + model.name() + ") defines no resource "
                                + resourcePath.resourceId()));
        if (resourceModel.type() == ResourceType.NONE) {
            throw rejected(
                    resourcePath,
                    ResponseCode.BAD_REQUEST,
                    "resource " + resourcePath + " (" + resourceModel.name() + ") is executable and holds no value");
        }
        return resourceModel;
    }

    private static void checkType(LwM2mPath path, ResourceModel resourceModel, ResourceType type) {
        if (type != resourceModel.type()) {
            throw rejected(
                    path,
                    ResponseCode.BAD_REQUEST,
                    "resource " + path + " (" + resourceModel.name() + ") holds " + resourceModel.type()
                            + " values, got " + type);
        }
    }

    private static WriteRejectedException rejected(LwM2mPath path, ResponseCode code, String message) {
        return new WriteRejectedException(path, code, message);
    }

    // ---- partial update

    /** {@code update} merged into {@code base}: resources replaced by id, multiple resources merged. */
    private static ObjectInstance merge(ObjectInstance base, ObjectInstance update) {
        TreeMap<Integer, Resource> resources = new TreeMap<>(base.resources());
        for (Resource resource : update.resources().values()) {
            Resource existing = resources.get(resource.id());
            resources.put(resource.id(), existing == null ? resource : merge(existing, resource));
        }
        return new ObjectInstance(base.id(), resources);
    }

    private static Resource merge(Resource base, Resource update) {
        if (base instanceof MultipleResource b && update instanceof MultipleResource u && b.type() == u.type()) {
            TreeMap<Integer, ResourceValue> values = new TreeMap<>(b.values());
            values.putAll(u.values());
            return new MultipleResource(u.id(), u.type(), values);
        }
        return update;
    }

    // ---- tree plumbing; objects without instances are dropped so that "absent" has one representation

    private TreeMap<Integer, ObjectInstance> instancesOf(int objectId) {
        LwM2mObject object = objects.get(objectId);
        return object == null ? new TreeMap<>() : new TreeMap<>(object.instances());
    }

    private ObjectInstance instanceOf(LwM2mPath path) {
        LwM2mObject object = objects.get(path.objectId());
        return object == null ? null : object.instances().get(path.instanceId());
    }

    private ObjectInstance instanceOrEmpty(LwM2mPath path) {
        ObjectInstance instance = instanceOf(path);
        return instance != null ? instance : new ObjectInstance(path.instanceId(), new TreeMap<>());
    }

    private void putInstance(int objectId, ObjectInstance instance) {
        TreeMap<Integer, ObjectInstance> instances = instancesOf(objectId);
        instances.put(instance.id(), instance);
        putObject(new LwM2mObject(objectId, instances));
    }

    private void putObject(LwM2mObject object) {
        if (object.instances().isEmpty()) {
            objects.remove(object.id());
        } else {
            objects.put(object.id(), object);
        }
    }
}
