/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static io.bootgate.codec.TestData.MODELS;
import static io.bootgate.codec.TestData.codecError;
import static io.bootgate.codec.TestData.hex;
import static io.bootgate.codec.TestData.integer;
import static io.bootgate.codec.TestData.link;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SenML-CBOR. The vectors are written by hand from RFC 8428 §6 (keys bn = -2, n = 0, v = 2, vs = 3, vb = 4,
 * vd = 8) and LwM2M's text key "vlo", for the Core specification's Device examples (§6.4.1, §6.4.4), so
 * they do not depend on the encoder under test.
 */
class SenmlCborCodecTest {

    private static final ContentFormat CBOR = ContentFormat.SENML_CBOR;
    /** bn "/1000/0/N": 21 69 2F 31 30 30 30 2F 30 2F 3N */
    private static final String TYPES_BN = "21 69 2F 31 30 30 30 2F 30 2F 3";

    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();

    private LwM2mNode decode(String hex, String path) throws CodecException {
        return codec.decode(hex(hex), CBOR, LwM2mPath.parse(path), MODELS);
    }

    private String encode(LwM2mNode node, String path) throws CodecException {
        return hex(codec.encode(node, LwM2mPath.parse(path), CBOR, MODELS));
    }

    // Read /3/0/0: [{-2: "/3/0/0", 3: "Open Mobile Alliance"}]
    @Test
    void specManufacturerRead() throws CodecException {
        String vector =
                "81 A2 21 66 2F 33 2F 30 2F 30 03 74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E" + " 63 65";
        SingleResource manufacturer = SingleResource.ofString(0, "Open Mobile Alliance");
        assertThat(decode(vector, "/3/0/0")).isEqualTo(manufacturer);
        assertThat(encode(manufacturer, "/3/0/0")).isEqualTo(hex(hex(vector)));
    }

    // Read /3/0 (part of the Device example): [{-2:"/3/0/", 0:"6/0", 2:1}, {0:"6/1", 2:5}, {0:"9", 2:100},
    // {0:"13", 2:1367491215}, {0:"16", 3:"U"}]
    @Test
    void specDeviceInstanceRead() throws CodecException {
        String vector =
                """
                85
                A3 21 65 2F 33 2F 30 2F 00 63 36 2F 30 02 01
                A2 00 63 36 2F 31 02 05
                A2 00 61 39 02 18 64
                A2 00 62 31 33 02 1A 51 82 42 8F
                A2 00 62 31 36 03 61 55
                """;
        ObjectInstance device = ObjectInstance.of(
                0,
                TestData.ints(6, 1, 5),
                SingleResource.ofInteger(9, 100),
                SingleResource.of(13, ResourceValue.ofTime(Instant.ofEpochSecond(1367491215))),
                SingleResource.ofString(16, "U"));
        assertThat(decode(vector, "/3/0")).isEqualTo(device);
        assertThat(encode(device, "/3/0")).isEqualTo(hex(hex(vector)));
    }

    @Test
    void fullDeviceRoundTrip() throws CodecException {
        byte[] payload = codec.encode(TestData.device(), LwM2mPath.of(3, 0), CBOR, MODELS);
        assertThat(codec.decode(payload, CBOR, LwM2mPath.of(3, 0), MODELS)).isEqualTo(TestData.device());
    }

    static Stream<Arguments> edgeValues() {
        return Stream.of(
                Arguments.of(1, integer(Long.MIN_VALUE), "02 3B 7F FF FF FF FF FF FF FF"),
                Arguments.of(1, integer(Long.MAX_VALUE), "02 1B 7F FF FF FF FF FF FF FF"),
                Arguments.of(1, integer(-1), "02 20"),
                // Unsigned 2^64-1 as major type 0, not as a bignum tag.
                Arguments.of(
                        2,
                        ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED),
                        "02 1B FF FF FF FF FF FF FF FF"),
                Arguments.of(3, ResourceValue.ofFloat(1.5), "02 FA 3F C0 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(0.1), "02 FB 3F B9 99 99 99 99 99 9A"),
                Arguments.of(3, ResourceValue.ofFloat(-0.0), "02 FA 80 00 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(Double.NaN), "02 FB 7F F8 00 00 00 00 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(Double.POSITIVE_INFINITY), "02 FA 7F 80 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(Double.NEGATIVE_INFINITY), "02 FA FF 80 00 00"),
                Arguments.of(4, ResourceValue.ofBoolean(true), "04 F5"),
                Arguments.of(4, ResourceValue.ofBoolean(false), "04 F4"),
                Arguments.of(0, ResourceValue.ofString(""), "03 60"),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[0]), "08 40"),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[] {1, 2}), "08 42 01 02"),
                Arguments.of(6, ResourceValue.ofTime(Instant.ofEpochSecond(-1)), "02 20"),
                Arguments.of(7, link(3, 0), "63 76 6C 6F 63 33 3A 30"),
                Arguments.of(8, ResourceValue.ofCoreLink("</1>"), "03 64 3C 2F 31 3E"));
    }

    @ParameterizedTest
    @MethodSource("edgeValues")
    void everyDataTypeAtItsEdges(int resourceId, ResourceValue value, String valueHex) throws CodecException {
        String vector = "81 A2 " + TYPES_BN + resourceId + " " + valueHex;
        SingleResource resource = SingleResource.of(resourceId, value);
        assertThat(encode(resource, "/1000/0/" + resourceId)).isEqualTo(hex(hex(vector)));
        assertThat(decode(vector, "/1000/0/" + resourceId)).isEqualTo(resource);
    }

    @Test
    void halfFloatsAndIntegralFloatsAreRead() throws CodecException {
        assertThat(decode("81 A2 " + TYPES_BN + "3 02 F9 3E 00", "/1000/0/3"))
                .isEqualTo(SingleResource.of(3, ResourceValue.ofFloat(1.5)));
        assertThat(decode("81 A2 " + TYPES_BN + "3 02 F9 7E 00", "/1000/0/3"))
                .isEqualTo(SingleResource.of(3, ResourceValue.ofFloat(Double.NaN)));
        assertThat(decode("81 A2 " + TYPES_BN + "1 02 F9 40 00", "/1000/0/1"))
                .isEqualTo(SingleResource.ofInteger(1, 2));
    }

    @Test
    void valuesOfSeveralObjects() throws CodecException {
        List<PathValue> values = List.of(
                new PathValue(LwM2mPath.of(3, 0, 9), integer(5)),
                new PathValue(LwM2mPath.of(1, 0, 1), integer(86400)),
                new PathValue(LwM2mPath.of(2, 0, 2, 310), integer(1)));
        byte[] payload = codec.encodeValues(values, CBOR);
        assertThat(codec.decodeValues(payload, CBOR, MODELS)).isEqualTo(values);
    }

    // ---------------------------------------------------------------- refused encodings

    @Test
    void indefiniteLengths() {
        CodecException array = codecError(() -> decode("9F A2 21 66 2F 33 2F 30 2F 30 03 61 41 FF", "/3/0/0"));
        assertThat(array.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(array.offset()).hasValue(0);
        CodecException map = codecError(() -> decode("81 BF 21 66 2F 33 2F 30 2F 30 03 61 41 FF", "/3/0/0"));
        assertThat(map.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(map.offset()).hasValue(1);
        CodecException text = codecError(() -> decode("81 A2 21 66 2F 33 2F 30 2F 30 03 7F 61 41 FF", "/3/0/0"));
        assertThat(text.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(text.offset()).hasValue(11);
        assertThat(text.getMessage()).contains("indefinite-length text string");
        CodecException bytes = codecError(() -> decode("81 A2 " + TYPES_BN + "5 08 5F 41 01 FF", "/1000/0/5"));
        assertThat(bytes.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(bytes.offset()).hasValue(14);
    }

    @Test
    void hugeExponentsAndOtherTags() {
        // Decimal fraction 1 x 10^(2^63-1): Jackson fails on the exponent before returning a token.
        CodecException huge = codecError(
                () -> decode("81 A2 " + TYPES_BN + "3 02 C4 82 1B 7F FF FF FF FF FF FF FF" + " 01", "/1000/0/3"));
        assertThat(huge.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(huge.offset()).hasValue(14);
        assertThat(huge.getMessage()).contains("tag 4 (decimal fraction)");
        // A decimal fraction Jackson can represent (273.15) is refused just the same.
        CodecException small = codecError(() -> decode("81 A2 " + TYPES_BN + "3 02 C4 82 21 19 6A B3", "/1000/0/3"));
        assertThat(small.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(small.offset()).hasValue(14);
        CodecException bigfloat =
                codecError(() -> decode("81 A2 " + TYPES_BN + "3 02 C5 82 1A 7F FF FF FF 01", "/1000/0/3"));
        assertThat(bigfloat.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(bigfloat.getMessage()).contains("bigfloat");
        CodecException bignum =
                codecError(() -> decode("81 A2 " + TYPES_BN + "2 02 C2 49 01 00 00 00 00 00 00 00 00", "/1000/0/2"));
        assertThat(bignum.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(bignum.offset()).hasValue(14);
        CodecException simple = codecError(() -> decode("81 A2 " + TYPES_BN + "1 02 F0", "/1000/0/1"));
        assertThat(simple.kind()).isEqualTo(Kind.UNSUPPORTED_ENCODING);
        assertThat(simple.offset()).hasValue(14);
    }

    @Test
    void numbersOutsideTheirType() {
        assertThat(codecError(() -> decode("81 A2 " + TYPES_BN + "1 02 FB 7E 37 E4 3C 88 00 75 9C", "/1000/0/1"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("81 A2 " + TYPES_BN + "1 02 F9 7E 00", "/1000/0/1"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("81 A2 " + TYPES_BN + "1 02 1B FF FF FF FF FF FF FF FF", "/1000/0/1"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("81 A2 " + TYPES_BN + "2 02 3B FF FF FF FF FF FF FF FF", "/1000/0/2"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("81 A2 " + TYPES_BN + "1 02 F9 3E 00", "/1000/0/1"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void keysMustBeTheIntegerLabels() {
        CodecException textKey = codecError(() -> decode("81 A2 " + TYPES_BN + "1 61 32 01", "/1000/0/1"));
        assertThat(textKey.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
        assertThat(textKey.offset()).hasValue(13);
        assertThat(textKey.getMessage()).contains("text key '2'");
        CodecException unit = codecError(() -> decode("81 A3 " + TYPES_BN + "1 02 01 01 61 56", "/1000/0/1"));
        assertThat(unit.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
        assertThat(unit.offset()).hasValue(15);
        assertThat(unit.field()).hasValue("records[0]");
    }

    @Test
    void invalidUtf8() {
        CodecException e = codecError(() -> decode("81 A2 21 66 2F 33 2F 30 2F 30 03 62 C3 28", "/3/0/0"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(e.offset()).hasValue(12);
        assertThat(e.field()).hasValue("records[0].vs");
        CodecException key = codecError(() -> decode("81 A2 " + TYPES_BN + "7 63 76 C3 28 63 33 3A 30", "/1000/0/7"));
        assertThat(key.kind()).isEqualTo(Kind.INVALID_UTF8);
    }

    @Test
    void duplicateRecordAndInvalidPaths() {
        CodecException dup = codecError(
                () -> decode("82 A2 21 66 2F 33 2F 30 2F 39 02 01 A2 21 66 2F 33 2F 30 2F 39" + " 02 02", "/3/0"));
        assertThat(dup.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(dup.field()).hasValue("records[1]");
        assertThat(dup.offset()).hasValue(12);
        // "/3/0/65535"
        CodecException id = codecError(() -> decode("81 A2 21 6A 2F 33 2F 30 2F 36 35 35 33 35 02 01", "/3/0"));
        assertThat(id.kind()).isEqualTo(Kind.INVALID_PATH);
    }

    @Test
    void truncatedAndTrailing() {
        CodecException truncated = codecError(() -> decode("81 A2 21 66 2F 33", "/3/0/0"));
        assertThat(truncated.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(codecError(() -> decode("80 00", "/3/0")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> decode("81 01", "/3/0")).kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("", "/3/0")).kind()).isEqualTo(Kind.TRUNCATED);
    }
}
