/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.codec.DefaultLwM2mCodec;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link DefaultLwM2mCodec} as the encoder and decoder services. A configuration change swaps the
 * codec atomically, so callers in flight finish with the limits they started with and the services stay
 * registered.
 */
@Component(
        service = {LwM2mEncoder.class, LwM2mDecoder.class},
        configurationPid = CodecConfig.PID)
@Designate(ocd = CodecConfig.class)
public final class CodecComponent implements LwM2mEncoder, LwM2mDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(CodecComponent.class);

    private volatile DefaultLwM2mCodec codec;

    @Activate
    @Modified
    void configure(CodecConfig config) {
        CodecLimits limits = limits(config);
        codec = new DefaultLwM2mCodec(limits);
        LOG.info("LwM2M codec limits: {}", limits);
    }

    /** @throws IllegalArgumentException for out-of-range values, which fails activation with that message */
    static CodecLimits limits(CodecConfig config) {
        return new CodecLimits(
                config.maxPayloadBytes(), config.maxDepth(), config.maxResourceInstances(), config.maxEntries());
    }

    @Override
    public byte[] encode(LwM2mNode node, LwM2mPath path, ContentFormat format, ObjectModelRegistry models)
            throws CodecException {
        return codec.encode(node, path, format, models);
    }

    @Override
    public byte[] encodeValues(List<PathValue> values, ContentFormat format) throws CodecException {
        return codec.encodeValues(values, format);
    }

    @Override
    public LwM2mNode decode(byte[] payload, ContentFormat format, LwM2mPath path, ObjectModelRegistry models)
            throws CodecException {
        return codec.decode(payload, format, path, models);
    }

    @Override
    public List<PathValue> decodeValues(byte[] payload, ContentFormat format, ObjectModelRegistry models)
            throws CodecException {
        return codec.decodeValues(payload, format, models);
    }

    @Override
    public boolean supports(ContentFormat format) {
        return codec.supports(format);
    }
}
