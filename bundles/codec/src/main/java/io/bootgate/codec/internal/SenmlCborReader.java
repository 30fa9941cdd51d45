/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import java.io.IOException;

/**
 * SenML-CBOR (RFC 8428 §6), content format 112, with integer keys and LwM2M's text key {@code vlo}.
 * <p>
 * Refused although valid CBOR, each with {@link Kind#UNSUPPORTED_ENCODING}:
 * <ul>
 * <li>indefinite-length arrays, maps and strings: RFC 8428 §6 requires definite-length strings, and LwM2M
 * packs are small and built whole, so indefinite lengths only serve to hide a payload's size from limits;</li>
 * <li>every tag, among them bignums (no LwM2M integer exceeds 64 bits), decimal fractions and bigfloats (their
 * exponents make a short item stand for a number whose exact value takes gigabytes);</li>
 * <li>simple values other than false, true and null (which is then refused as a value), because Jackson
 * would report them as small integers.</li>
 * </ul>
 */
final class SenmlCborReader extends SenmlReader {

    private final CBORFactory factory;

    SenmlCborReader(CodecLimits limits, CBORFactory factory) {
        super(ContentFormat.SENML_CBOR, limits);
        this.factory = factory;
    }

    @Override
    JsonParser createParser(byte[] payload) throws IOException {
        return factory.createParser(payload);
    }

    @Override
    void precheck(byte[] payload) {
        // Text strings are checked one by one as they are read, with their own offsets.
    }

    @Override
    void checkToken(JsonParser parser, JsonToken token, byte[] payload) throws CodecException {
        if (token == JsonToken.END_ARRAY || token == JsonToken.END_OBJECT) {
            // Ends of definite-length containers are not in the bytes; indefinite ones were refused at start.
            return;
        }
        CodecException refused = refusedEncoding(CborHeader.at(payload, tokenOffset(parser)), tokenOffset(parser));
        if (refused != null) {
            throw refused;
        }
    }

    private CodecException refusedEncoding(CborHeader header, long offset) {
        if (header == null) {
            return null;
        }
        if (header.majorType() == CborHeader.TAG) {
            return CodecException.atOffset(
                    Kind.UNSUPPORTED_ENCODING,
                    format,
                    offset,
                    "CBOR tag "
                            + Long.toUnsignedString(header.argument()) + tagName(header.argument())
                            + " is not allowed in an LwM2M SenML pack");
        }
        if (header.isIndefinite()) {
            return CodecException.atOffset(
                    Kind.UNSUPPORTED_ENCODING,
                    format,
                    offset,
                    "indefinite-length " + typeName(header.majorType()) + " is not allowed in an LwM2M SenML pack");
        }
        if (header.majorType() == CborHeader.SIMPLE_OR_FLOAT) {
            int info = header.additionalInfo();
            boolean allowed = info == 20 || info == 21 || info == 22 || info == 25 || info == 26 || info == 27;
            if (!allowed) {
                return CodecException.atOffset(
                        Kind.UNSUPPORTED_ENCODING,
                        format,
                        offset,
                        "CBOR simple value " + info + " is not allowed in an LwM2M SenML pack");
            }
        }
        return null;
    }

    private static String tagName(long tag) {
        if (tag == 2 || tag == 3) {
            return " (bignum)";
        }
        if (tag == 4) {
            return " (decimal fraction)";
        }
        if (tag == 5) {
            return " (bigfloat)";
        }
        return "";
    }

    private static String typeName(int majorType) {
        return switch (majorType) {
            case CborHeader.BYTES -> "byte string";
            case CborHeader.TEXT -> "text string";
            case CborHeader.ARRAY -> "array";
            default -> "map";
        };
    }

    /** The integer key of the current field, if its key is a small CBOR integer. */
    private static Long integerKey(CborHeader header) {
        if (header == null || header.headerLength() < 0 || header.argument() < 0 || header.argument() > 1024) {
            return null;
        }
        if (header.majorType() == CborHeader.UNSIGNED) {
            return header.argument();
        }
        if (header.majorType() == CborHeader.NEGATIVE) {
            return -1 - header.argument();
        }
        return null;
    }

    @Override
    SenmlLabel label(JsonParser parser, byte[] payload) throws IOException {
        // Jackson renders integer keys as text, so the key "2" and the key 2 look alike; the bytes tell.
        CborHeader header = CborHeader.at(payload, tokenOffset(parser));
        if (header != null && header.majorType() == CborHeader.TEXT) {
            return SenmlLabel.fromCborText(parser.currentName());
        }
        Long key = integerKey(header);
        return key == null ? null : SenmlLabel.fromCborKey(key);
    }

    @Override
    String describeLabel(JsonParser parser, byte[] payload) throws IOException {
        CborHeader header = CborHeader.at(payload, tokenOffset(parser));
        if (header != null && header.majorType() == CborHeader.TEXT) {
            String name = parser.currentName();
            return name.length() > 16 ? "a text key of " + name.length() + " characters" : "text key '" + name + "'";
        }
        Long key = integerKey(header);
        if (key != null) {
            return "key " + key;
        }
        return "a key of CBOR major type " + (header == null ? "?" : header.majorType());
    }

    @Override
    SenmlNumber number(JsonParser parser, JsonToken token, Site site) throws IOException, CodecException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return new SenmlNumber.Exact(parser.getBigIntegerValue());
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            // Half, single and double floats all widen to double exactly, NaN and infinities included.
            return new SenmlNumber.Binary(parser.getDoubleValue());
        }
        throw site.fail(Kind.INVALID_VALUE, "expected a number");
    }

    @Override
    String text(JsonParser parser, JsonToken token, Site site, byte[] payload) throws IOException, CodecException {
        if (token != JsonToken.VALUE_STRING) {
            throw site.fail(Kind.INVALID_VALUE, "expected a text string");
        }
        validateText(CborHeader.at(payload, site.offset()), site.offset(), payload, site.field());
        return parser.getText();
    }

    /** Checks the UTF-8 of a definite-length text string with exact offsets, before Jackson decodes it. */
    private void validateText(CborHeader header, long offset, byte[] payload, String field) throws CodecException {
        if (header.headerLength() < 0) {
            throw new CodecException(
                    Kind.TRUNCATED, format, "payload ends inside a text string header", offset, field, null);
        }
        long start = offset + header.headerLength();
        if (header.argument() < 0 || start + header.argument() > payload.length) {
            throw new CodecException(
                    Kind.TRUNCATED,
                    format,
                    "text string of " + Long.toUnsignedString(header.argument())
                            + " bytes runs past the end of the payload",
                    offset,
                    field,
                    null);
        }
        Utf8.decode(payload, (int) start, (int) header.argument(), format, field);
    }

    @Override
    byte[] data(JsonParser parser, JsonToken token, Site site, byte[] payload) throws IOException, CodecException {
        if (token != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw site.fail(Kind.INVALID_VALUE, "expected a byte string");
        }
        return parser.getBinaryValue();
    }

    @Override
    CodecException classify(JsonProcessingException e, JsonParser parser, byte[] payload) {
        // Jackson fails on some refused encodings before returning a token (a decimal fraction whose exponent
        // exceeds an int) and on bad UTF-8 in keys while reading them: the bytes at the token say which.
        long offset = tokenOffset(parser);
        CborHeader header = CborHeader.at(payload, offset);
        CodecException refused = refusedEncoding(header, offset);
        if (refused != null) {
            return refused;
        }
        if (header != null && header.majorType() == CborHeader.TEXT) {
            try {
                validateText(header, offset, payload, null);
            } catch (CodecException textProblem) {
                return textProblem;
            }
        }
        return classifyCommon(e);
    }
}
