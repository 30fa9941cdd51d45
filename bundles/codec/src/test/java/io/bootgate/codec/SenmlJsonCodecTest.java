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
import io.bootgate.api.codec.PathValue;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SenmlJsonCodecTest {

    private static final ContentFormat JSON = ContentFormat.SENML_JSON;
    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();

    private LwM2mNode decode(String json, String path) throws CodecException {
        return codec.decode(utf8(json), JSON, LwM2mPath.parse(path), MODELS);
    }

    private String encode(LwM2mNode node, String path) throws CodecException {
        return new String(codec.encode(node, LwM2mPath.parse(path), JSON, MODELS), StandardCharsets.UTF_8);
    }

    /**
     * Core TS 1.1 (draft of 2017-09-15) §6.4.4, Table 22 example, Read /3/0. The stored draft still shows the
     * LwM2M 1.0 JSON layout ({@code {"bn":"/3/0/","e":[{"n":"0","sv":...}]}}); LwM2M 1.1 replaced it by RFC 8428
     * SenML with the same records: the entries become the array, {@code bn} moves into the first record and
     * {@code sv} is spelled {@code vs}. Names and values are the example's, unchanged.
     */
    static final String DEVICE = "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},"
            + "{\"n\":\"1\",\"vs\":\"Lightweight M2M Client\"},{\"n\":\"2\",\"vs\":\"345000123\"},"
            + "{\"n\":\"3\",\"vs\":\"1.0\"},{\"n\":\"6/0\",\"v\":1},{\"n\":\"6/1\",\"v\":5},{\"n\":\"7/0\",\"v\":3800},"
            + "{\"n\":\"7/1\",\"v\":5000},{\"n\":\"8/0\",\"v\":125},{\"n\":\"8/1\",\"v\":900},{\"n\":\"9\",\"v\":100},"
            + "{\"n\":\"10\",\"v\":15},{\"n\":\"11/0\",\"v\":0},{\"n\":\"13\",\"v\":1367491215},"
            + "{\"n\":\"14\",\"vs\":\"+02:00\"},{\"n\":\"16\",\"vs\":\"U\"}]";

    @Test
    void specDeviceInstanceRead() throws CodecException {
        assertThat(decode(DEVICE, "/3/0")).isEqualTo(TestData.device());
        assertThat(encode(TestData.device(), "/3/0")).isEqualTo(DEVICE);
    }

    // §6.4.4, Read /3/0/0: {"bn":"/3/0/0","e":[{"sv":"Open Mobile Alliance"}]}, as SenML.
    @Test
    void specSingleResourceRead() throws CodecException {
        String json = "[{\"bn\":\"/3/0/0\",\"vs\":\"Open Mobile Alliance\"}]";
        assertThat(decode(json, "/3/0/0")).isEqualTo(SingleResource.ofString(0, "Open Mobile Alliance"));
        assertThat(encode(SingleResource.ofString(0, "Open Mobile Alliance"), "/3/0/0"))
                .isEqualTo(json);
    }

    /**
     * §6.4.4, Read /65/0 with base name "/": the object link hierarchy of Figure 19 across objects 65, 66 and
     * 67 in one payload, as SenML with {@code ov} spelled {@code vlo}. The draft writes the null link as
     * "FFFF:FFFF"; the object link text form is decimal (Appendix C), so it is "65535:65535" here.
     */
    @Test
    void specObjectLinkHierarchyAcrossObjects() throws CodecException {
        String json = "[{\"bn\":\"/\",\"n\":\"65/0/0/0\",\"vlo\":\"66:0\"},{\"n\":\"65/0/0/1\",\"vlo\":\"66:1\"},"
                + "{\"n\":\"65/0/1\",\"vs\":\"8613800755500\"},{\"n\":\"65/0/2\",\"v\":1},"
                + "{\"n\":\"66/0/0\",\"vs\":\"myService1\"},{\"n\":\"66/0/1\",\"vs\":\"Internet.15.234\"},"
                + "{\"n\":\"66/0/2\",\"vlo\":\"67:0\"},{\"n\":\"66/1/0\",\"vs\":\"myService2\"},"
                + "{\"n\":\"66/1/1\",\"vs\":\"Internet.15.235\"},{\"n\":\"66/1/2\",\"vlo\":\"65535:65535\"},"
                + "{\"n\":\"67/0/0\",\"vs\":\"85.76.76.84\"},{\"n\":\"67/0/1\",\"vs\":\"85.76.255.255\"}]";
        List<PathValue> values = codec.decodeValues(utf8(json), JSON, MODELS);
        assertThat(values).hasSize(12);
        assertThat(values.get(0)).isEqualTo(new PathValue(LwM2mPath.of(65, 0, 0, 0), link(66, 0)));
        assertThat(values.get(3)).isEqualTo(new PathValue(LwM2mPath.of(65, 0, 2), integer(1)));
        assertThat(values.get(9)).isEqualTo(new PathValue(LwM2mPath.of(66, 1, 2), link(65535, 65535)));
        assertThat(values.get(11))
                .isEqualTo(new PathValue(LwM2mPath.of(67, 0, 1), ResourceValue.ofString("85.76.255.255")));
        // A node decode of /65/0 refuses the records of 66 and 67: they are outside the target.
        CodecException outside = codecError(() -> decode(json, "/65/0"));
        assertThat(outside.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(outside.field()).hasValue("records[4]");
        // Values of any paths encode to full names and decode back.
        byte[] again = codec.encodeValues(values, JSON);
        assertThat(codec.decodeValues(again, JSON, MODELS)).isEqualTo(values);
    }

    /**
     * §6.4.4, the notification of Temperature /72/1/2 with three historical values (t = -5, -30, -50). Several
     * records for one path form a time series, which no Bootgate operation takes: refused as duplicates.
     */
    @Test
    void specTimeSeriesIsRefusedAsDuplicatePaths() {
        String json = "[{\"bn\":\"/72/\",\"bt\":25462634,\"n\":\"1/2\",\"v\":22.4,\"t\":-5},"
                + "{\"n\":\"1/2\",\"v\":22.9,\"t\":-30},{\"n\":\"1/2\",\"v\":24.1,\"t\":-50}]";
        CodecException e = codecError(() -> codec.decodeValues(utf8(json), JSON, NO_MODELS));
        assertThat(e.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(e.field()).hasValue("records[1]");
        assertThat(e.offset()).hasValue(json.indexOf("{\"n\":\"1/2\",\"v\":22.9"));
    }

    @Test
    void bootstrapWriteOfSeveralServerInstances() throws CodecException {
        String json =
                "[{\"bn\":\"/1/\",\"n\":\"0/0\",\"v\":101},{\"n\":\"0/1\",\"v\":86400},{\"n\":\"0/6\",\"vb\":false},"
                        + "{\"n\":\"0/7\",\"vs\":\"U\"},{\"n\":\"1/0\",\"v\":102},{\"n\":\"1/1\",\"v\":300},"
                        + "{\"n\":\"1/6\",\"vb\":true},{\"n\":\"1/7\",\"vs\":\"UQ\"}]";
        LwM2mObject servers = LwM2mObject.of(
                1,
                ObjectInstance.of(
                        0,
                        SingleResource.ofInteger(0, 101),
                        SingleResource.ofInteger(1, 86400),
                        SingleResource.ofBoolean(6, false),
                        SingleResource.ofString(7, "U")),
                ObjectInstance.of(
                        1,
                        SingleResource.ofInteger(0, 102),
                        SingleResource.ofInteger(1, 300),
                        SingleResource.ofBoolean(6, true),
                        SingleResource.ofString(7, "UQ")));
        assertThat(decode(json, "/1")).isEqualTo(servers);
        assertThat(encode(servers, "/1")).isEqualTo(json);
        // The same records with a full name in each and no base name decode alike.
        assertThat(decode("[{\"n\":\"/1/0/0\",\"v\":101},{\"n\":\"/1/1/7\",\"vs\":\"UQ\"}]", "/1"))
                .isEqualTo(LwM2mObject.of(
                        1,
                        ObjectInstance.of(0, SingleResource.ofInteger(0, 101)),
                        ObjectInstance.of(1, SingleResource.ofString(7, "UQ"))));
    }

    @Test
    void resourceInstanceLevelAndMultipleResource() throws CodecException {
        assertThat(decode("[{\"bn\":\"/2/0/2/310\",\"v\":1}]", "/2/0/2/310"))
                .isEqualTo(new ResourceInstance(310, integer(1)));
        assertThat(encode(new ResourceInstance(310, integer(1)), "/2/0/2/310"))
                .isEqualTo("[{\"bn\":\"/2/0/2/310\",\"v\":1}]");
        MultipleResource acl = MultipleResource.of(2, ResourceType.INTEGER, Map.of(127, integer(7), 310, integer(1)));
        assertThat(encode(acl, "/2/0/2"))
                .isEqualTo("[{\"bn\":\"/2/0/2/\",\"n\":\"127\",\"v\":7},{\"n\":\"310\",\"v\":1}]");
        assertThat(decode(encode(acl, "/2/0/2"), "/2/0/2")).isEqualTo(acl);
        assertThat(decode("[]", "/2/0/2"))
                .isEqualTo(new MultipleResource(2, ResourceType.INTEGER, new java.util.TreeMap<>()));
    }

    static Stream<Arguments> edgeValues() {
        return Stream.of(
                Arguments.of(1, integer(Long.MIN_VALUE), "\"v\":-9223372036854775808"),
                Arguments.of(1, integer(Long.MAX_VALUE), "\"v\":9223372036854775807"),
                // 2^53 + 1 is the first integer a double cannot hold: it must stay exact.
                Arguments.of(1, integer(9007199254740993L), "\"v\":9007199254740993"),
                Arguments.of(
                        2, ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED), "\"v\":18446744073709551615"),
                Arguments.of(2, ResourceValue.ofUnsignedInteger(0), "\"v\":0"),
                Arguments.of(3, ResourceValue.ofFloat(-0.0), "\"v\":-0.0"),
                Arguments.of(3, ResourceValue.ofFloat(0.1), "\"v\":0.1"),
                Arguments.of(3, ResourceValue.ofFloat(Double.MAX_VALUE), "\"v\":1.7976931348623157E308"),
                Arguments.of(3, ResourceValue.ofFloat(Double.MIN_VALUE), "\"v\":4.9E-324"),
                Arguments.of(4, ResourceValue.ofBoolean(true), "\"vb\":true"),
                Arguments.of(0, ResourceValue.ofString(""), "\"vs\":\"\""),
                Arguments.of(0, ResourceValue.ofString("é\"\\\n😀"), "\"vs\":\"é\\\"\\\\\\n😀\""),
                Arguments.of(5, ResourceValue.ofOpaque(new byte[0]), "\"vd\":\"\""),
                // RFC 8428 §4.3: base64url without padding; classic base64 would be "+/8=".
                Arguments.of(5, ResourceValue.ofOpaque(new byte[] {(byte) 0xFB, (byte) 0xFF}), "\"vd\":\"-_8\""),
                Arguments.of(
                        6,
                        ResourceValue.ofTime(Instant.ofEpochSecond(Instant.MIN.getEpochSecond())),
                        "\"v\":-31557014167219200"),
                Arguments.of(7, link(3, 0), "\"vlo\":\"3:0\""),
                Arguments.of(8, ResourceValue.ofCoreLink("</3/0>"), "\"vs\":\"</3/0>\""));
    }

    @ParameterizedTest
    @MethodSource("edgeValues")
    void everyDataTypeAtItsEdges(int resourceId, ResourceValue value, String field) throws CodecException {
        String json = "[{\"bn\":\"/1000/0/" + resourceId + "\"," + field + "}]";
        SingleResource resource = SingleResource.of(resourceId, value);
        assertThat(encode(resource, "/1000/0/" + resourceId)).isEqualTo(json);
        assertThat(decode(json, "/1000/0/" + resourceId)).isEqualTo(resource);
    }

    @Test
    void lenientButExactNumberForms() throws CodecException {
        assertThat(decode("[{\"n\":\"/1000/0/1\",\"v\":0e-999999999}]", "/1000/0/1"))
                .isEqualTo(SingleResource.ofInteger(1, 0));
        assertThat(decode("[{\"n\":\"/1000/0/1\",\"v\":1e3}]", "/1000/0/1"))
                .isEqualTo(SingleResource.ofInteger(1, 1000));
        assertThat(decode("[{\"n\":\"/1000/0/2\",\"v\":18446744073709551615.0}]", "/1000/0/2"))
                .isEqualTo(SingleResource.of(2, ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED)));
        assertThat(decode("[{\"n\":\"/1000/0/3\",\"v\":7}]", "/1000/0/3"))
                .isEqualTo(SingleResource.of(3, ResourceValue.ofFloat(7)));
        // Classic base64 with padding, as older clients send it, is accepted.
        assertThat(decode("[{\"n\":\"/1000/0/5\",\"vd\":\"+/8=\"}]", "/1000/0/5"))
                .isEqualTo(SingleResource.ofOpaque(5, new byte[] {(byte) 0xFB, (byte) 0xFF}));
    }

    @Test
    void untypedValuesWithoutModel() throws CodecException {
        String json = "[{\"bn\":\"/3000/0/\",\"n\":\"0\",\"v\":5},{\"n\":\"1\",\"v\":18446744073709551615},"
                + "{\"n\":\"2\",\"v\":2.5},{\"n\":\"3\",\"vs\":\"x\"},{\"n\":\"4\",\"vd\":\"AQ\"},{\"n\":\"5/0\",\"vb\":true}]";
        assertThat(codec.decode(utf8(json), JSON, LwM2mPath.of(3000, 0), NO_MODELS))
                .isEqualTo(ObjectInstance.of(
                        0,
                        SingleResource.ofInteger(0, 5),
                        SingleResource.of(1, ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED)),
                        SingleResource.of(2, ResourceValue.ofFloat(2.5)),
                        SingleResource.ofString(3, "x"),
                        SingleResource.ofOpaque(4, new byte[] {1}),
                        MultipleResource.of(5, ResourceType.BOOLEAN, Map.of(0, ResourceValue.ofBoolean(true)))));
        CodecException mixed = codecError(() -> codec.decode(
                utf8("[{\"n\":\"/3000/0/5/0\",\"v\":1}," + "{\"n\":\"/3000/0/5/1\",\"v\":1.5}]"),
                JSON,
                LwM2mPath.of(3000, 0),
                NO_MODELS));
        assertThat(mixed.kind()).isEqualTo(Kind.TYPE_MISMATCH);
    }

    @Test
    void nanAndInfinityHaveNoJsonForm() {
        CodecException e =
                codecError(() -> encode(SingleResource.of(3, ResourceValue.ofFloat(Double.NaN)), "/1000/0/3"));
        assertThat(e.kind()).isEqualTo(Kind.UNREPRESENTABLE);
        assertThat(e.field()).hasValue("records[0].v");
        assertThat(codecError(() -> encode(
                                SingleResource.of(3, ResourceValue.ofFloat(Double.NEGATIVE_INFINITY)), "/1000/0/3"))
                        .kind())
                .isEqualTo(Kind.UNREPRESENTABLE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/3\",\"v\":NaN}]", "/1000/0/3"))
                        .kind())
                .isEqualTo(Kind.MALFORMED);
    }

    // ---------------------------------------------------------------- malformed input

    @Test
    void unknownField() {
        String json = "[{\"n\":\"/3/0/9\",\"v\":1,\"u\":\"%EL\"}]";
        CodecException e = codecError(() -> decode(json, "/3/0"));
        assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_FIELD);
        assertThat(e.field()).hasValue("records[0]");
        assertThat(e.offset()).hasValue(json.indexOf("\"u\""));
        // Base value would change the meaning of v: refused too, not ignored.
        assertThat(codecError(() -> decode("[{\"bv\":5,\"n\":\"/3/0/9\",\"v\":1}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.UNKNOWN_FIELD);
    }

    @Test
    void duplicateRecordAndDuplicateLabel() {
        String json = "[{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":1},{\"n\":\"9\",\"v\":2}]";
        CodecException e = codecError(() -> decode(json, "/3/0"));
        assertThat(e.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(e.field()).hasValue("records[1]");
        assertThat(e.offset()).hasValue(json.indexOf("{\"n\":\"9\",\"v\":2"));
        CodecException label = codecError(() -> decode("[{\"n\":\"/3/0/9\",\"v\":1,\"v\":2}]", "/3/0"));
        assertThat(label.kind()).isEqualTo(Kind.DUPLICATE);
        assertThat(label.field()).hasValue("records[0].v");
        CodecException two = codecError(() -> decode("[{\"n\":\"/3/0/9\",\"v\":1,\"vs\":\"2\"}]", "/3/0"));
        assertThat(two.kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        CodecException both =
                codecError(() -> decode("[{\"n\":\"/3000/0/1/0\",\"v\":1},{\"n\":\"/3000/0/1\",\"v\":1}]", "/3000/0"));
        assertThat(both.kind()).isEqualTo(Kind.INVALID_STRUCTURE);
    }

    @Test
    void baseNameThatBuildsAnInvalidPath() {
        CodecException e = codecError(() -> decode("[{\"bn\":\"/3/0/\",\"n\":\"/9\",\"v\":1}]", "/3/0"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(e.field()).hasValue("records[0].n");
        assertThat(e.offset()).hasValue(1);
        assertThat(codecError(() -> decode("[{\"bn\":\"3/0/\",\"n\":\"9\",\"v\":1}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> decode("[{\"bn\":\"/3/0/9/0/1\",\"v\":1}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> decode("[{\"bn\":\"/3/0\",\"v\":1}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_PATH);
        CodecException noName = codecError(() -> decode("[{\"v\":1}]", "/3/0"));
        assertThat(noName.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(noName.field()).hasValue("records[0].bn");
    }

    @Test
    void id65535() {
        CodecException e = codecError(() -> decode("[{\"bn\":\"/3/0/\",\"n\":\"65535\",\"v\":1}]", "/3/0"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_PATH);
        assertThat(e.getMessage()).contains("65535");
        assertThat(codecError(() -> decode("[{\"n\":\"/2/65535/0\",\"v\":1}]", "/2"))
                        .kind())
                .isEqualTo(Kind.INVALID_PATH);
    }

    @Test
    void invalidUtf8() {
        byte[] json = utf8("[{\"n\":\"/3/0/0\",\"vs\":\"ab\"}]");
        json[20] = (byte) 0xC0;
        CodecException e = codecError(() -> codec.decode(json, JSON, LwM2mPath.of(3, 0), MODELS));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_UTF8);
        assertThat(e.offset()).hasValue(20);
    }

    @Test
    void hugeExponentsAndOverflow() {
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/3\",\"v\":1e400}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/3\",\"v\":1e-400}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        // Converting these exactly would take gigabytes; they must fail at once.
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/1\",\"v\":1e999999999}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/1\",\"v\":1e-999999999}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/3\",\"v\":1e-999999999}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/1\",\"v\":1e99999999999}]", "/1000/0"))
                        .kind())
                .isIn(Kind.VALUE_OUT_OF_RANGE, Kind.MALFORMED);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/1\",\"v\":9223372036854775808}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/2\",\"v\":-1}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/1\",\"v\":1.5}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
    }

    @Test
    void timeFieldsAreWholeSeconds() throws CodecException {
        assertThat(decode("[{\"bt\":1700000000,\"n\":\"/3/0/9\",\"v\":1,\"t\":-5}]", "/3/0/9"))
                .isEqualTo(SingleResource.ofInteger(9, 1));
        CodecException fraction = codecError(() -> decode("[{\"bt\":1.5,\"n\":\"/3/0/9\",\"v\":1}]", "/3/0/9"));
        assertThat(fraction.kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(fraction.field()).hasValue("records[0].bt");
        assertThat(codecError(() -> decode("[{\"bt\":9223372036854775807,\"n\":\"/3/0/9\",\"v\":1,\"t\":1}]", "/3/0/9"))
                        .kind())
                .isEqualTo(Kind.VALUE_OUT_OF_RANGE);
        assertThat(codecError(() -> decode("[{\"bver\":11,\"n\":\"/3/0/9\",\"v\":1}]", "/3/0/9"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
    }

    @Test
    void structureAndTypeErrors() {
        assertThat(codecError(() -> decode("{\"n\":\"/3/0/9\",\"v\":1}", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("[{\"n\":\"/3/0/9\"}]", "/3/0")).kind())
                .isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("[{\"n\":\"/3/0/9\",\"v\":[1]}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("[{\"n\":\"/3/0/9\",\"vs\":\"1\"}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.TYPE_MISMATCH);
        assertThat(codecError(() -> decode("[{\"n\":\"/3/0/6\",\"v\":1}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("[{\"n\":\"/3/0/9/0\",\"v\":1}]", "/3/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_PATH);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/5\",\"vd\":\"+_8\"}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("[{\"n\":\"/1000/0/7\",\"vlo\":\"3\"}]", "/1000/0"))
                        .kind())
                .isEqualTo(Kind.INVALID_VALUE);
        assertThat(codecError(() -> decode("[]", "/3/0/9")).kind()).isEqualTo(Kind.INVALID_STRUCTURE);
        assertThat(codecError(() -> decode("[] []", "/3/0")).kind()).isEqualTo(Kind.MALFORMED);
        CodecException truncated = codecError(() -> decode("[{\"n\":\"/3/0/9\",\"v\":1", "/3/0"));
        assertThat(truncated.kind()).isEqualTo(Kind.TRUNCATED);
    }

    @Test
    void limits() {
        DefaultLwM2mCodec small = new DefaultLwM2mCodec(CodecLimits.defaults().withMaxPayloadBytes(64));
        CodecException size = codecError(() -> small.decode(new byte[65], JSON, LwM2mPath.of(3, 0), MODELS));
        assertThat(size.kind()).isEqualTo(Kind.PAYLOAD_TOO_LARGE);
        DefaultLwM2mCodec strict = new DefaultLwM2mCodec(CodecLimits.defaults().withMaxEntries(2));
        CodecException entries = codecError(() -> strict.decode(
                utf8("[{\"n\":\"/3/0/9\",\"v\":1}," + "{\"n\":\"/3/0/10\",\"v\":1},{\"n\":\"/3/0/0\",\"vs\":\"\"}]"),
                JSON,
                LwM2mPath.of(3, 0),
                MODELS));
        assertThat(entries.kind()).isEqualTo(Kind.TOO_MANY_ENTRIES);
        assertThat(entries.field()).hasValue("records[2]");
        DefaultLwM2mCodec fewInstances =
                new DefaultLwM2mCodec(CodecLimits.defaults().withMaxResourceInstances(2));
        CodecException instances = codecError(() -> fewInstances.decode(
                utf8("[{\"bn\":\"/3/0/11/\",\"n\":\"0\",\"v\":1}," + "{\"n\":\"1\",\"v\":1},{\"n\":\"2\",\"v\":1}]"),
                JSON,
                LwM2mPath.of(3, 0, 11),
                MODELS));
        assertThat(instances.kind()).isEqualTo(Kind.TOO_MANY_ENTRIES);
        assertThat(instances.field()).hasValue("records[2]");
    }

    @Test
    void messagesNeverQuoteValues() {
        CodecException e = codecError(() -> decode("[{\"n\":\"/0/0/5\",\"vd\":\"SECRETSECRET*\"}]", "/0/0"));
        assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
        assertThat(e.getMessage()).doesNotContain("SECRET").contains("records[0].vd");
    }

    @Test
    void encodeValuesRefusesRepeatedPaths() {
        PathValue v = new PathValue(LwM2mPath.of(3, 0, 9), integer(1));
        assertThat(codecError(() -> codec.encodeValues(List.of(v, v), JSON)).kind())
                .isEqualTo(Kind.DUPLICATE);
    }

    @Test
    void bigUnsignedStaysExact() throws CodecException {
        BigInteger value = BigInteger.TWO.pow(64).subtract(BigInteger.valueOf(3));
        PathValue pv = new PathValue(LwM2mPath.of(1000, 0, 2), ResourceValue.ofUnsignedInteger(value));
        byte[] json = codec.encodeValues(List.of(pv), JSON);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains(value.toString());
        assertThat(codec.decodeValues(json, JSON, MODELS)).containsExactly(pv);
    }
}
