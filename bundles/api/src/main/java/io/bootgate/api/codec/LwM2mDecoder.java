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
 * Decodes payloads of the value content formats into LwM2M nodes. Implementations are thread-safe and
 * treat every payload as hostile: whatever the bytes, decoding either returns a node or throws
 * {@link CodecException}, within the implementation's {@link CodecLimits}.
 */
@ProviderType
public interface LwM2mDecoder {

    /**
     * Decodes the payload of a request or response that targets {@code path}.
     * <p>
     * The node's kind follows the path: {@code /o} gives an {@link io.bootgate.api.model.LwM2mObject} (a
     * Bootstrap-Write on an object carries several instances), {@code /o/i} an
     * {@link io.bootgate.api.model.ObjectInstance}, {@code /o/i/r} a {@link io.bootgate.api.model.Resource}
     * and {@code /o/i/r/ri} a {@link io.bootgate.api.model.ResourceInstance}. Formats that carry no types
     * (TLV, plain text) take them from {@code models}; what happens to resources without a model is
     * documented by the implementation.
     *
     * @throws CodecException with the kind and location of the first problem found
     */
    LwM2mNode decode(byte[] payload, ContentFormat format, LwM2mPath path, ObjectModelRegistry models)
            throws CodecException;

    /**
     * Decodes a payload of the formats that carry full paths (SenML-JSON, SenML-CBOR) into its values, in
     * payload order, whatever objects they belong to.
     *
     * @throws CodecException {@link CodecException.Kind#UNSUPPORTED_FORMAT} for other formats, or the kind and
     *         location of the first problem found
     */
    List<PathValue> decodeValues(byte[] payload, ContentFormat format, ObjectModelRegistry models)
            throws CodecException;

    /** Whether {@link #decode} accepts this format. */
    boolean supports(ContentFormat format);
}
