/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapPackTest {

    private static final ObjectModelRegistry MODELS = ObjectModelRegistry.standard();

    private static PathValue value(String path, ResourceValue value) {
        return new PathValue(LwM2mPath.parse(path), value);
    }

    @Test
    void groupsValuesIntoInstancesWithMultipleResourcesInPayloadOrder() throws Exception {
        BootstrapPack pack = BootstrapPack.of(
                List.of(
                        value("/1/0/0", ResourceValue.ofInteger(101)),
                        value("/2/0/0", ResourceValue.ofInteger(3)),
                        value("/2/0/2/101", ResourceValue.ofInteger(5)),
                        value("/2/0/2/0", ResourceValue.ofInteger(1)),
                        value("/1/0/7", ResourceValue.ofString("U"))),
                MODELS);

        assertThat(pack.instances()).containsOnlyKeys(LwM2mPath.of(1, 0), LwM2mPath.of(2, 0));
        assertThat(pack.instances().keySet()).first().isEqualTo(LwM2mPath.of(1, 0));
        assertThat(pack.instances().get(LwM2mPath.of(1, 0)).resources()).containsOnlyKeys(0, 7);
        assertThat(pack.instances().get(LwM2mPath.of(2, 0)).resource(2))
                .get()
                .isInstanceOfSatisfying(
                        MultipleResource.class, acl -> assertThat(acl.values()).containsOnlyKeys(0, 101));
    }

    @Test
    void refusesWhatDoesNotFitTheObjectDefinitionsNamingThePath() {
        assertThatThrownBy(() -> BootstrapPack.of(List.of(value("/1/0/99", ResourceValue.ofInteger(1))), MODELS))
                .hasMessageContaining("/1/0/99");
        assertThatThrownBy(() -> BootstrapPack.of(List.of(value("/2/0/2", ResourceValue.ofInteger(1))), MODELS))
                .hasMessageContaining("/2/0/2")
                .hasMessageContaining("multiple");
        assertThatThrownBy(() -> BootstrapPack.of(List.of(value("/1/0/1/0", ResourceValue.ofInteger(1))), MODELS))
                .hasMessageContaining("/1/0/1/0");
        assertThatThrownBy(() -> BootstrapPack.of(List.of(value("/1/0/7", ResourceValue.ofInteger(1))), MODELS))
                .hasMessageContaining("/1/0/7")
                .hasMessageContaining("STRING");
        assertThatThrownBy(() -> BootstrapPack.of(
                        List.of(
                                value("/1/0/0", ResourceValue.ofInteger(1)),
                                value("/1/0/0", ResourceValue.ofInteger(2))),
                        MODELS))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> BootstrapPack.of(List.of(), MODELS)).hasMessageContaining("no value");
    }
}
