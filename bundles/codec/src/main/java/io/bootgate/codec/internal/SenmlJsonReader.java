/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import java.io.IOException;

/** SenML-JSON (RFC 8428 §5), content format 110. */
final class SenmlJsonReader extends SenmlReader {

    private final JsonFactory factory;

    SenmlJsonReader(CodecLimits limits) {
        super(ContentFormat.SENML_JSON, limits);
        this.factory = JacksonFactories.json(limits);
    }

    @Override
    JsonParser createParser(byte[] payload) throws IOException {
        return factory.createParser(payload);
    }

    @Override
    void precheck(byte[] payload) throws CodecException {
        // RFC 8259 §8.1: JSON exchanged between systems is UTF-8. Checking up front gives the exact offset.
        Utf8.validate(payload, format);
    }

    @Override
    void checkToken(JsonParser parser, JsonToken token, byte[] payload) {
        // JSON has a single encoding of each token; Jackson's defaults already refuse NaN, comments and
        // other extensions.
    }

    @Override
    SenmlLabel label(JsonParser parser, byte[] payload) throws IOException {
        return SenmlLabel.fromJson(parser.currentName());
    }

    @Override
    String describeLabel(JsonParser parser, byte[] payload) throws IOException {
        String name = parser.currentName();
        return name.length() > 16 ? "a label of " + name.length() + " characters" : "label '" + name + "'";
    }

    @Override
    SenmlNumber number(JsonParser parser, JsonToken token, Site site) throws IOException, CodecException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return new SenmlNumber.Exact(parser.getBigIntegerValue());
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
                // The double first: Jackson derives later accessors from the first one it parsed, and a double
                // derived from BigDecimal would turn -0.0 into 0.0.
                double approximation = parser.getDoubleValue();
                return new SenmlNumber.Decimal(parser.getDecimalValue(), approximation);
            } catch (NumberFormatException e) {
                // BigDecimal refuses exponents beyond the int range; depending on the Jackson version this
                // surfaces unwrapped. Either way the number is beyond any LwM2M type.
                throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number's exponent is out of range", e);
            }
        }
        throw site.fail(Kind.INVALID_VALUE, "expected a number");
    }

    @Override
    String text(JsonParser parser, JsonToken token, Site site, byte[] payload) throws IOException, CodecException {
        if (token != JsonToken.VALUE_STRING) {
            throw site.fail(Kind.INVALID_VALUE, "expected a string");
        }
        return parser.getText();
    }

    @Override
    byte[] data(JsonParser parser, JsonToken token, Site site, byte[] payload) throws IOException, CodecException {
        byte[] bytes = Base64Values.decodeEither(text(parser, token, site, payload));
        if (bytes == null) {
            throw site.fail(Kind.INVALID_VALUE, "data value is not base64url (RFC 4648 §5)");
        }
        return bytes;
    }

    @Override
    CodecException classify(JsonProcessingException e, JsonParser parser, byte[] payload) {
        return classifyCommon(e);
    }
}
