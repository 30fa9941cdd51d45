/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a SenML pack with a Jackson streaming parser into {@link RawRecord}s, resolving base name and base
 * time as RFC 8428 §4.5 says. The token loop is shared; JSON and CBOR differ only in how labels, numbers,
 * strings and byte strings appear, which the subclasses supply.
 * <p>
 * The loop never descends into an array or map where a scalar is expected (it fails instead), so nesting
 * never goes beyond pack and record, whatever the input.
 */
abstract class SenmlReader {

    /** RFC 8428 §4.4: the version LwM2M packs use; {@code bver} may be sent but must say this. */
    private static final int SENML_VERSION = 10;

    final ContentFormat format;
    final CodecLimits limits;

    SenmlReader(ContentFormat format, CodecLimits limits) {
        this.format = format;
        this.limits = limits;
    }

    /** A parser for the whole payload, with Jackson's own limits set from {@link #limits}. */
    abstract JsonParser createParser(byte[] payload) throws IOException;

    /** Checks run before parsing (JSON: the whole payload is UTF-8). */
    abstract void precheck(byte[] payload) throws CodecException;

    /** Checks on the raw encoding of the token just read (CBOR: no tags, no indefinite lengths). */
    abstract void checkToken(JsonParser parser, JsonToken token, byte[] payload) throws CodecException;

    /** The label of the FIELD_NAME token just read, or {@code null} if it is not an accepted one. */
    abstract SenmlLabel label(JsonParser parser, byte[] payload) throws IOException;

    /** A description of the unaccepted label just read, for the error message. */
    abstract String describeLabel(JsonParser parser, byte[] payload) throws IOException;

    abstract SenmlNumber number(JsonParser parser, JsonToken token, Site site) throws IOException, CodecException;

    abstract String text(JsonParser parser, JsonToken token, Site site, byte[] payload)
            throws IOException, CodecException;

    abstract byte[] data(JsonParser parser, JsonToken token, Site site, byte[] payload)
            throws IOException, CodecException;

    /** Turns a Jackson failure into a typed one, looking at the bytes where it happened. */
    abstract CodecException classify(JsonProcessingException e, JsonParser parser, byte[] payload);

    final List<RawRecord> read(byte[] payload) throws CodecException {
        if (payload.length > limits.maxPayloadBytes()) {
            throw CodecException.atOffset(
                    Kind.PAYLOAD_TOO_LARGE,
                    format,
                    limits.maxPayloadBytes(),
                    "payload of " + payload.length + " bytes is above the limit of " + limits.maxPayloadBytes());
        }
        precheck(payload);
        try (JsonParser parser = createParser(payload)) {
            try {
                return readPack(parser, payload);
            } catch (JsonProcessingException e) {
                throw classify(e, parser, payload);
            }
        } catch (IOException e) {
            // Reading from a byte array does no I/O; any other IOException is still a parse failure.
            throw new CodecException(Kind.MALFORMED, format, "payload cannot be parsed", -1, null, e);
        }
    }

    static long tokenOffset(JsonParser parser) {
        return parser.currentTokenLocation().getByteOffset();
    }

    private JsonToken next(JsonParser parser, byte[] payload) throws IOException, CodecException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw CodecException.atOffset(Kind.TRUNCATED, format, payload.length, "payload ends inside the pack");
        }
        checkToken(parser, token, payload);
        return token;
    }

    private List<RawRecord> readPack(JsonParser parser, byte[] payload) throws IOException, CodecException {
        JsonToken token = next(parser, payload);
        if (token != JsonToken.START_ARRAY) {
            throw CodecException.atOffset(
                    Kind.INVALID_STRUCTURE, format, tokenOffset(parser), "a SenML pack is an array of records");
        }
        List<RawRecord> records = new ArrayList<>();
        Resolution resolution = new Resolution();
        int index = 0;
        while ((token = next(parser, payload)) != JsonToken.END_ARRAY) {
            long recordOffset = tokenOffset(parser);
            if (token != JsonToken.START_OBJECT) {
                throw new CodecException(
                        Kind.INVALID_STRUCTURE,
                        format,
                        "record is not a map",
                        recordOffset,
                        "records[" + index + "]",
                        null);
            }
            if (index >= limits.maxEntries()) {
                throw new CodecException(
                        Kind.TOO_MANY_ENTRIES,
                        format,
                        "pack has more than " + limits.maxEntries() + " records",
                        recordOffset,
                        "records[" + index + "]",
                        null);
            }
            records.add(readRecord(parser, payload, index, recordOffset, resolution));
            index++;
        }
        long end = parser.currentLocation().getByteOffset();
        if (parser.nextToken() != null) {
            throw CodecException.atOffset(Kind.MALFORMED, format, end, "data after the end of the SenML pack");
        }
        return records;
    }

    /** Base name and base time carry over from record to record until set again (RFC 8428 §4.5.1). */
    private static final class Resolution {
        String baseName = "";
        long baseTime;
    }

    private RawRecord readRecord(JsonParser parser, byte[] payload, int index, long recordOffset, Resolution resolution)
            throws IOException, CodecException {
        String prefix = "records[" + index + "]";
        Set<SenmlLabel> seen = EnumSet.noneOf(SenmlLabel.class);
        String baseName = null;
        String name = null;
        Site baseTimeSite = null;
        SenmlNumber baseTime = null;
        Site timeSite = null;
        SenmlNumber time = null;
        SenmlLabel valueLabel = null;
        Object value = null;
        JsonToken token;
        while ((token = next(parser, payload)) == JsonToken.FIELD_NAME) {
            long fieldOffset = tokenOffset(parser);
            SenmlLabel label = label(parser, payload);
            if (label == null) {
                throw new CodecException(
                        Kind.UNKNOWN_FIELD,
                        format,
                        describeLabel(parser, payload) + " is not a label LwM2M SenML accepts",
                        fieldOffset,
                        prefix,
                        null);
            }
            String field = prefix + "." + label.json();
            if (!seen.add(label)) {
                throw new CodecException(
                        Kind.DUPLICATE, format, "label appears twice in one record", fieldOffset, field, null);
            }
            token = next(parser, payload);
            Site site = new Site(format, tokenOffset(parser), field);
            switch (label) {
                case BASE_NAME -> baseName = text(parser, token, site, payload);
                case NAME -> name = text(parser, token, site, payload);
                case BASE_TIME -> {
                    baseTime = number(parser, token, site);
                    baseTimeSite = site;
                }
                case TIME -> {
                    time = number(parser, token, site);
                    timeSite = site;
                }
                case BASE_VERSION -> {
                    BigInteger version = number(parser, token, site).toBigInteger(site);
                    if (version.intValue() != SENML_VERSION || version.bitLength() > 31) {
                        throw site.fail(Kind.INVALID_VALUE, "SenML version must be " + SENML_VERSION);
                    }
                }
                case VALUE -> value = number(parser, token, site);
                case STRING_VALUE -> value = text(parser, token, site, payload);
                case BOOLEAN_VALUE -> value = bool(token, site);
                case DATA_VALUE -> value = data(parser, token, site, payload);
                case OBJLNK_VALUE -> value = Values.objectLink(text(parser, token, site, payload), site);
                default -> throw new IllegalStateException("label without handling: " + label);
            }
            if (label.isValue()) {
                if (valueLabel != null) {
                    throw site.fail(
                            Kind.INVALID_STRUCTURE,
                            "record has two values, " + valueLabel.json() + " and " + label.json());
                }
                valueLabel = label;
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new CodecException(
                    Kind.MALFORMED, format, "record map is not closed", tokenOffset(parser), prefix, null);
        }
        if (baseName != null) {
            resolution.baseName = baseName;
        }
        if (baseTime != null) {
            resolution.baseTime = baseTime.toLong(baseTimeSite);
        }
        if (time != null) {
            // Validated as whole seconds and summed only to refuse overflow: nodes carry no timestamps.
            long relative = time.toLong(timeSite);
            long sum = resolution.baseTime + relative;
            if (((resolution.baseTime ^ sum) & (relative ^ sum)) < 0) {
                throw timeSite.fail(Kind.VALUE_OUT_OF_RANGE, "base time plus time overflows 64 bits");
            }
        }
        if (valueLabel == null) {
            throw new CodecException(
                    Kind.INVALID_STRUCTURE,
                    format,
                    "record has no value (v, vs, vb, vd or vlo)",
                    recordOffset,
                    prefix,
                    null);
        }
        String resolved = resolution.baseName + (name == null ? "" : name);
        Site nameSite = new Site(format, recordOffset, prefix + (name != null ? ".n" : ".bn"));
        LwM2mPath path = Values.path(resolved, nameSite);
        if (path.depth() < 3) {
            throw nameSite.fail(Kind.INVALID_PATH, "a value must address a resource or resource instance, not " + path);
        }
        return new RawRecord(index, recordOffset, path, valueLabel, value);
    }

    private static Boolean bool(JsonToken token, Site site) throws CodecException {
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        throw site.fail(Kind.INVALID_VALUE, "expected a boolean");
    }

    /** Mapping of Jackson's exception types shared by JSON and CBOR. */
    final CodecException classifyCommon(JsonProcessingException e) {
        long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        Kind kind;
        String detail;
        if (e instanceof JsonEOFException) {
            kind = Kind.TRUNCATED;
            detail = "payload ends inside an item";
        } else if (e instanceof StreamConstraintsException) {
            kind = Kind.MALFORMED;
            detail = "an item exceeds the parser's length limits";
        } else if (e instanceof InputCoercionException) {
            kind = Kind.VALUE_OUT_OF_RANGE;
            detail = "number is outside the range the parser accepts";
        } else {
            kind = Kind.MALFORMED;
            detail = "payload is not well-formed " + (format == ContentFormat.SENML_JSON ? "JSON" : "CBOR");
        }
        return new CodecException(kind, format, detail, offset, null, e);
    }
}
