/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.util.Optional;

/**
 * The rules shared by the formats that carry exactly one value (plain text, opaque): they address a single
 * resource or one resource instance, never an instance, an object or a whole multiple resource.
 */
final class SingleValueTarget {

    private SingleValueTarget() {}

    /** The model of the targeted resource, after checking that the path can carry a single value. */
    static Optional<ResourceModel> check(LwM2mPath path, ObjectModelRegistry models, ContentFormat format)
            throws CodecException {
        if (path.depth() < 3) {
            throw new CodecException(
                    Kind.UNSUPPORTED_FORMAT,
                    format,
                    format.mediaType() + " carries one value;" + " " + path + " needs TLV or SenML");
        }
        Optional<ResourceModel> model = models.resource(path.objectId(), path.resourceId());
        if (model.isPresent() && model.get().multiple() && path.isResource()) {
            throw new CodecException(
                    Kind.UNSUPPORTED_FORMAT,
                    format,
                    format.mediaType() + " carries one value;" + " multiple resource " + path + " needs TLV or SenML");
        }
        if (model.isPresent() && !model.get().multiple() && path.isResourceInstance()) {
            throw new CodecException(
                    Kind.INVALID_PATH,
                    format,
                    "resource " + path.parent() + " is single-instance and has no resource instances");
        }
        return model;
    }

    static LwM2mNode node(LwM2mPath path, ResourceValue value) {
        return path.isResource()
                ? new SingleResource(path.resourceId(), value)
                : new ResourceInstance(path.resourceInstanceId(), value);
    }

    /** The value of a node that a single-value format can encode. */
    static ResourceValue value(LwM2mNode node, LwM2mPath path, ContentFormat format) throws CodecException {
        NodeFlattener.checkPath(node, path, format);
        if (node instanceof SingleResource single) {
            return single.value();
        }
        if (node instanceof ResourceInstance instance) {
            return instance.value();
        }
        throw new CodecException(
                Kind.UNSUPPORTED_FORMAT,
                format,
                format.mediaType() + " carries one value, not a "
                        + node.getClass().getSimpleName());
    }

    static void checkSize(byte[] payload, int max, ContentFormat format) throws CodecException {
        if (payload.length > max) {
            throw CodecException.atOffset(
                    Kind.PAYLOAD_TOO_LARGE,
                    format,
                    max,
                    "payload of " + payload.length + " bytes is above the limit of " + max);
        }
    }
}
