/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.acl;

import static io.bootgate.acl.Endpoint.TEST_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.acl.Operation;
import io.bootgate.api.acl.Requester;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.store.WriteRejectedException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Access Control instances follow the object instances servers create and delete (Core 7.1.1.2.2). */
class AccessControlUpkeepTest {

    private final AccessControlService acl = new DefaultAccessControl();
    private final Endpoint ep = new Endpoint();

    @AfterEach
    void close() {
        ep.close();
    }

    @Test
    void createdInstanceIsOwnedByItsCreatorWithFullRightsForItAlone() {
        ep.server(101)
                .server(102)
                .ac(
                        0,
                        TEST_OBJECT,
                        AccessControl.OBJECT_LEVEL,
                        AccessControl.OWNER_BOOTSTRAP_ONLY,
                        Map.of(101, AccessRights.CREATE));
        assertThat(acl.check(ep.tx, Requester.server(101), Operation.CREATE, LwM2mPath.of(TEST_OBJECT))
                        .granted())
                .isTrue();

        LwM2mPath accessControl =
                acl.createInstance(ep.tx, 101, TEST_OBJECT, ObjectInstance.of(7, SingleResource.ofInteger(0, 1)));

        assertThat(accessControl).isEqualTo(LwM2mPath.of(AccessControl.ID, 1));
        assertThat(ep.exists(TEST_OBJECT, 7)).isTrue();
        assertThat(ep.tx.value(LwM2mPath.of(2, 1, AccessControl.OBJECT_ID))
                        .orElseThrow()
                        .longValue())
                .isEqualTo(TEST_OBJECT);
        assertThat(ep.tx.value(LwM2mPath.of(2, 1, AccessControl.OBJECT_INSTANCE_ID))
                        .orElseThrow()
                        .longValue())
                .isEqualTo(7);
        assertThat(ep.owner(1)).isEqualTo(101);
        assertThat(ep.acl(1)).isEmpty();
        assertThat(acl.rights(ep.tx, 101, TEST_OBJECT, 7)).isEqualTo(AccessRights.FULL);
        assertThat(acl.rights(ep.tx, 102, TEST_OBJECT, 7)).isEqualTo(AccessRights.NONE);
    }

    @Test
    void createReplacesAStaleAccessControlInstanceNamingTheSameInstance() {
        ep.server(101).server(102).ac(0, TEST_OBJECT, 7, 102, Map.of(102, AccessRights.FULL.bits()));
        acl.createInstance(ep.tx, 101, TEST_OBJECT, ObjectInstance.of(7));
        assertThat(ep.tx.object(AccessControl.ID).orElseThrow().instances()).hasSize(1);
        assertThat(acl.rights(ep.tx, 102, TEST_OBJECT, 7)).isEqualTo(AccessRights.NONE);
        assertThat(acl.rights(ep.tx, 101, TEST_OBJECT, 7)).isEqualTo(AccessRights.FULL);
    }

    @Test
    void createOfAnExistingInstanceIsRejectedWithoutAccessControlChange() {
        ep.server(101).server(102).testInstance(7).ac(0, TEST_OBJECT, 7, 102, Map.of());
        assertThatThrownBy(() -> acl.createInstance(ep.tx, 101, TEST_OBJECT, ObjectInstance.of(7)))
                .isInstanceOf(WriteRejectedException.class);
        assertThat(ep.owner(0)).isEqualTo(102);
        assertThat(ep.tx.object(AccessControl.ID).orElseThrow().instances()).hasSize(1);
    }

    @Test
    void deletedInstanceTakesItsAccessControlInstancesAlong() {
        ep.server(101)
                .server(102)
                .testInstance(7)
                .testInstance(8)
                .ac(0, TEST_OBJECT, 7, 101, Map.of())
                .ac(1, TEST_OBJECT, 8, 101, Map.of())
                .ac(2, TEST_OBJECT, 7, 102, Map.of());
        assertThat(acl.deleteInstance(ep.tx, LwM2mPath.of(TEST_OBJECT, 7))).isTrue();
        assertThat(ep.exists(TEST_OBJECT, 7)).isFalse();
        assertThat(ep.tx.object(AccessControl.ID).orElseThrow().instances().keySet())
                .containsExactly(1);
        assertThat(acl.deleteInstance(ep.tx, LwM2mPath.of(TEST_OBJECT, 7))).isFalse();
    }

    @Test
    void serversCannotCreateSecurityOrAccessControlInstances() {
        ep.server(101);
        assertThatThrownBy(() -> acl.createInstance(ep.tx, 101, AccessControl.ID, ObjectInstance.of(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> acl.createInstance(ep.tx, 101, 0, ObjectInstance.of(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
