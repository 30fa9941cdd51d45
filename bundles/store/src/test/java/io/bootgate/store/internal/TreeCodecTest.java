/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.store.TypicalTrees;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TreeCodecTest {

    @Test
    void roundTripKeepsEveryValueTypeExactly() throws Exception {
        ObjectInstance instance = ObjectInstance.of(
                7,
                SingleResource.ofString(0, "gr\u00fc\u00dfe \ud83d\ude00"),
                SingleResource.ofInteger(1, Long.MIN_VALUE),
                SingleResource.of(2, ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED)),
                SingleResource.of(3, ResourceValue.ofFloat(Double.longBitsToDouble(0x7ff8000000000123L))),
                SingleResource.of(4, ResourceValue.ofFloat(-0.0)),
                SingleResource.ofBoolean(5, true),
                SingleResource.ofOpaque(6, new byte[] {0, -1, 127, -128}),
                SingleResource.of(7, ResourceValue.ofTime(Instant.ofEpochSecond(-5))),
                SingleResource.of(8, ResourceValue.ofObjectLink(ObjectLink.nullLink())),
                SingleResource.of(9, ResourceValue.ofCoreLink("</3/0>;ver=1.1")),
                SingleResource.ofOpaque(10, new byte[0]),
                MultipleResource.of(
                        11,
                        ResourceType.INTEGER,
                        Map.of(0, ResourceValue.ofInteger(1), 65534, ResourceValue.ofInteger(-1))),
                MultipleResource.of(12, ResourceType.STRING, Map.of()));
        SortedMap<Integer, LwM2mObject> objects = new TreeMap<>(Map.of(65534, LwM2mObject.of(65534, instance)));

        TreeCodec.Decoded decoded = TreeCodec.decode(TreeCodec.encode(42, objects));

        assertThat(decoded.revision()).isEqualTo(42);
        assertThat(decoded.objects()).isEqualTo(objects);
        double nan = decoded.objects()
                .get(65534)
                .instances()
                .get(7)
                .value(3)
                .orElseThrow()
                .doubleValue();
        assertThat(Double.doubleToRawLongBits(nan)).isEqualTo(0x7ff8000000000123L);
        assertThat(decoded.objects()
                        .get(65534)
                        .instances()
                        .get(7)
                        .value(2)
                        .orElseThrow()
                        .unsignedValue())
                .isEqualTo(new BigInteger("18446744073709551615"));
    }

    @Test
    void typicalTreeRoundTrips() throws Exception {
        SortedMap<Integer, LwM2mObject> tree = TypicalTrees.bootstrapped(1);
        byte[] data = TreeCodec.encode(3, tree);
        assertThat(TreeCodec.decode(data).objects()).isEqualTo(tree);
        assertThat(TreeCodec.revisionOf(data)).isEqualTo(3);
    }

    @Test
    void everySingleFlippedBitIsDetected() {
        byte[] data = TreeCodec.encode(9, TypicalTrees.bootstrapped(2));
        for (int i = 0; i < data.length; i += 7) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = data.clone();
                damaged[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> TreeCodec.decode(damaged)).isInstanceOf(TreeCodec.FormatException.class);
            }
        }
    }

    @Test
    void truncatedEntryIsRefused() {
        byte[] data = TreeCodec.encode(1, TypicalTrees.bootstrapped(3));
        byte[] truncated = java.util.Arrays.copyOf(data, data.length / 2);
        assertThatThrownBy(() -> TreeCodec.decode(truncated)).isInstanceOf(TreeCodec.FormatException.class);
        assertThatThrownBy(() -> TreeCodec.decode(new byte[3]))
                .isInstanceOf(TreeCodec.FormatException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void unknownFormatIsRefusedNotGuessed() {
        byte[] data = TreeCodec.encode(1, Map.of());
        data[0] = 2;
        assertThatThrownBy(() -> TreeCodec.decode(data))
                .isInstanceOf(TreeCodec.FormatException.class)
                .hasMessageContaining("unknown entry format 2");
    }
}
