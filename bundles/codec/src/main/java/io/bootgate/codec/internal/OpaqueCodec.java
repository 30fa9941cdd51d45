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
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import java.util.Optional;

/**
 * application/octet-stream (Core §6.4.2 / 1.1 §7.4.2), content format 42: the raw bytes of one OPAQUE
 * resource or resource instance. Resources without a model are taken as OPAQUE.
 */
public final class OpaqueCodec implements NodeCodec {

    private static final ContentFormat OPAQUE = ContentFormat.OPAQUE;

    private final CodecLimits limits;

    public OpaqueCodec(CodecLimits limits) {
        this.limits = limits;
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        SingleValueTarget.checkSize(payload, limits.maxPayloadBytes(), OPAQUE);
        Optional<ResourceModel> model = SingleValueTarget.check(path, models, OPAQUE);
        if (model.isPresent() && model.get().type() != ResourceType.OPAQUE) {
            throw new CodecException(
                    Kind.TYPE_MISMATCH,
                    OPAQUE,
                    "resource " + path + " is " + model.get().type() + ", not OPAQUE");
        }
        return SingleValueTarget.node(path, ResourceValue.ofOpaque(payload));
    }

    @Override
    public byte[] encode(LwM2mNode node, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        ResourceValue value = SingleValueTarget.value(node, path, OPAQUE);
        if (value.type() != ResourceType.OPAQUE) {
            throw new CodecException(
                    Kind.UNSUPPORTED_FORMAT,
                    OPAQUE,
                    "only OPAQUE values can be sent as " + OPAQUE.mediaType() + ", not " + value.type());
        }
        return value.opaqueValue();
    }
}
