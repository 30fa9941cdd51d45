/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static io.bootgate.codec.TestData.MODELS;
import static io.bootgate.codec.TestData.NO_MODELS;
import static io.bootgate.codec.TestData.codecError;
import static io.bootgate.codec.TestData.integer;
import static io.bootgate.codec.TestData.link;
import static io.bootgate.codec.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextAndOpaqueCodecTest {

    private static final ContentFormat TEXT = ContentFormat.TEXT;
    private static final ContentFormat OPAQUE = ContentFormat.OPAQUE;
    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();

    private LwM2mNode decodeText(String text, String path) throws CodecException {
        return codec.decode(utf8(text), TEXT, LwM2mPath.parse(path), MODELS);
    }

    private String encodeText(ResourceValue value, int resourceId) throws CodecException {
        return new String(
                codec.encode(SingleResource.of(resourceId, value), LwM2mPath.of(1000, 0, resourceId), TEXT, MODELS),
                StandardCharsets.UTF_8);
    }

    // Core §6.4.1: "Req: Get /3/0/0 ... Res: 2.05 Content Open Mobile Alliance".
    @Test
    void specManufacturerExample() throws CodecException {
        assertThat(decodeText("Open Mobile Alliance", "/3/0/0"))
                .isEqualTo(SingleResource.ofString(0, "Open Mobile Alliance"));
    }

    static Stream<Arguments> textValues() {
        return Stream.of(
                // Appendix C examples: -750, 6.667e-11 as "0.00000000006667", bytes 01..05 as "AQIDBAU=",
                // 1476186613 seconds as "1476186613".
                Arguments.of(1, integer(-750), "-750"),
                Arguments.of(3, ResourceValue.ofFloat(6.667e-11), "6.667E-11"),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[] {1, 2, 3, 4, 5}), "AQIDBAU="),
                Arguments.of(6, ResourceValue.ofTime(Instant.ofEpochSecond(1476186613)), "1476186613"),
                Arguments.of(1, integer(Long.MIN_VALUE), "-9223372036854775808"),
                Arguments.of(1, integer(Long.MAX_VALUE), "9223372036854775807"),
                Arguments.of(2, ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED), "18446744073709551615"),
                Arguments.of(3, ResourceValue.ofFloat(-0.0), "-0.0"),
                Arguments.of(3, ResourceValue.ofFloat(0.1), "0.1"),
                Arguments.of(3, ResourceValue.ofFloat(1e20), "100000000000000000000.0"),
                Arguments.of(3, ResourceValue.ofFloat(Double.MAX_VALUE), "1.7976931348623157E308"),
                Arguments.of(3, ResourceValue.ofFloat(Double.MIN_VALUE), "4.9E-324"),
                Arguments.of(4, ResourceValue.ofBoolean(true), "1"),
                Arguments.of(4, ResourceValue.ofBoolean(false), "0"),
                Arguments.of(0, ResourceValue.ofString(""), ""),
                Arguments.of(0, ResourceValue.ofString("é€😀"), "é€😀"),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[0]), ""),
                Arguments.of(6, ResourceValue.ofTime(Instant.ofEpochSecond(-1)), "-1"),
                Arguments.of(7, link(65535, 65535), "65535:65535"),
                Arguments.of(8, ResourceValue.ofCoreLink("</3/0>;ver=1.1"), "</3/0>;ver=1.1"));
    }

    @ParameterizedTest
    @MethodSource("textValues")
    void everyDataTypeAtItsEdges(int resourceId, ResourceValue value, String text) throws CodecException {
        assertThat(encodeText(value, resourceId)).isEqualTo(text);
        assertThat(decodeText(text, "/1000/0/" + resourceId)).isEqualTo(SingleResource.of(resourceId, value));
    }

    @Test
    void specPlainDecimalFloatIsAccepted() throws CodecException {
        assertThat(decodeText("0.00000000006667", "/1000/0/3"))
                .isEqualTo(SingleResource.of(3, ResourceValue.ofFloat(6.667e-11)));
    }

    @Test
    void nonFiniteFloatsHaveNoTextForm() {
        CodecException e = codecError(() -> encodeText(ResourceValue.ofFloat(Double.NaN), 3));
        assertThat(e.kind()).isEqualTo(Kind.UNREPRESENTABLE);
        assertThat(codecError(() -> decodeText("NaN", "/1000/0/3")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> decodeText("1e400", "/1000/0/3")).kind()).isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decodeText("1e-400", "/1000/0/3")).kind()).isEqualTo(Kind.VALUE_OUT_OF_RANGE);
    }

    @Test
    void resourceWithoutModelDecodesAsString() throws CodecException {
        assertThat(codec.decode(utf8("42"), TEXT, LwM2mPath.of(3000, 0, 1), NO_MODELS))
                .isEqualTo(SingleResource.ofString(1, "42"));
        assertThat(codec.decode(utf8("7"), TEXT, LwM2mPath.of(2, 0, 2, 101), MODELS))
                .isEqualTo(new ResourceInstance(101, integer(7)));
    }

    @Test
    void malformedText() {
        assertThat(codecError(() -> decodeText(" 1", "/1000/0/1")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> decodeText("+1", "/1000/0/1")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> decodeText("9223372036854775808", "/1000/0/1"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decodeText("18446744073709551616", "/1000/0/2"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decodeText("-1", "/1000/0/2")).kind()).isEqualTo(Kind.MALFORMED);
        assertThat(codecError(() -> decodeText("true", "/1000/0/4")).kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decodeText("AQIDBAV=", "/1000/0/5")).kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decodeText("3:-1", "/1000/0/7")).kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decodeText("3:65536", "/1000/0/7")).kind()).isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decodeText("1", "/1000/0/9")).kind()).isEqualTo(Kind.TYPE_MISMATCH);
        CodecException utf = codecError(
                () -> codec.decode(new byte[] {'a', (byte) 0xC3, 0x28}, TEXT, LwM2mPath.of(3, 0, 0), MODELS));
        assertThat(utf.kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(utf.offset()).hasValue(1);
    }

    @Test
    void textCarriesOneValueOnly() {
        assertThat(codecError(() -> decodeText("1", "/3/0")).kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
        assertThat(codecError(() -> decodeText("1", "/3/0/6")).kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
        assertThat(codecError(() -> decodeText("1", "/3/0/9/0")).kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> codec.encode(TestData.device(), LwM2mPath.of(3, 0), TEXT, MODELS))
                        .kind())
                .isEqualTo(Kind.UNSUPPORTED_FORMAT);
    }

    @Test
    void payloadAboveTheSizeLimit() {
        DefaultLwM2mCodec small = new DefaultLwM2mCodec(CodecLimits.defaults().withMaxPayloadBytes(4));
        CodecException text = codecError(() -> small.decode(utf8("12345"), TEXT, LwM2mPath.of(3, 0, 9), MODELS));
        assertThat(text.kind()).isEqualTo(Kind.PAYLOAD_TOO_LARGE);
        CodecException opaque = codecError(() -> small.decode(new byte[5], OPAQUE, LwM2mPath.of(0, 0, 3), MODELS));
        assertThat(opaque.kind()).isEqualTo(Kind.PAYLOAD_TOO_LARGE);
    }

    @Test
    void opaqueCarriesTheBytesOfOneOpaqueValue() throws CodecException {
        byte[] key = {0, 1, (byte) 0xFE, (byte) 0xFF};
        SingleResource secret = SingleResource.ofOpaque(5, key);
        assertThat(codec.encode(secret, LwM2mPath.of(0, 1, 5), OPAQUE, MODELS)).containsExactly(key);
        assertThat(codec.decode(key, OPAQUE, LwM2mPath.of(0, 1, 5), MODELS)).isEqualTo(secret);
        assertThat(codec.decode(new byte[0], OPAQUE, LwM2mPath.of(0, 1, 5), MODELS))
                .isEqualTo(SingleResource.ofOpaque(5, new byte[0]));
        assertThat(codec.decode(key, OPAQUE, LwM2mPath.of(3000, 0, 1), NO_MODELS))
                .isEqualTo(SingleResource.ofOpaque(1, key));
        assertThat(codec.decode(key, OPAQUE, LwM2mPath.of(1000, 0, 11, 4), MODELS))
                .isEqualTo(new ResourceInstance(4, ResourceValue.ofOpaque(key)));
        assertThat(codecError(() -> codec.decode(key, OPAQUE, LwM2mPath.of(0, 1, 0), MODELS))
                        .kind())
                .isEqualTo(Kind.TYPE_MISMATCH);
        assertThat(codecError(() -> codec.encode(SingleResource.ofInteger(9, 1), LwM2mPath.of(3, 0, 9), OPAQUE, MODELS))
                        .kind())
                .isEqualTo(Kind.UNSUPPORTED_FORMAT);
    }

    @Test
    void formatsOutsideThisCodec() {
        assertThat(codec.supports(ContentFormat.LINK)).isFalse();
        assertThat(codec.supports(ContentFormat.OMA_JSON)).isFalse();
        assertThat(codec.supports(ContentFormat.TLV)).isTrue();
        CodecException e =
                codecError(() -> codec.decode(new byte[0], ContentFormat.OMA_JSON, LwM2mPath.of(3, 0), MODELS));
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
        assertThat(e.kind().responseCode()).isEqualTo(io.bootgate.api.model.ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(codecError(() -> codec.decodeValues(new byte[0], ContentFormat.TLV, MODELS))
                        .kind())
                .isEqualTo(Kind.UNSUPPORTED_FORMAT);
    }
}
