/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static io.bootgate.codec.TestData.MODELS;
import static io.bootgate.codec.TestData.NO_MODELS;
import static io.bootgate.codec.TestData.hex;
import static io.bootgate.codec.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates valid payloads at random (fixed seed, so a failure reproduces) and decodes them against several
 * targets and model sets. Whatever the bytes, decoding must return a node or throw {@link CodecException}:
 * any other exception, or a hang, fails the test with the input that caused it.
 */
class DecoderRobustnessTest {

    private static final int MUTATIONS = 3000;
    private static final long SEED = 0x5EED_B007L;
    private static final List<LwM2mPath> TARGETS = List.of(
            LwM2mPath.of(3),
            LwM2mPath.of(3, 0),
            LwM2mPath.of(3, 0, 0),
            LwM2mPath.of(3, 0, 6),
            LwM2mPath.of(3, 0, 6, 0),
            LwM2mPath.of(1000, 0),
            LwM2mPath.of(1000, 0, 3));
    /** Bytes that mean something in TLV or CBOR headers, or are special in JSON and link format. */
    private static final byte[] INTERESTING = hex("00 01 07 08 10 18 1B 1F 20 3B 3F 40 5F 7F 80 9F BF C0 C2 C4 C5"
            + " C8 E8 F8 F9 FA FB FF 22 2C 2F 3A 3B 3C 3E 5C 5B 5D 7B 7D 2D 2E 65");

    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
    private final DefaultLinkFormat linkFormat = new DefaultLinkFormat();

    static Stream<Arguments> corpora() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        try {
            byte[] deviceJson = codec.encode(TestData.device(), LwM2mPath.of(3, 0), ContentFormat.SENML_JSON, MODELS);
            byte[] deviceCbor = codec.encode(TestData.device(), LwM2mPath.of(3, 0), ContentFormat.SENML_CBOR, MODELS);
            byte[] deviceTlv = codec.encode(TestData.device(), LwM2mPath.of(3, 0), ContentFormat.TLV, MODELS);
            byte[] acTlv = codec.encode(TestData.accessControl(), LwM2mPath.of(2), ContentFormat.TLV, MODELS);
            return Stream.of(
                    Arguments.of(
                            ContentFormat.TLV,
                            List.of(
                                    deviceTlv,
                                    acTlv,
                                    hex(TlvCodecTest.DEVICE_INSTANCE),
                                    hex("C8 06 08 00 70 1C D2 FA 95 78 FF C4 03 7F C0 00 00 C4 07 00 03 00 00"))),
                    Arguments.of(
                            ContentFormat.SENML_JSON,
                            List.of(
                                    deviceJson,
                                    utf8(SenmlJsonCodecTest.DEVICE),
                                    utf8(
                                            "[{\"bn\":\"/1000/0/\",\"bt\":5,\"n\":\"3\",\"v\":1.5e3,\"t\":-1},{\"n\":\"5\",\"vd\":\"AQI\"},"
                                                    + "{\"n\":\"7\",\"vlo\":\"3:0\"},{\"n\":\"2\",\"v\":18446744073709551615}]"))),
                    Arguments.of(
                            ContentFormat.SENML_CBOR,
                            List.of(
                                    deviceCbor,
                                    hex("81 A2 21 69 2F 31 30 30 30 2F 30 2F 33 02 F9 3E 00"),
                                    hex("81 A2 21 69 2F 31 30 30 30 2F 30 2F 37 63 76 6C 6F 63 33 3A 30"))),
                    Arguments.of(
                            ContentFormat.TEXT,
                            List.of(utf8("-750"), utf8("0.00000000006667"), utf8("AQIDBAU="), utf8("65535:65535"))),
                    Arguments.of(ContentFormat.OPAQUE, List.of(new byte[] {1, 2, 3})),
                    Arguments.of(
                            ContentFormat.LINK,
                            List.of(
                                    utf8("</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://a\"," + "</1/0>;ssid=101,</3/0>"),
                                    utf8("</3/0>;pmax=60, </3/0/7>;dim=8;gt=50;lt=42.2"))));
        } catch (CodecException e) {
            throw new IllegalStateException("seed corpus could not be encoded", e);
        }
    }

    @ParameterizedTest
    @MethodSource("corpora")
    void onlyCodecExceptionEscapesDecode(ContentFormat format, List<byte[]> seeds) {
        Random random = new Random(SEED ^ format.code());
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        int[] decoded = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
                ObjectModelRegistry models = random.nextInt(4) == 0 ? NO_MODELS : MODELS;
                LwM2mPath target = TARGETS.get(random.nextInt(TARGETS.size()));
                try {
                    if (format == ContentFormat.LINK) {
                        assertThat(linkFormat.parse(input)).isNotNull();
                    } else if (random.nextInt(3) == 0
                            && format.code() >= ContentFormat.SENML_JSON.code()
                            && format != ContentFormat.TLV) {
                        assertThat(codec.decodeValues(input, format, models)).isNotNull();
                    } else {
                        assertThat(codec.decode(input, format, target, models)).isNotNull();
                    }
                    decoded[0]++;
                } catch (CodecException expected) {
                    kinds.merge(expected.kind(), 1, Integer::sum);
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    fail(
                            "decoding " + format + " at " + target + " threw " + e + " for input "
                                    + HexFormat.of().formatHex(input),
                            e);
                }
            }
        });
        // The mutations must exercise both outcomes, or the test proves nothing.
        assertThat(kinds).isNotEmpty();
        assertThat(decoded[0]
                        + kinds.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(MUTATIONS);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        List<Byte> bytes = new ArrayList<>(seed.length + 8);
        for (byte b : seed) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int size = bytes.size();
            int at = size == 0 ? 0 : random.nextInt(size);
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (size > 0) {
                        bytes.set(at, (byte) (bytes.get(at) ^ 1 << random.nextInt(8)));
                    }
                }
                case 1 -> {
                    if (size > 0) {
                        bytes.set(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                    }
                }
                case 2 -> bytes.add(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 3 -> {
                    if (size > 0) {
                        bytes.remove(at);
                    }
                }
                case 4 -> {
                    while (bytes.size() > at) {
                        bytes.remove(bytes.size() - 1);
                    }
                }
                case 5 -> {
                    int length = Math.min(size - at, 1 + random.nextInt(8));
                    List<Byte> chunk = new ArrayList<>(bytes.subList(at, at + Math.max(length, 0)));
                    bytes.addAll(at, chunk);
                }
                default -> {
                    if (size > 0) {
                        bytes.set(at, (byte) random.nextInt(256));
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
