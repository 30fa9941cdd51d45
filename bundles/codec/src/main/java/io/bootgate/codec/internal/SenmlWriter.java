/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResourceValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Writes values as a SenML pack: one record per value, the base name in the first record only, names
 * relative to it. JSON and CBOR share the layout and differ in keys, strings and opaque values.
 */
final class SenmlWriter {

    private final ContentFormat format;
    private final JsonFactory json;
    private final CBORFactory cbor;

    private SenmlWriter(ContentFormat format, JsonFactory json, CBORFactory cbor) {
        this.format = format;
        this.json = json;
        this.cbor = cbor;
    }

    static SenmlWriter json(JsonFactory factory) {
        return new SenmlWriter(ContentFormat.SENML_JSON, factory, null);
    }

    static SenmlWriter cbor(CBORFactory factory) {
        return new SenmlWriter(ContentFormat.SENML_CBOR, null, factory);
    }

    /**
     * @param baseName written as {@code bn} of the first record and stripped from every path, or {@code null}
     *        to write full paths as names
     */
    byte[] write(List<PathValue> values, String baseName) throws CodecException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 24 * values.size());
        try (JsonGenerator g =
                json != null ? json.createGenerator(out, JsonEncoding.UTF8) : cbor.createGenerator(out)) {
            // Definite lengths throughout: Bootgate's decoder, like many constrained peers, refuses others.
            g.writeStartArray(null, values.size());
            for (int i = 0; i < values.size(); i++) {
                PathValue pv = values.get(i);
                String fullName = pv.path().toString();
                boolean first = i == 0 && baseName != null;
                String name = baseName == null ? fullName : fullName.substring(baseName.length());
                g.writeStartObject(null, (first ? 1 : 0) + (name.isEmpty() ? 0 : 1) + 1);
                if (first) {
                    label(g, SenmlLabel.BASE_NAME);
                    string(g, baseName, i, SenmlLabel.BASE_NAME);
                }
                if (!name.isEmpty()) {
                    label(g, SenmlLabel.NAME);
                    string(g, name, i, SenmlLabel.NAME);
                }
                value(g, pv.value(), i);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            // Writing to a byte array does no I/O; this is a generator state error, i.e. a bug here.
            throw new IllegalStateException("SenML generator failed", e);
        }
        return out.toByteArray();
    }

    private void label(JsonGenerator g, SenmlLabel label) throws IOException {
        if (json != null) {
            g.writeFieldName(label.json());
        } else if (label.cborKey() != null) {
            g.writeFieldId(label.cborKey());
        } else {
            g.writeFieldName(label.json());
        }
    }

    private void string(JsonGenerator g, String value, int index, SenmlLabel label) throws IOException, CodecException {
        byte[] utf8 = Utf8.encode(value, format, "records[" + index + "]." + label.json());
        // writeUTF8String always writes a definite length; CBOR writeString would chunk long strings.
        g.writeUTF8String(utf8, 0, utf8.length);
    }

    private void value(JsonGenerator g, ResourceValue value, int index) throws IOException, CodecException {
        switch (value.type()) {
            case STRING, CORELNK -> {
                label(g, SenmlLabel.STRING_VALUE);
                string(g, value.stringValue(), index, SenmlLabel.STRING_VALUE);
            }
            case INTEGER -> {
                label(g, SenmlLabel.VALUE);
                g.writeNumber(value.longValue());
            }
            case UNSIGNED_INTEGER -> {
                label(g, SenmlLabel.VALUE);
                BigInteger unsigned = value.unsignedValue();
                if (unsigned.bitLength() < 64) {
                    g.writeNumber(unsigned.longValue());
                } else {
                    g.writeNumber(unsigned);
                }
            }
            case FLOAT -> {
                double d = value.doubleValue();
                if (json != null && !Double.isFinite(d)) {
                    throw new CodecException(
                            Kind.UNREPRESENTABLE,
                            format,
                            "JSON numbers cannot be NaN or infinite",
                            -1,
                            "records[" + index + "].v",
                            null);
                }
                label(g, SenmlLabel.VALUE);
                g.writeNumber(d);
            }
            case TIME -> {
                label(g, SenmlLabel.VALUE);
                g.writeNumber(value.timeValue().getEpochSecond());
            }
            case BOOLEAN -> {
                label(g, SenmlLabel.BOOLEAN_VALUE);
                g.writeBoolean(value.booleanValue());
            }
            case OPAQUE -> {
                label(g, SenmlLabel.DATA_VALUE);
                byte[] bytes = value.opaqueValue();
                if (json != null) {
                    g.writeString(Base64Values.encodeUrl(bytes));
                } else {
                    g.writeBinary(bytes);
                }
            }
            case OBJLNK -> {
                label(g, SenmlLabel.OBJLNK_VALUE);
                g.writeString(value.objectLinkValue().toString());
            }
            case NONE -> throw new CodecException(
                    Kind.UNREPRESENTABLE,
                    format,
                    "an executable resource has no value",
                    -1,
                    "records[" + index + "]",
                    null);
        }
    }
}
