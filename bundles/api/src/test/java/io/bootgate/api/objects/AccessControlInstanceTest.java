/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AccessControlInstanceTest {

    static AccessControlInstance acl() {
        return new AccessControlInstance(
                4,
                3,
                0,
                new TreeMap<>(
                        Map.of(0, AccessRights.of(1), 101, AccessRights.of(AccessRights.READ | AccessRights.WRITE))),
                102);
    }

    @Test
    void roundTripsThroughAnObjectInstance() {
        ObjectInstance instance = acl().toObjectInstance();
        assertThat(instance.resources().get(AccessControl.ACL))
                .isEqualTo(MultipleResource.of(
                        AccessControl.ACL,
                        ResourceType.INTEGER,
                        Map.of(0, ResourceValue.ofInteger(1), 101, ResourceValue.ofInteger(3))));
        assertThat(AccessControlInstance.from(instance)).isEqualTo(acl());
        assertThat(AccessControlInstance.from(instance).toObjectInstance()).isEqualTo(instance);
    }

    @Test
    void anInstanceWithoutAclReadsAsAnEmptyAcl() {
        ObjectInstance instance = acl().toObjectInstance().without(AccessControl.ACL);
        assertThat(AccessControlInstance.from(instance).acl()).isEmpty();
        assertThat(AccessControlInstance.of(4, 3, 0, 102).withAcl(acl().acl())).isEqualTo(acl());
    }

    @Test
    void reservedRightsBitsAreDropped() {
        ObjectInstance instance = acl().toObjectInstance()
                .with(MultipleResource.of(
                        AccessControl.ACL, ResourceType.INTEGER, Map.of(101, ResourceValue.ofInteger(0xFF))));
        assertThat(AccessControlInstance.from(instance).acl()).containsExactly(Map.entry(101, AccessRights.FULL));
    }

    @Test
    void theRightsOfAServerFollowCore7_1_2_1() {
        AccessControlInstance ac = acl();
        assertThat(ac.rightsOf(101)).isEqualTo(AccessRights.of(3));
        assertThat(ac.rightsOf(102)).isEqualTo(AccessRights.FULL);
        assertThat(ac.rightsOf(103)).isEqualTo(AccessRights.of(1));
        assertThat(ac.withAcl(Map.of()).rightsOf(103)).isEqualTo(AccessRights.NONE);
        assertThat(ac.withAcl(Map.of(102, AccessRights.NONE)).rightsOf(102)).isEqualTo(AccessRights.NONE);
    }

    @Test
    void targetAndObjectLevel() {
        assertThat(acl().target()).contains(LwM2mPath.of(3, 0));
        assertThat(acl().names(3, 0)).isTrue();
        AccessControlInstance objectLevel = AccessControlInstance.of(0, 3, AccessControl.OBJECT_LEVEL, 101);
        assertThat(objectLevel.isObjectLevel()).isTrue();
        assertThat(objectLevel.target()).isEmpty();
        assertThat(objectLevel.withInstanceId(9).withOwner(1).path().toString()).isEqualTo("/2/9");
    }

    @Test
    void aMissingMandatoryResourceIsNamed() {
        ObjectInstance instance = acl().toObjectInstance()
                .without(AccessControl.ACCESS_CONTROL_OWNER)
                .without(AccessControl.OBJECT_ID);
        assertThatThrownBy(() -> AccessControlInstance.from(instance))
                .isInstanceOf(InvalidObjectInstanceException.class)
                .hasMessage("/2/4/0: Object ID is missing; /2/4/3: Access Control Owner is missing");
    }

    @Test
    void aResourceOfAnotherTypeIsNamed() {
        ObjectInstance instance = acl().toObjectInstance().with(SingleResource.ofInteger(AccessControl.ACL, 1));
        assertThatThrownBy(() -> AccessControlInstance.from(instance))
                .hasMessage("/2/4/2: ACL is INTEGER, expected multiple INTEGER");
    }

    @Test
    void valuesOutOfRangeAreNamed() {
        ObjectInstance instance = acl().toObjectInstance()
                .with(SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, 65536))
                .with(SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, -1));
        assertThatThrownBy(() -> AccessControlInstance.from(instance))
                .hasMessage("/2/4/1: Object Instance ID 65536 is outside 0..65535; "
                        + "/2/4/3: Access Control Owner -1 is outside 0..65535");
    }

    @Test
    void anUndefinedResourceIsNamed() {
        ObjectInstance instance = acl().toObjectInstance().with(SingleResource.ofInteger(7, 1));
        assertThatThrownBy(() -> AccessControlInstance.from(instance))
                .hasMessage("/2/4/7: resource 7 is not defined by the Access Control object");
    }

    @Test
    void theConstructorRefusesOutOfRangeComponents() {
        assertThatThrownBy(() -> AccessControlInstance.of(0, 65535, 0, 1))
                .hasMessage("Object ID 65535 is outside 0..65534");
        assertThatThrownBy(() -> AccessControlInstance.of(0, 3, 0, 1).withAcl(Map.of(65535, AccessRights.FULL)))
                .hasMessage("ACL Short Server ID 65535 is outside 0..65534");
    }
}
