/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static io.bootgate.codec.TestData.MODELS;
import static io.bootgate.codec.TestData.NO_MODELS;
import static io.bootgate.codec.TestData.TYPES;
import static io.bootgate.codec.TestData.codecError;
import static io.bootgate.codec.TestData.hex;
import static io.bootgate.codec.TestData.integer;
import static io.bootgate.codec.TestData.link;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlvCodecTest {

    private static final ContentFormat TLV = ContentFormat.TLV;
    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();

    private LwM2mNode decode(String hex, String path) throws CodecException {
        return codec.decode(hex(hex), TLV, LwM2mPath.parse(path), MODELS);
    }

    private String encode(LwM2mNode node, String path) throws CodecException {
        return hex(codec.encode(node, LwM2mPath.parse(path), TLV, MODELS));
    }

    // Core TS 1.1 (draft of 2017-09-15) §6.4.3.1 "Single Object Instance Request Example", Read /3/0.
    // Spec erratum: its hex line spells "Lightweigt" (21 bytes) under a length byte of 0x16 = 22; the table
    // and the 121-byte total are for "Lightweight M2M Client", which this vector uses.
    static final String DEVICE_INSTANCE =
            """
            C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65
            C8 01 16 4C 69 67 68 74 77 65 69 67 68 74 20 4D 32 4D 20 43 6C 69 65 6E 74
            C8 02 09 33 34 35 30 30 30 31 32 33
            C3 03 31 2E 30
            86 06
            41 00 01
            41 01 05
            88 07 08
            42 00 0E D8
            42 01 13 88
            87 08
            41 00 7D
            42 01 03 84
            C1 09 64
            C1 0A 0F
            83 0B
            41 00 00
            C4 0D 51 82 42 8F
            C6 0E 2B 30 32 3A 30 30
            C1 10 55
            """;

    @Test
    void specDeviceInstanceReadDecodesAndEncodesByteForByte() throws CodecException {
        assertThat(hex(DEVICE_INSTANCE)).hasSize(121);
        assertThat(decode(DEVICE_INSTANCE, "/3/0")).isEqualTo(TestData.device());
        assertThat(encode(TestData.device(), "/3/0")).isEqualTo(hex(hex(DEVICE_INSTANCE)));
    }

    // §6.4.3.2 A "Request on Single-Instance Object", Read /3: the same resources inside an object instance TLV.
    @Test
    void specDeviceObjectReadUsesTheObjectInstanceTlv() throws CodecException {
        String payload = "08 00 79" + DEVICE_INSTANCE;
        assertThat(hex(payload)).hasSize(124);
        assertThat(decode(payload, "/3")).isEqualTo(LwM2mObject.of(3, TestData.device()));
        assertThat(encode(LwM2mObject.of(3, TestData.device()), "/3")).isEqualTo(hex(hex(payload)));
        // Write /3/0 with the instance TLV around the resources is accepted too.
        assertThat(decode(payload, "/3/0")).isEqualTo(TestData.device());
    }

    // §6.4.3.2 B "Request on Multiple-Instances Object having 2 instances", Read /2 (Access Control), 38 bytes.
    // ACL [310] exercises the 16-bit identifier. Spec erratum: the second ACL is printed "86 02" (6 bytes) but
    // holds 41 7F 07 and 61 01 36 01, 7 bytes; the instance length 0x12 and the 38-byte total agree with 7,
    // so this vector uses "87 02".
    static final String ACCESS_CONTROL =
            """
            08 00 0E
            C1 00 01
            C1 01 00
            83 02
            41 7F 07
            C1 03 7F
            08 02 12
            C1 00 03
            C1 01 00
            87 02 41 7F 07 61 01 36 01
            C1 03 7F
            """;

    @Test
    void specAccessControlObjectWithTwoInstances() throws CodecException {
        assertThat(hex(ACCESS_CONTROL)).hasSize(38);
        assertThat(decode(ACCESS_CONTROL, "/2")).isEqualTo(TestData.accessControl());
        assertThat(encode(TestData.accessControl(), "/2")).isEqualTo(hex(hex(ACCESS_CONTROL)));
    }

    // §6.4.3.2 C "Request on Multiple-Instances Object having 1 instance only", Read /1.
    // Spec erratum: the instance length is printed as 0x0D; its four resources take 15 bytes (3+6+3+3) and the
    // stated total of 18 bytes agrees with 0x0F, which this vector uses.
    @Test
    void specServerObjectWithOneInstance() throws CodecException {
        String payload = "08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55";
        LwM2mObject server = LwM2mObject.of(
                1,
                ObjectInstance.of(
                        0,
                        SingleResource.ofInteger(0, 1),
                        SingleResource.ofInteger(1, 86400),
                        SingleResource.ofBoolean(6, true),
                        SingleResource.ofString(7, "U")));
        assertThat(hex(payload)).hasSize(18);
        assertThat(decode(payload, "/1")).isEqualTo(server);
        assertThat(encode(server, "/1")).isEqualTo(hex(hex(payload)));
    }

    // §6.4.3.3 Example 1, Read /65/0: a multiple resource of object links.
    @Test
    void specObjectLinkExample1() throws CodecException {
        String payload =
                """
                88 00 0C
                44 00 00 42 00 00
                44 01 00 42 00 01
                C8 01 0D 38 36 31 33 38 30 30 37 35 35 35 30 30
                C4 02 12 34 56 78
                """;
        ObjectInstance expected = ObjectInstance.of(
                0,
                MultipleResource.of(0, ResourceType.OBJLNK, Map.of(0, link(66, 0), 1, link(66, 1))),
                SingleResource.ofString(1, "8613800755500"),
                SingleResource.ofInteger(2, 0x12345678));
        assertThat(hex(payload)).hasSize(37);
        assertThat(decode(payload, "/65/0")).isEqualTo(expected);
        assertThat(encode(expected, "/65/0")).isEqualTo(hex(hex(payload)));
    }

    // §6.4.3.3 Example 2, Read /66: two instances, the second with the null link FFFF:FFFF.
    // Spec erratum: each instance is printed with length 0x23 (35) but holds 14 + 18 + 6 = 38 bytes (0x26);
    // the table counts 15 bytes for Res 1, forgetting its 3-byte header. This vector uses 0x26.
    @Test
    void specObjectLinkExample2WithNullLink() throws CodecException {
        String payload =
                """
                08 00 26
                C8 00 0B 6D 79 53 65 72 76 69 63 65 20 31
                C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 34
                C4 02 00 43 00 00
                08 01 26
                C8 00 0B 6D 79 53 65 72 76 69 63 65 20 32
                C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 35
                C4 02 FF FF FF FF
                """;
        LwM2mObject expected = LwM2mObject.of(
                66,
                ObjectInstance.of(
                        0,
                        SingleResource.ofString(0, "myService 1"),
                        SingleResource.ofString(1, "Internet.15.234"),
                        SingleResource.of(2, link(67, 0))),
                ObjectInstance.of(
                        1,
                        SingleResource.ofString(0, "myService 2"),
                        SingleResource.ofString(1, "Internet.15.235"),
                        SingleResource.of(2, link(65535, 65535))));
        assertThat(decode(payload, "/66")).isEqualTo(expected);
        assertThat(encode(expected, "/66")).isEqualTo(hex(hex(payload)));
        assertThat(((ObjectInstance) decode(payload.substring(payload.indexOf("08 01")), "/66/1"))
                        .value(2)
                        .orElseThrow()
                        .objectLinkValue()
                        .isNull())
                .isTrue();
    }

    @Test
    void bootstrapWriteOnSecurityObjectCarriesSeveralInstances() throws CodecException {
        LwM2mObject security = LwM2mObject.of(
                0,
                ObjectInstance.of(
                        0,
                        SingleResource.ofString(0, "coaps://bs.example:5684"),
                        SingleResource.ofBoolean(1, true),
                        SingleResource.ofInteger(2, 2),
                        SingleResource.ofOpaque(3, new byte[300]),
                        SingleResource.ofOpaque(5, new byte[0])),
                ObjectInstance.of(
                        1,
                        SingleResource.ofString(0, "coaps://dm.example:5684"),
                        SingleResource.ofBoolean(1, false),
                        SingleResource.ofInteger(2, 1),
                        SingleResource.ofInteger(10, 101),
                        MultipleResource.of(
                                16,
                                ResourceType.UNSIGNED_INTEGER,
                                Map.of(
                                        0,
                                        ResourceValue.ofUnsignedInteger(0xC0AE),
                                        1,
                                        ResourceValue.ofUnsignedInteger(0xC023)))));
        byte[] payload = codec.encode(security, LwM2mPath.of(0), TLV, MODELS);
        assertThat(codec.decode(payload, TLV, LwM2mPath.of(0), MODELS)).isEqualTo(security);
    }

    static Stream<Arguments> edgeValues() {
        return Stream.of(
                Arguments.of(1, integer(Long.MIN_VALUE), "C8 01 08 80 00 00 00 00 00 00 00"),
                Arguments.of(1, integer(Long.MAX_VALUE), "C8 01 08 7F FF FF FF FF FF FF FF"),
                Arguments.of(1, integer(-1), "C1 01 FF"),
                Arguments.of(1, integer(127), "C1 01 7F"),
                Arguments.of(1, integer(128), "C2 01 00 80"),
                Arguments.of(1, integer(-129), "C2 01 FF 7F"),
                Arguments.of(1, integer(Integer.MIN_VALUE), "C4 01 80 00 00 00"),
                Arguments.of(
                        2,
                        ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED),
                        "C8 02 08 FF FF FF FF FF FF FF FF"),
                Arguments.of(2, ResourceValue.ofUnsignedInteger(255), "C1 02 FF"),
                Arguments.of(2, ResourceValue.ofUnsignedInteger(0xFFFF_FFFFL), "C4 02 FF FF FF FF"),
                Arguments.of(2, ResourceValue.ofUnsignedInteger(0), "C1 02 00"),
                Arguments.of(3, ResourceValue.ofFloat(1.5), "C4 03 3F C0 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(0.1), "C8 03 08 3F B9 99 99 99 99 99 9A"),
                Arguments.of(3, ResourceValue.ofFloat(Double.NaN), "C4 03 7F C0 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(Double.POSITIVE_INFINITY), "C4 03 7F 80 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(Double.NEGATIVE_INFINITY), "C4 03 FF 80 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(-0.0), "C4 03 80 00 00 00"),
                Arguments.of(3, ResourceValue.ofFloat(Double.MAX_VALUE), "C8 03 08 7F EF FF FF FF FF FF FF"),
                Arguments.of(3, ResourceValue.ofFloat(Double.MIN_VALUE), "C8 03 08 00 00 00 00 00 00 00 01"),
                Arguments.of(4, ResourceValue.ofBoolean(true), "C1 04 01"),
                Arguments.of(4, ResourceValue.ofBoolean(false), "C1 04 00"),
                Arguments.of(0, ResourceValue.ofString(""), "C0 00"),
                Arguments.of(0, ResourceValue.ofString("é€😀"), "C8 00 09 C3 A9 E2 82 AC F0 9F 98 80"),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[0]), "C0 05"),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[] {0, (byte) 0xFF}), "C2 05 00 FF"),
                Arguments.of(6, ResourceValue.ofTime(Instant.EPOCH), "C1 06 00"),
                Arguments.of(6, ResourceValue.ofTime(Instant.ofEpochSecond(-1)), "C1 06 FF"),
                Arguments.of(
                        6,
                        ResourceValue.ofTime(Instant.ofEpochSecond(Instant.MAX.getEpochSecond())),
                        "C8 06 08 00 70 1C D2 FA 95 78 FF"),
                Arguments.of(7, link(3, 0), "C4 07 00 03 00 00"),
                Arguments.of(7, link(65535, 65535), "C4 07 FF FF FF FF"),
                Arguments.of(8, ResourceValue.ofCoreLink("</3/0>"), "C6 08 3C 2F 33 2F 30 3E"));
    }

    @ParameterizedTest
    @MethodSource("edgeValues")
    void everyDataTypeAtItsEdges(int resourceId, ResourceValue value, String expectedHex) throws CodecException {
        SingleResource resource = SingleResource.of(resourceId, value);
        String path = "/" + TYPES + "/0/" + resourceId;
        assertThat(encode(resource, path)).isEqualTo(hex(hex(expectedHex)));
        assertThat(decode(expectedHex, path)).isEqualTo(resource);
    }

    @Test
    void resourceWithoutModelDecodesAsOpaque() throws CodecException {
        assertThat(codec.decode(hex("C2 05 00 FF"), TLV, LwM2mPath.of(3000, 0, 5), NO_MODELS))
                .isEqualTo(SingleResource.ofOpaque(5, new byte[] {0, (byte) 0xFF}));
        assertThat(codec.decode(hex("83 05 41 00 07"), TLV, LwM2mPath.of(3000, 0, 5), NO_MODELS))
                .isEqualTo(
                        MultipleResource.of(5, ResourceType.OPAQUE, Map.of(0, ResourceValue.ofOpaque(new byte[] {7}))));
    }

    @Test
    void resourceInstanceLevel() throws CodecException {
        ResourceInstance acl = new ResourceInstance(310, integer(1));
        assertThat(encode(acl, "/2/0/2/310")).isEqualTo("610136" + "01");
        assertThat(decode("61 01 36 01", "/2/0/2/310")).isEqualTo(acl);
        assertThat(codecError(() -> decode("61 01 36 01", "/2/0/2/311")).kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> decode("41 00 01", "/2/0/3/0")).kind()).isEqualTo(Kind.INVALID_PATH);
    }

    @Test
    void emptyMultipleResourceAndEmptyInstance() throws CodecException {
        MultipleResource empty = new MultipleResource(11, ResourceType.INTEGER, new java.util.TreeMap<>());
        assertThat(encode(empty, "/3/0/11")).isEqualTo("800B");
        assertThat(decode("80 0B", "/3/0/11")).isEqualTo(empty);
        assertThat(decode("", "/3/0")).isEqualTo(ObjectInstance.of(0));
        assertThat(decode("", "/3")).isEqualTo(LwM2mObject.of(3));
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void truncatedLengthField() {
        CodecException e = codecError(() -> decode("C8 00", "/3/0/0"));
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.offset()).hasValue(0);
        CodecException wide = codecError(() -> decode("C1 00 01 F8 01", "/3/0"));
        assertThat(wide.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(wide.offset()).hasValue(3);
    }

    @Test
    void lengthBeyondTheBuffer() {
        CodecException e = codecError(() -> decode("C8 00 05 41 42", "/3/0/0"));
        assertThat(e.kind()).isEqualTo(Kind.LENGTH_OUT_OF_BOUNDS);
        assertThat(e.offset()).hasValue(0);
        assertThat(e.getMessage()).contains("5 bytes", "2 bytes left");
    }

    @Test
    void childRunningPastItsContainer() {
        // The instance claims 3 bytes; the resource header inside fits, its 5-byte value does not.
        CodecException e = codecError(() -> decode("08 00 03 C8 00 05 41 42 43 44 45", "/3"));
        assertThat(e.kind()).isEqualTo(Kind.LENGTH_OUT_OF_BOUNDS);
        assertThat(e.offset()).hasValue(3);
    }

    @Test
    void nestedTooDeep() {
        // Object instance > object instance > object instance > resource: four levels, the limit is three.
        CodecException e = codecError(() -> decode("08 00 09 08 00 06 08 00 03 C1 00 01", "/3"));
        assertThat(e.kind()).isEqualTo(Kind.NESTING_TOO_DEEP);
        assertThat(e.offset()).hasValue(9);
        // A thousand levels fail the same way instead of overflowing the stack.
        StringBuilder deep = new StringBuilder();
        int levels = 1000;
        for (int i = 0; i < levels; i++) {
            deep.append(String.format("10 00 %04X", 4 * (levels - 1 - i) + 3));
        }
        deep.append("C1 00 01");
        assertThat(codecError(() -> decode(deep.toString(), "/3")).kind()).isEqualTo(Kind.NESTING_TOO_DEEP);
    }

    @Test
    void nestingTheFormatDoesNotAllow() {
        CodecException e = codecError(() -> decode("08 00 06 08 01 03 C1 00 01", "/3"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(e.offset()).hasValue(3);
        assertThat(codecError(() -> decode("C1 00 01", "/3")).kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        CodecException inMultiple = codecError(() -> decode("85 06 C1 00 01 C0 01", "/3/0/6"));
        assertThat(inMultiple.kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(inMultiple.offset()).hasValue(2);
    }

    @Test
    void invalidUtf8InAString() {
        CodecException e = codecError(() -> decode("C4 00 41 C3 28 41", "/3/0/0"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(e.offset()).hasValue(3);
        // An overlong encoding of "/" and an encoded surrogate are refused too.
        assertThat(codecError(() -> decode("C2 00 C0 AF", "/3/0/0")).kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(codecError(() -> decode("C3 00 ED A0 80", "/3/0/0")).kind()).isEqualTo(Kind.INVALID_UTF8);
    }

    @Test
    void reservedId65535() {
        CodecException e = codecError(() -> decode("E1 FF FF 01", "/3/0"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(e.offset()).hasValue(0);
    }

    @Test
    void valuesOfTheWrongLength() {
        assertThat(codecError(() -> decode("C3 01 00 00 01", "/1000/0/1")).kind())
                .isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("C2 04 00 01", "/1000/0/4")).kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("C1 04 02", "/1000/0/4")).kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("C2 03 00 00", "/1000/0/3")).kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("C3 07 00 00 00", "/1000/0/7")).kind())
                .isEqualTo(Kind.INVALID_VALUE);
        CodecException time = codecError(() -> decode("C8 06 08 7F FF FF FF FF FF FF FF", "/1000/0/6"));
        assertThat(time.kind()).isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("C1 09 01", "/1000/0/9")).kind()).isEqualTo(Kind.TYPE_MISMATCH);
    }

    @Test
    void duplicatesAndMismatchedIds() {
        assertThat(codecError(() -> decode("C1 09 01 C1 09 02", "/3/0")).kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(codecError(() -> decode("08 00 00 08 00 00", "/3")).kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(codecError(() -> decode("86 0B 41 00 00 41 00 01", "/3/0/11"))
                        .kind())
                .isEqualTo(Kind.DUPLICATE);
        assertThat(codecError(() -> decode("C1 0A 01", "/3/0/9")).kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> decode("08 01 03 C1 09 01", "/3/0")).kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> decode("C1 06 01", "/3/0/6")).kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("", "/3/0/0")).kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("C1 09 01", "/")).kind()).isEqualTo(Kind.INVALID_PATH);
    }

    @Test
    void payloadAboveTheSizeLimit() {
        DefaultLwM2mCodec small = new DefaultLwM2mCodec(CodecLimits.defaults().withMaxPayloadBytes(16));
        CodecException e = codecError(() -> small.decode(new byte[17], TLV, LwM2mPath.of(3, 0), MODELS));
        assertThat(e.kind()).isEqualTo(Kind.PAYLOAD_TOO_LARGE);
        assertThat(e.offset()).hasValue(16);
        assertThat(e.kind().responseCode()).isEqualTo(io.bootgate.api.model.ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void tooManyResourceInstancesAndEntries() {
        DefaultLwM2mCodec strict = new DefaultLwM2mCodec(
                CodecLimits.defaults().withMaxResourceInstances(2).withMaxEntries(5));
        CodecException instances = codecError(
                () -> strict.decode(hex("88 0B 09 41 00 00 41 01 00 41 02 00"), TLV, LwM2mPath.of(3, 0, 11), MODELS));
        assertThat(instances.kind()).isEqualTo(Kind.TOO_MANY_ENTRIES);
        assertThat(instances.offset()).hasValue(9);
        CodecException entries = codecError(() -> strict.decode(
                hex("C1 00 00 C1 01 00 C1 02 00 C1 03 00 C1 04 00" + "C1 05 00"), TLV, LwM2mPath.of(1000, 0), MODELS));
        assertThat(entries.kind()).isEqualTo(Kind.TOO_MANY_ENTRIES);
        assertThat(entries.offset()).hasValue(15);
    }

    @Test
    void encodeRefusesNodesThatDoNotMatchThePath() {
        assertThat(codecError(() -> encode(SingleResource.ofInteger(9, 1), "/3/0/10"))
                        .kind())
                .isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> encode(TestData.device(), "/3")).kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> encode(SingleResource.ofString(0, "\uD800"), "/3/0/0"))
                        .kind())
                .isEqualTo(Kind.UNREPRESENTABLE);
    }

    @Test
    void unsignedAboveLongMaxKeepsItsValue() throws CodecException {
        BigInteger big = BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(5));
        SingleResource r = SingleResource.of(2, ResourceValue.ofUnsignedInteger(big));
        assertThat(encode(r, "/1000/0/2")).isEqualTo("C8020880" + "00000000000005");
        assertThat(((SingleResource) decode("C8 02 08 80 00 00 00 00 00 00 05", "/1000/0/2"))
                        .value()
                        .unsignedValue())
                .isEqualTo(big);
    }
}
