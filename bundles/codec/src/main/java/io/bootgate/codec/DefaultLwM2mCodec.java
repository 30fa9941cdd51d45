/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.codec.internal.NodeCodec;
import io.bootgate.codec.internal.OpaqueCodec;
import io.bootgate.codec.internal.SenmlCodec;
import io.bootgate.codec.internal.TextCodec;
import io.bootgate.codec.internal.TlvCodec;
import java.util.List;
import java.util.Objects;

/**
 * Encoder and decoder for the LwM2M value formats: TLV (11542), plain text (0), opaque (42), SenML-JSON (110)
 * and SenML-CBOR (112). Immutable and thread-safe; one instance serves any number of devices.
 * <p>
 * Rules per format:
 * <ul>
 * <li><b>TLV</b> carries no types. Values are typed by the object model; a resource without a model is
 * decoded as OPAQUE, holding its bytes as sent.</li>
 * <li><b>Plain text</b> carries one value of a resource or resource instance. A resource without a model is
 * decoded as STRING. Floats NaN and infinities cannot be written.</li>
 * <li><b>Opaque</b> carries the bytes of one OPAQUE resource or resource instance.</li>
 * <li><b>SenML</b> carries full paths and a value kind per record; the model decides the exact type, and
 * without a model {@code v} written as an integer is INTEGER (UNSIGNED_INTEGER above 2^63-1), other numbers
 * FLOAT, {@code vs} STRING, {@code vd} OPAQUE, {@code vlo} OBJLNK. Opaque values are base64url without padding
 * in JSON (RFC 8428 §4.3; both alphabets are accepted when decoding) and byte strings in CBOR. Integers keep
 * their exact value up to 2^64-1 in both. NaN and infinities can be written in CBOR but not in JSON
 * ({@link Kind#UNREPRESENTABLE}). Unknown labels, repeated paths, paths with id 65535 or more than four
 * segments, CBOR tags and indefinite lengths are refused.</li>
 * </ul>
 * Every decode is bounded by the {@link CodecLimits} given at construction and fails only with
 * {@link CodecException}.
 */
public final class DefaultLwM2mCodec implements LwM2mEncoder, LwM2mDecoder {

    private final CodecLimits limits;
    private final TlvCodec tlv;
    private final TextCodec text;
    private final OpaqueCodec opaque;
    private final SenmlCodec senmlJson;
    private final SenmlCodec senmlCbor;

    /** A codec with {@link CodecLimits#defaults()}. */
    public DefaultLwM2mCodec() {
        this(CodecLimits.defaults());
    }

    public DefaultLwM2mCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.tlv = new TlvCodec(limits);
        this.text = new TextCodec(limits);
        this.opaque = new OpaqueCodec(limits);
        this.senmlJson = SenmlCodec.json(limits);
        this.senmlCbor = SenmlCodec.cbor(limits);
    }

    public CodecLimits limits() {
        return limits;
    }

    @Override
    public boolean supports(ContentFormat format) {
        return codec(format) != null;
    }

    @Override
    public byte[] encode(LwM2mNode node, LwM2mPath path, ContentFormat format, ObjectModelRegistry models)
            throws CodecException {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(models, "models");
        return require(format).encode(node, path, models);
    }

    @Override
    public LwM2mNode decode(byte[] payload, ContentFormat format, LwM2mPath path, ObjectModelRegistry models)
            throws CodecException {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(models, "models");
        return require(format).decode(payload, path, models);
    }

    @Override
    public byte[] encodeValues(List<PathValue> values, ContentFormat format) throws CodecException {
        Objects.requireNonNull(values, "values");
        return senml(format).encodeValues(values);
    }

    @Override
    public List<PathValue> decodeValues(byte[] payload, ContentFormat format, ObjectModelRegistry models)
            throws CodecException {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(models, "models");
        return senml(format).decodeValues(payload, models);
    }

    private NodeCodec codec(ContentFormat format) {
        Objects.requireNonNull(format, "format");
        return switch (format) {
            case TLV -> tlv;
            case TEXT -> text;
            case OPAQUE -> opaque;
            case SENML_JSON -> senmlJson;
            case SENML_CBOR -> senmlCbor;
            default -> null;
        };
    }

    private NodeCodec require(ContentFormat format) throws CodecException {
        NodeCodec codec = codec(format);
        if (codec == null) {
            throw new CodecException(
                    Kind.UNSUPPORTED_FORMAT, format, format.mediaType() + " is not a value format this codec handles");
        }
        return codec;
    }

    private SenmlCodec senml(ContentFormat format) throws CodecException {
        if (format == ContentFormat.SENML_JSON) {
            return senmlJson;
        }
        if (format == ContentFormat.SENML_CBOR) {
            return senmlCbor;
        }
        throw new CodecException(
                Kind.UNSUPPORTED_FORMAT,
                Objects.requireNonNull(format, "format"),
                "only SenML formats carry values of several paths");
    }

    @Override
    public String toString() {
        return "DefaultLwM2mCodec" + limits;
    }
}
