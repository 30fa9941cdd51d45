/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A payload could not be decoded, or a node could not be encoded, in a given content format. It says what
 * went wrong ({@link #kind()}), in which format, and where: a byte {@link #offset()} into the payload, a
 * {@link #field()} such as {@code records[2].n}, or both.
 * <p>
 * Messages name offsets, fields, paths and lengths but never quote payload values, because bootstrap
 * payloads carry key material and these messages end up in logs.
 */
public class CodecException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, each with the CoAP code a server answers with when a request payload fails so. */
    public enum Kind {
        /** The payload is above {@link CodecLimits#maxPayloadBytes()}. */
        PAYLOAD_TOO_LARGE(ResponseCode.REQUEST_ENTITY_TOO_LARGE),
        /** The payload ends inside an item: a header, a length field or a value is cut off. */
        TRUNCATED(ResponseCode.BAD_REQUEST),
        /** A length field points beyond the payload or beyond the entry that contains it. */
        LENGTH_OUT_OF_BOUNDS(ResponseCode.BAD_REQUEST),
        /** Nesting is deeper than {@link CodecLimits#maxDepth()}. */
        NESTING_TOO_DEEP(ResponseCode.BAD_REQUEST),
        /** More entries or resource instances than {@link CodecLimits} allow. */
        TOO_MANY_ENTRIES(ResponseCode.REQUEST_ENTITY_TOO_LARGE),
        /** The bytes are not valid syntax of the format (JSON, CBOR, link format, text numbers). */
        MALFORMED(ResponseCode.BAD_REQUEST),
        /** Text that must be UTF-8 is not. */
        INVALID_UTF8(ResponseCode.BAD_REQUEST),
        /** A SenML record carries a label Bootgate does not accept. */
        UNKNOWN_FIELD(ResponseCode.BAD_REQUEST),
        /** The same field, record, instance or resource appears twice. */
        DUPLICATE(ResponseCode.BAD_REQUEST),
        /** A path or id is invalid (65535, more than four segments, not under the target path). */
        INVALID_PATH(ResponseCode.BAD_REQUEST),
        /** Well-formed items in an arrangement the format or the target path does not allow. */
        INVALID_STRUCTURE(ResponseCode.BAD_REQUEST),
        /** A value that its data type cannot hold (a boolean of 2, an integer of 3 bytes, bad base64). */
        INVALID_VALUE(ResponseCode.BAD_REQUEST),
        /** A number outside the range of its data type, including overflowing floats and huge exponents. */
        VALUE_OUT_OF_RANGE(ResponseCode.BAD_REQUEST),
        /** A value of another data type than the object model defines for the resource. */
        TYPE_MISMATCH(ResponseCode.BAD_REQUEST),
        /** Valid encoding of the underlying format that LwM2M payloads must not use (CBOR tags, indefinite lengths). */
        UNSUPPORTED_ENCODING(ResponseCode.BAD_REQUEST),
        /** The content format is not supported, or not for this kind of node or path. */
        UNSUPPORTED_FORMAT(ResponseCode.UNSUPPORTED_CONTENT_FORMAT),
        /** Encoding only: the format cannot represent the value (NaN in JSON, a lone surrogate in a string). */
        UNREPRESENTABLE(ResponseCode.NOT_ACCEPTABLE);

        private final ResponseCode responseCode;

        Kind(ResponseCode responseCode) {
            this.responseCode = responseCode;
        }

        /** The CoAP response code for a request whose payload failed with this kind. */
        public ResponseCode responseCode() {
            return responseCode;
        }
    }

    private final Kind kind;
    private final ContentFormat format;
    private final String detail;
    private final long offset;
    private final String field;

    /**
     * @param kind what went wrong
     * @param format the content format being decoded or encoded
     * @param detail what was found, without payload values
     * @param offset byte offset into the payload, or -1 if it does not apply
     * @param field the field or record concerned, or {@code null}
     * @param cause the underlying parser exception, or {@code null}
     */
    public CodecException(Kind kind, ContentFormat format, String detail, long offset, String field, Throwable cause) {
        super(message(kind, format, detail, offset, field), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.format = Objects.requireNonNull(format, "format");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.offset = offset < 0 ? -1 : offset;
        this.field = field;
    }

    public CodecException(Kind kind, ContentFormat format, String detail) {
        this(kind, format, detail, -1, null, null);
    }

    public static CodecException atOffset(Kind kind, ContentFormat format, long offset, String detail) {
        return new CodecException(kind, format, detail, offset, null, null);
    }

    public static CodecException atField(Kind kind, ContentFormat format, String field, String detail) {
        return new CodecException(kind, format, detail, -1, field, null);
    }

    private static String message(Kind kind, ContentFormat format, String detail, long offset, String field) {
        StringBuilder sb = new StringBuilder().append(format).append(' ').append(kind);
        if (field != null) {
            sb.append(" in ").append(field);
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        return sb.append(": ").append(detail).toString();
    }

    public Kind kind() {
        return kind;
    }

    public ContentFormat format() {
        return format;
    }

    /** The description of the problem without kind, format and location. */
    public String detail() {
        return detail;
    }

    /** Byte offset into the payload where the problem was found, if the format has one. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The field or record concerned, e.g. {@code records[2].vlo}, if the format has fields. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
