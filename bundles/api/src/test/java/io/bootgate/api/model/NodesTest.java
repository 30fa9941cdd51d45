/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodesTest {

    @Test
    void instancesAreImmutableAndSorted() {
        ObjectInstance instance =
                ObjectInstance.of(0, SingleResource.ofInteger(1, 300), SingleResource.ofInteger(0, 101));
        assertThat(instance.resources().keySet()).containsExactly(0, 1);
        assertThatThrownBy(() -> instance.resources().clear()).isInstanceOf(UnsupportedOperationException.class);
        ObjectInstance changed = instance.with(SingleResource.ofInteger(1, 600));
        assertThat(instance.value(1)).contains(ResourceValue.ofInteger(300));
        assertThat(changed.value(1)).contains(ResourceValue.ofInteger(600));
        assertThat(changed.without(1).resources()).containsOnlyKeys(0);
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> ObjectInstance.of(0, SingleResource.ofInteger(1, 1), SingleResource.ofInteger(1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LwM2mObject.of(1, ObjectInstance.of(0), ObjectInstance.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void multipleResourceValuesShareOneType() {
        assertThatThrownBy(() -> MultipleResource.of(2, ResourceType.INTEGER, Map.of(101, ResourceValue.ofString("x"))))
                .isInstanceOf(IllegalArgumentException.class);
        MultipleResource acl = MultipleResource.of(2, ResourceType.INTEGER, Map.of(101, ResourceValue.ofInteger(15)));
        assertThat(acl.with(0, ResourceValue.ofInteger(1)).values().keySet()).containsExactly(0, 101);
        assertThat(acl.without(101).values()).isEmpty();
    }

    @Test
    void standardObjectsDescribeTheBootstrapRelevantResources() {
        ObjectModelRegistry registry = ObjectModelRegistry.standard();
        assertThat(registry.objects()).extracting(ObjectModel::id).containsExactly(0, 1, 2, 3);
        assertThat(registry.resource(0, StandardObjects.Security.CLIENT_HOLD_OFF_TIME))
                .get()
                .extracting(ResourceModel::type)
                .isEqualTo(ResourceType.INTEGER);
        assertThat(registry.resource(1, StandardObjects.Server.SHORT_SERVER_ID)
                        .orElseThrow()
                        .readOnly())
                .isTrue();
        assertThat(registry.resource(1, StandardObjects.Server.BOOTSTRAP_REQUEST_TRIGGER)
                        .orElseThrow()
                        .operations()
                        .isExecutable())
                .isTrue();
        assertThat(registry.resource(2, StandardObjects.AccessControl.ACL)
                        .orElseThrow()
                        .multiple())
                .isTrue();
        assertThat(StandardObjects.SERVER.mandatoryResourceIds()).containsExactly(0, 1, 6, 7, 8);
        assertThat(registry.object(3).orElseThrow().multiple()).isFalse();
    }

    @Test
    void securityModesAllowedOnTheBootstrapInterfaceArePublicKeyOnly() {
        assertThat(SecurityMode.values())
                .filteredOn(SecurityMode::allowedForBootstrap)
                .containsExactly(SecurityMode.RAW_PUBLIC_KEY, SecurityMode.CERTIFICATE);
        assertThatThrownBy(() -> SecurityMode.fromCode(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void responseCodesEncodeClassAndDetail() {
        assertThat(ResponseCode.NOT_ACCEPTABLE.value()).isEqualTo(0x86);
        assertThat(ResponseCode.fromValue(0x86)).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
        assertThat(ResponseCode.NOT_ACCEPTABLE.dotted()).isEqualTo("4.06");
        assertThat(ContentFormat.fromCode(11542)).contains(ContentFormat.TLV);
        assertThat(ContentFormat.fromCode(1)).isEmpty();
    }
}
