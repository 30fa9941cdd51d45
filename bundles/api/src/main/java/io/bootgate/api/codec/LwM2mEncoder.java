/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Encodes LwM2M nodes into payloads of the value content formats. Implementations are thread-safe.
 */
@ProviderType
public interface LwM2mEncoder {

    /**
     * Encodes a node addressed by {@code path}.
     *
     * @param node an {@link io.bootgate.api.model.LwM2mObject} at {@code /o}, an
     *        {@link io.bootgate.api.model.ObjectInstance} at {@code /o/i}, a
     *        {@link io.bootgate.api.model.Resource} at {@code /o/i/r} or a
     *        {@link io.bootgate.api.model.ResourceInstance} at {@code /o/i/r/ri}, whose id equals the path's last
     *        segment
     * @param path where the node lives
     * @param format the content format to produce
     * @param models object definitions; values are encoded with their own {@link io.bootgate.api.model.ResourceType}
     * @return the payload
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_FORMAT} if the format cannot carry this kind of
     *         node, {@link CodecException.Kind#INVALID_PATH} if node and path disagree,
     *         {@link CodecException.Kind#UNREPRESENTABLE} if the format cannot carry a value
     */
    byte[] encode(LwM2mNode node, LwM2mPath path, ContentFormat format, ObjectModelRegistry models)
            throws CodecException;

    /**
     * Encodes values of any paths into one payload, for the formats that carry full paths (SenML-JSON,
     * SenML-CBOR), in the order given.
     *
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_FORMAT} for other formats,
     *         {@link CodecException.Kind#DUPLICATE} if a path appears twice
     */
    byte[] encodeValues(List<PathValue> values, ContentFormat format) throws CodecException;

    /** Whether {@link #encode} can produce this format. */
    boolean supports(ContentFormat format);
}
