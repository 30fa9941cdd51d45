/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LwM2mPathTest {

    @Test
    void parsesEveryLevel() {
        assertThat(LwM2mPath.parse("/")).isEqualTo(LwM2mPath.root());
        assertThat(LwM2mPath.parse("/3").isObject()).isTrue();
        assertThat(LwM2mPath.parse("/3/0").isObjectInstance()).isTrue();
        assertThat(LwM2mPath.parse("/3/0/1").isResource()).isTrue();
        LwM2mPath ri = LwM2mPath.parse("/3/0/11/2");
        assertThat(ri.isResourceInstance()).isTrue();
        assertThat(ri.objectId()).isEqualTo(3);
        assertThat(ri.instanceId()).isZero();
        assertThat(ri.resourceId()).isEqualTo(11);
        assertThat(ri.resourceInstanceId()).isEqualTo(2);
        assertThat(ri).hasToString("/3/0/11/2");
    }

    @Test
    void toleratesTrailingSlashAndMissingLeadingSlash() {
        assertThat(LwM2mPath.parse("3/0/")).isEqualTo(LwM2mPath.of(3, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//", "/3//1", "/a", "/-1", "/+1", "/65535", "/1/2/3/4/5", "/999999", "/0x10"})
    void rejectsMalformedPaths(String text) {
        assertThatThrownBy(() -> LwM2mPath.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @Test
    void idsAreBoundedBothWays() {
        assertThat(LwM2mPath.of(LwM2mPath.MAX_ID).objectId()).isEqualTo(65534);
        assertThatThrownBy(() -> LwM2mPath.of(65535)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LwM2mPath.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LwM2mPath.of(1, 2, 3, 4, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void navigatesTheTree() {
        LwM2mPath resource = LwM2mPath.of(1, 0, 1);
        assertThat(resource.parent()).isEqualTo(LwM2mPath.of(1, 0));
        assertThat(resource.parent().parent().parent()).isEqualTo(LwM2mPath.root());
        assertThat(LwM2mPath.of(1).append(0).append(1)).isEqualTo(resource);
        assertThat(resource.startsWith(LwM2mPath.of(1))).isTrue();
        assertThat(resource.startsWith(LwM2mPath.root())).isTrue();
        assertThat(resource.startsWith(LwM2mPath.of(2))).isFalse();
        assertThat(LwM2mPath.of(1).startsWith(resource)).isFalse();
        assertThat(resource.truncate(1)).isEqualTo(LwM2mPath.of(1));
        assertThatThrownBy(() -> LwM2mPath.root().parent()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LwM2mPath.of(3).instanceId()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ordersParentsBeforeChildrenAndNumerically() {
        assertThat(LwM2mPath.of(1).compareTo(LwM2mPath.of(1, 0))).isNegative();
        assertThat(LwM2mPath.of(2).compareTo(LwM2mPath.of(10))).isNegative();
        assertThat(LwM2mPath.of(1, 0, 1).compareTo(LwM2mPath.of(1, 0, 1))).isZero();
    }
}
