/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks that a node matches its path, and lists its values at full paths in path order. */
final class NodeFlattener {

    private NodeFlattener() {}

    /** @throws CodecException {@link Kind#INVALID_PATH} if the node's kind or id does not match the path */
    static void checkPath(LwM2mNode node, LwM2mPath path, ContentFormat format) throws CodecException {
        int depth =
                node instanceof LwM2mObject ? 1 : node instanceof ObjectInstance ? 2 : node instanceof Resource ? 3 : 4;
        if (path.depth() != depth) {
            throw new CodecException(
                    Kind.INVALID_PATH, format, node.getClass().getSimpleName() + " cannot live at " + path);
        }
        int lastId =
                switch (depth) {
                    case 1 -> path.objectId();
                    case 2 -> path.instanceId();
                    case 3 -> path.resourceId();
                    default -> path.resourceInstanceId();
                };
        if (lastId != node.id()) {
            throw new CodecException(
                    Kind.INVALID_PATH,
                    format,
                    node.getClass().getSimpleName() + " " + node.id() + " does not match path " + path);
        }
    }

    static List<PathValue> flatten(LwM2mNode node, LwM2mPath path) {
        List<PathValue> values = new ArrayList<>();
        if (node instanceof LwM2mObject object) {
            for (ObjectInstance instance : object.instances().values()) {
                addInstance(instance, path.append(instance.id()), values);
            }
        } else if (node instanceof ObjectInstance instance) {
            addInstance(instance, path, values);
        } else if (node instanceof Resource resource) {
            addResource(resource, path, values);
        } else {
            values.add(new PathValue(path, ((ResourceInstance) node).value()));
        }
        return values;
    }

    private static void addInstance(ObjectInstance instance, LwM2mPath path, List<PathValue> values) {
        for (Resource resource : instance.resources().values()) {
            addResource(resource, path.append(resource.id()), values);
        }
    }

    private static void addResource(Resource resource, LwM2mPath path, List<PathValue> values) {
        if (resource instanceof SingleResource single) {
            values.add(new PathValue(path, single.value()));
        } else {
            for (Map.Entry<Integer, ResourceValue> e :
                    ((MultipleResource) resource).values().entrySet()) {
                values.add(new PathValue(path.append(e.getKey()), e.getValue()));
            }
        }
    }
}
