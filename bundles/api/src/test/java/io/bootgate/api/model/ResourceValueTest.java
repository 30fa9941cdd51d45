/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResourceValueTest {

    @Test
    void opaqueValuesAreCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        ResourceValue value = ResourceValue.ofOpaque(bytes);
        bytes[0] = 9;
        assertThat(value.opaqueValue()).containsExactly(1, 2, 3);
        value.opaqueValue()[1] = 9;
        assertThat(value.opaqueValue()).containsExactly(1, 2, 3);
        assertThat(ResourceValue.ofOpaque(new byte[0]).opaqueValue()).isEmpty();
    }

    @Test
    void unsignedIntegersCoverTheFull64BitRange() {
        assertThat(ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED).unsignedValue())
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThatThrownBy(() -> ResourceValue.ofUnsignedInteger(ResourceValue.MAX_UNSIGNED.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResourceValue.ofUnsignedInteger(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floatEqualityIsBitwiseSoNaNRoundTripsCompare() {
        assertThat(ResourceValue.ofFloat(Double.NaN)).isEqualTo(ResourceValue.ofFloat(Double.NaN));
        assertThat(ResourceValue.ofFloat(0.0)).isNotEqualTo(ResourceValue.ofFloat(-0.0));
    }

    @Test
    void timeHasWholeSeconds() {
        assertThat(ResourceValue.ofTime(Instant.ofEpochSecond(-1)).timeValue().getEpochSecond())
                .isEqualTo(-1);
        assertThatThrownBy(() -> ResourceValue.ofTime(Instant.ofEpochMilli(1500)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingAsTheWrongTypeFailsLoudly() {
        assertThatThrownBy(() -> ResourceValue.ofString("x").longValue()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ResourceValue.ofInteger(1).booleanValue()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void objectLinksParseAndBound() {
        assertThat(ObjectLink.parse("3:0")).isEqualTo(new ObjectLink(3, 0));
        assertThat(ObjectLink.nullLink().isNull()).isTrue();
        assertThatThrownBy(() -> ObjectLink.parse("3:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectLink.parse("3:0:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectLink(65536, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
