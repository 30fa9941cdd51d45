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
import io.bootgate.api.acl.UnbootstrapReport;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.StoreTransaction;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per step of unbootstrapping (Core E.1.3), the re-bootstrap initialization option. */
class UnbootstrapTest {

    private static final int R = AccessRights.READ;
    private static final int W = AccessRights.WRITE;
    private static final int E = AccessRights.EXECUTE;
    private static final int D = AccessRights.DELETE;
    private static final int C = AccessRights.CREATE;

    private final AccessControlService acl = new DefaultAccessControl();
    private final Endpoint ep = new Endpoint();

    @AfterEach
    void close() {
        ep.close();
    }

    @Test
    void unbootstrapDeletesInstancesOnlyThatServerCouldAccessWithTheirAccessControl() {
        ep.server(101)
                .server(102)
                .testInstance(1)
                .testInstance(2)
                .ac(0, TEST_OBJECT, 1, 101, Map.of())
                .ac(1, TEST_OBJECT, 2, 101, Map.of(101, R | W, 102, 0));
        UnbootstrapReport report = acl.removeServer(ep.tx, 101);
        assertThat(ep.exists(TEST_OBJECT, 1)).isFalse();
        assertThat(ep.exists(TEST_OBJECT, 2)).isFalse();
        assertThat(ep.tx.object(AccessControl.ID)).isEmpty();
        assertThat(report.deletedInstances())
                .contains(
                        LwM2mPath.of(TEST_OBJECT, 1),
                        LwM2mPath.of(TEST_OBJECT, 2),
                        LwM2mPath.of(2, 0),
                        LwM2mPath.of(2, 1));
    }

    @Test
    void unbootstrapKeepsInstancesAnotherServerCanReach() {
        ep.server(101)
                .server(102)
                .server(103)
                .testInstance(1)
                .testInstance(2)
                .ac(0, TEST_OBJECT, 1, 101, Map.of(103, R))
                .ac(1, TEST_OBJECT, 2, 101, Map.of(0, E));
        acl.removeServer(ep.tx, 101);
        assertThat(ep.exists(TEST_OBJECT, 1)).isTrue();
        assertThat(ep.exists(TEST_OBJECT, 2))
                .as("reachable through the default rights")
                .isTrue();
    }

    @Test
    void unbootstrapRemovesTheServerAclEntriesEverywhere() {
        ep.server(101)
                .server(102)
                .testInstance(1)
                .testInstance(2)
                .ac(0, TEST_OBJECT, 1, 102, Map.of(101, R | W, 0, R))
                .ac(1, TEST_OBJECT, 2, 102, Map.of(101, E, 102, R));
        UnbootstrapReport report = acl.removeServer(ep.tx, 101);
        assertThat(ep.acl(0)).isEqualTo(Map.of(0, R));
        assertThat(ep.acl(1)).isEqualTo(Map.of(102, R));
        assertThat(ep.owner(0)).isEqualTo(102);
        assertThat(report.removedAclEntries()).containsExactly(LwM2mPath.of(2, 0, 2, 101), LwM2mPath.of(2, 1, 2, 101));
    }

    @Test
    void unbootstrapReelectsOwnerWithHighestWritePlusDelete() {
        ep.server(101)
                .server(102)
                .server(103)
                .server(104)
                .testInstance(1)
                .ac(0, TEST_OBJECT, 1, 101, Map.of(102, R | W | E, 103, W | D, 104, R | E | C));
        UnbootstrapReport report = acl.removeServer(ep.tx, 101);
        assertThat(ep.owner(0)).isEqualTo(103);
        assertThat(report.newOwners()).containsExactly(Map.entry(LwM2mPath.of(2, 0), 103));
        assertThat(ep.acl(0)).isEqualTo(Map.of(102, R | W | E, 103, W | D, 104, R | E | C));
    }

    @Test
    void unbootstrapOwnerTieGoesToTheLowestShortServerId() {
        ep.server(101)
                .server(102)
                .server(103)
                .server(104)
                .testInstance(1)
                .ac(0, TEST_OBJECT, 1, 101, Map.of(104, W | D, 103, R | W | D, 102, W));
        acl.removeServer(ep.tx, 101);
        assertThat(ep.owner(0)).isEqualTo(103);
    }

    @Test
    void unbootstrapNewOwnerKeepsTheRightsItHadInsteadOfGainingFullRights() {
        // 102 reached the instance through the default entry only; as an owner without an entry it would get
        // full rights, so its former rights are pinned in an entry of its own. (Three servers, so that two
        // remain and the single-server rule does not apply.)
        ep.server(101).server(102).server(103).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(0, R));
        acl.removeServer(ep.tx, 101);
        assertThat(ep.owner(0)).isEqualTo(102);
        assertThat(ep.acl(0)).isEqualTo(Map.of(0, R, 102, R));
        assertThat(acl.rights(ep.tx, 102, TEST_OBJECT, 1)).isEqualTo(new AccessRights(R));
        assertThat(acl.rights(ep.tx, 103, TEST_OBJECT, 1)).isEqualTo(new AccessRights(R));
    }

    @Test
    void unbootstrapDeletesServerAndSecurityInstancesButNotTheBootstrapAccount() {
        ep.bootstrapAccount()
                .server(101)
                .server(102)
                .ac(0, Server.ID, 101, 101, Map.of())
                .ac(1, Server.ID, 102, 102, Map.of(101, R));
        UnbootstrapReport report = acl.removeServer(ep.tx, 101);
        assertThat(ep.exists(Server.ID, 101)).isFalse();
        assertThat(ep.exists(Security.ID, 101)).isFalse();
        assertThat(ep.exists(Security.ID, 0)).as("Bootstrap-Server account").isTrue();
        assertThat(ep.exists(Server.ID, 102)).isTrue();
        assertThat(ep.exists(Security.ID, 102)).isTrue();
        assertThat(ep.tx.object(AccessControl.ID).orElseThrow().instances().keySet())
                .containsExactly(1);
        assertThat(ep.acl(1)).isEmpty();
        assertThat(report.deletedInstances())
                .containsExactly(
                        LwM2mPath.of(Security.ID, 101),
                        LwM2mPath.of(Server.ID, 101),
                        LwM2mPath.of(AccessControl.ID, 0));
    }

    @Test
    void unbootstrapNeverDeletesTheDeviceInstanceOnlyItsAccessControl() {
        ep.server(101).server(102).ac(0, Device.ID, 0, 101, Map.of());
        acl.removeServer(ep.tx, 101);
        assertThat(ep.exists(Device.ID, 0)).isTrue();
        assertThat(ep.tx.object(AccessControl.ID)).isEmpty();
    }

    @Test
    void unbootstrapKeepsTheServerInstanceOfAnotherServer() {
        ep.server(101).server(102).ac(0, Server.ID, 102, 101, Map.of());
        acl.removeServer(ep.tx, 101);
        assertThat(ep.exists(Server.ID, 102)).isTrue();
        assertThat(ep.tx.object(AccessControl.ID)).isEmpty();
    }

    @Test
    void unbootstrapDropsObjectLevelAccessControlOwnedOnlyForTheRemovedServer() {
        ep.server(101)
                .server(102)
                .ac(
                        0,
                        TEST_OBJECT,
                        AccessControl.OBJECT_LEVEL,
                        AccessControl.OWNER_BOOTSTRAP_ONLY,
                        Map.of(101, C, 102, C))
                .ac(1, Server.ID, AccessControl.OBJECT_LEVEL, 101, Map.of());
        acl.removeServer(ep.tx, 101);
        assertThat(ep.acl(0)).isEqualTo(Map.of(102, C));
        assertThat(ep.owner(0)).isEqualTo(AccessControl.OWNER_BOOTSTRAP_ONLY);
        assertThat(ep.tx.instance(AccessControl.ID, 1)).isEmpty();
    }

    @Test
    void unbootstrapOfAServerThatIsNotThereChangesNothing() {
        ep.server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 102, Map.of(0, R));
        SortedMap<Integer, LwM2mObject> before = ep.tx.objects();
        assertThat(acl.removeServer(ep.tx, 101).nothingChanged()).isTrue();
        assertThat(ep.tx.objects()).isEqualTo(before);
        assertThatThrownBy(() -> acl.removeServer(ep.tx, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unbootstrapIsPartOfTheCallersTransaction() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of());
        ep.tx.commit();
        SortedMap<Integer, LwM2mObject> committed =
                ep.store.snapshot(Endpoint.NAME).objects();

        try (StoreTransaction tx = ep.store.begin(Endpoint.NAME)) {
            acl.removeServer(tx, 101);
            assertThat(tx.instance(TEST_OBJECT, 1)).isEmpty();
            assertThat(ep.store.snapshot(Endpoint.NAME).objects())
                    .as("invisible before commit")
                    .isEqualTo(committed);
            tx.rollback();
        }
        assertThat(ep.store.snapshot(Endpoint.NAME).objects()).isEqualTo(committed);

        try (StoreTransaction tx = ep.store.begin(Endpoint.NAME)) {
            acl.removeServer(tx, 101);
            tx.commit();
        }
        assertThat(ep.store.snapshot(Endpoint.NAME).instance(Server.ID, 101)).isEmpty();
        assertThat(ep.store.snapshot(Endpoint.NAME).instance(TEST_OBJECT, 1)).isEmpty();
    }
}
