/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.acl;

import static io.bootgate.acl.Endpoint.TEST_OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.acl.AccessDecision;
import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.acl.Operation;
import io.bootgate.api.acl.Requester;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.AccessControl;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per rule of LwM2M access control (Core 7.1, E.3), against a real store transaction. */
class AccessControlRulesTest {

    private static final int R = AccessRights.READ;
    private static final int W = AccessRights.WRITE;
    private static final int E = AccessRights.EXECUTE;
    private static final int D = AccessRights.DELETE;
    private static final int C = AccessRights.CREATE;
    private static final LwM2mPath INSTANCE = LwM2mPath.of(TEST_OBJECT, 1);
    private static final EnumSet<Operation> ON_INSTANCE = EnumSet.of(
            Operation.READ,
            Operation.OBSERVE,
            Operation.WRITE_ATTRIBUTES,
            Operation.WRITE,
            Operation.EXECUTE,
            Operation.DELETE);

    private final AccessControlService acl = new DefaultAccessControl();
    private final Endpoint ep = new Endpoint();

    @AfterEach
    void close() {
        ep.close();
    }

    private AccessDecision check(int ssid, Operation operation, LwM2mPath target) {
        return acl.check(ep.tx, Requester.server(ssid), operation, target);
    }

    private void assertGranted(int ssid, LwM2mPath target, Operation... operations) {
        for (Operation operation : operations) {
            assertThat(check(ssid, operation, target))
                    .as("%s by %d on %s", operation, ssid, target)
                    .extracting(AccessDecision::granted)
                    .isEqualTo(true);
        }
    }

    private void assertDenied(int ssid, LwM2mPath target, ResponseCode code, Operation... operations) {
        for (Operation operation : operations) {
            AccessDecision decision = check(ssid, operation, target);
            assertThat(decision.granted())
                    .as("%s by %d on %s: %s", operation, ssid, target, decision)
                    .isFalse();
            assertThat(decision.denialCode()).contains(code);
        }
    }

    @Test
    void bootstrapServerIsNotConstrained() {
        ep.server(101).server(102).ac(0, TEST_OBJECT, 1, AccessControl.OWNER_BOOTSTRAP_ONLY, Map.of());
        for (Operation operation : Operation.values()) {
            assertThat(acl.check(ep.tx, Requester.bootstrapServer(), operation, LwM2mPath.of(0, 101))
                            .granted())
                    .isTrue();
            assertThat(acl.check(ep.tx, Requester.bootstrapServer(), operation, INSTANCE)
                            .granted())
                    .isTrue();
        }
    }

    @Test
    void smartcardIsNotConstrained() {
        ep.server(101).server(102);
        for (Operation operation : Operation.values()) {
            assertThat(acl.check(ep.tx, Requester.smartcard(), operation, LwM2mPath.of(0))
                            .granted())
                    .isTrue();
        }
    }

    @Test
    void securityObjectNeverAccessibleToManagementServers() {
        // Even for the single server, and even with an Access Control instance that claims to grant rights.
        ep.server(101).ac(0, 0, 101, 101, Map.of(101, R | W | E | D | C));
        for (Operation operation : Operation.values()) {
            assertDenied(101, LwM2mPath.of(0), ResponseCode.UNAUTHORIZED, operation);
            assertDenied(101, LwM2mPath.of(0, 101), ResponseCode.UNAUTHORIZED, operation);
            assertDenied(101, LwM2mPath.of(0, 101, 5), ResponseCode.UNAUTHORIZED, operation);
        }
        assertThat(acl.rights(ep.tx, 101, 0, 101)).isEqualTo(AccessRights.NONE);
    }

    @Test
    void serverWithoutServerInstanceHasNoRights() {
        ep.server(101).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(0, R | W, 103, R));
        assertDenied(103, INSTANCE, ResponseCode.UNAUTHORIZED, Operation.READ);
        assertDenied(103, LwM2mPath.of(TEST_OBJECT), ResponseCode.UNAUTHORIZED, Operation.CREATE);
        assertThat(acl.rights(ep.tx, 103, TEST_OBJECT, 1)).isEqualTo(AccessRights.NONE);
    }

    @Test
    void singleServerHasFullAccess() {
        ep.server(101).testInstance(1);
        assertThat(ep.tx.object(AccessControl.ID)).isEmpty();
        assertGranted(101, INSTANCE, ON_INSTANCE.toArray(Operation[]::new));
        assertGranted(101, LwM2mPath.of(TEST_OBJECT), Operation.CREATE);
        assertGranted(101, LwM2mPath.of(3, 0, 4), Operation.EXECUTE);
        assertThat(acl.rights(ep.tx, 101, TEST_OBJECT, 1)).isEqualTo(AccessRights.FULL);
    }

    @Test
    void ownerWithoutOwnEntryHasFullRights() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(102, R));
        assertGranted(101, INSTANCE, ON_INSTANCE.toArray(Operation[]::new));
        assertThat(acl.rights(ep.tx, 101, TEST_OBJECT, 1)).isEqualTo(AccessRights.FULL);
        assertThat(check(101, Operation.WRITE, INSTANCE).reason()).contains("ownership of /2/0");
    }

    @Test
    void defaultAclDoesNotApplyToTheOwner() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(0, R));
        assertGranted(101, INSTANCE, Operation.WRITE, Operation.DELETE, Operation.EXECUTE);
    }

    @Test
    void ownEntryDecidesEvenForTheOwner() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(101, R));
        assertGranted(101, INSTANCE, Operation.READ, Operation.OBSERVE, Operation.WRITE_ATTRIBUTES);
        assertDenied(101, INSTANCE, ResponseCode.UNAUTHORIZED, Operation.WRITE, Operation.EXECUTE, Operation.DELETE);
    }

    @Test
    void aclEntryGrantsExactlyItsRights() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(102, R | E, 0, R | W | E | D));
        assertGranted(102, INSTANCE, Operation.READ, Operation.OBSERVE, Operation.WRITE_ATTRIBUTES, Operation.EXECUTE);
        assertDenied(102, INSTANCE, ResponseCode.UNAUTHORIZED, Operation.WRITE, Operation.DELETE);
        assertThat(acl.rights(ep.tx, 102, TEST_OBJECT, 1)).isEqualTo(new AccessRights(R | E));
    }

    @Test
    void defaultAclInstanceZeroAppliesToServersWithoutEntry() {
        ep.server(101).server(102).server(103).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(0, R | D, 102, W));
        assertGranted(103, INSTANCE, Operation.READ, Operation.DELETE);
        assertDenied(103, INSTANCE, ResponseCode.UNAUTHORIZED, Operation.WRITE, Operation.EXECUTE);
        // 102 has an entry of its own: the default does not add to it.
        assertDenied(102, INSTANCE, ResponseCode.UNAUTHORIZED, Operation.READ);
        assertThat(check(103, Operation.READ, INSTANCE).reason()).contains("default ACL entry 0");
    }

    @Test
    void noEntryAndNoDefaultMeansNoAccess() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of());
        assertDenied(102, INSTANCE, ResponseCode.UNAUTHORIZED, ON_INSTANCE.toArray(Operation[]::new));
    }

    @Test
    void withoutAccessControlInstanceNoServerHasAccessWhenThereAreSeveral() {
        ep.server(101).server(102).testInstance(1);
        assertDenied(101, INSTANCE, ResponseCode.UNAUTHORIZED, ON_INSTANCE.toArray(Operation[]::new));
        assertThat(acl.rights(ep.tx, 101, TEST_OBJECT, 1)).isEqualTo(AccessRights.NONE);
    }

    @Test
    void reservedAclBitsGrantNothing() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(102, 0xFFE0 | R));
        assertThat(acl.rights(ep.tx, 102, TEST_OBJECT, 1)).isEqualTo(new AccessRights(R));
    }

    @Test
    void rightsOnResourcesAreThoseOfTheirInstance() {
        ep.server(101).server(102).testInstance(1).ac(0, TEST_OBJECT, 1, 101, Map.of(102, E));
        assertGranted(102, LwM2mPath.of(TEST_OBJECT, 1, 1), Operation.EXECUTE);
        assertDenied(102, LwM2mPath.of(TEST_OBJECT, 1, 0), ResponseCode.UNAUTHORIZED, Operation.READ);
        assertDenied(102, LwM2mPath.of(TEST_OBJECT, 1, 0, 0), ResponseCode.UNAUTHORIZED, Operation.WRITE);
    }

    @Test
    void createNeedsCreateRightInOwnEntryOfObjectLevelInstance() {
        ep.server(101)
                .server(102)
                .server(103)
                .ac(
                        0,
                        TEST_OBJECT,
                        AccessControl.OBJECT_LEVEL,
                        AccessControl.OWNER_BOOTSTRAP_ONLY,
                        Map.of(101, C, 102, R, 0, C));
        assertGranted(101, LwM2mPath.of(TEST_OBJECT), Operation.CREATE);
        assertDenied(102, LwM2mPath.of(TEST_OBJECT), ResponseCode.UNAUTHORIZED, Operation.CREATE);
        // The default entry does not grant Create (Core 7.1.2.1: the server's own ACL resource instance).
        assertDenied(103, LwM2mPath.of(TEST_OBJECT), ResponseCode.UNAUTHORIZED, Operation.CREATE);
    }

    @Test
    void createWithoutObjectLevelAccessControlInstanceIsRefused() {
        ep.server(101).server(102);
        assertDenied(101, LwM2mPath.of(TEST_OBJECT), ResponseCode.UNAUTHORIZED, Operation.CREATE);
    }

    @Test
    void createTargetsObjectsOnly() {
        ep.server(101).testInstance(1);
        assertDenied(101, INSTANCE, ResponseCode.METHOD_NOT_ALLOWED, Operation.CREATE);
    }

    @Test
    void accessControlInstanceIsManagedOnlyByItsOwner() {
        ep.server(101)
                .server(102)
                .testInstance(1)
                .ac(0, TEST_OBJECT, 1, 101, Map.of(102, R | W | D))
                .ac(1, TEST_OBJECT, 2, AccessControl.OWNER_BOOTSTRAP_ONLY, Map.of(101, R | W));
        assertGranted(101, LwM2mPath.of(2, 0), Operation.READ, Operation.WRITE, Operation.WRITE_ATTRIBUTES);
        assertGranted(101, LwM2mPath.of(2, 0, AccessControl.ACL, 102), Operation.WRITE);
        assertDenied(102, LwM2mPath.of(2, 0), ResponseCode.UNAUTHORIZED, Operation.READ, Operation.WRITE);
        // Owner 65535: managed by the bootstrap server only.
        assertDenied(101, LwM2mPath.of(2, 1), ResponseCode.UNAUTHORIZED, Operation.READ, Operation.WRITE);
        assertThat(acl.instancesAllowing(ep.tx, 101, AccessControl.ID, Operation.READ))
                .containsExactly(0);
    }

    @Test
    void accessControlInstancesAreNeitherCreatedNorDeletedByServers() {
        ep.server(101).ac(0, TEST_OBJECT, 1, 101, Map.of());
        assertDenied(101, LwM2mPath.of(2), ResponseCode.METHOD_NOT_ALLOWED, Operation.CREATE);
        assertDenied(101, LwM2mPath.of(2, 0), ResponseCode.METHOD_NOT_ALLOWED, Operation.DELETE);
    }

    @Test
    void writeExecuteDeleteOnWholeObjectAreNotAllowed() {
        ep.server(101).testInstance(1);
        assertDenied(
                101,
                LwM2mPath.of(TEST_OBJECT),
                ResponseCode.METHOD_NOT_ALLOWED,
                Operation.WRITE,
                Operation.EXECUTE,
                Operation.DELETE);
    }

    @Test
    void discoverAndWriteAttributesOnObjectNeedNoRight() {
        ep.server(101).server(102).testInstance(1);
        assertGranted(102, LwM2mPath.of(TEST_OBJECT), Operation.DISCOVER, Operation.WRITE_ATTRIBUTES);
        assertGranted(102, INSTANCE, Operation.DISCOVER);
    }

    @Test
    void objectReadReturnsOnlyReadableInstances() {
        ep.server(101)
                .server(102)
                .testInstance(1)
                .testInstance(2)
                .testInstance(3)
                .ac(0, TEST_OBJECT, 1, 101, Map.of(102, R))
                .ac(1, TEST_OBJECT, 2, 101, Map.of(102, W))
                .ac(2, TEST_OBJECT, 3, 102, Map.of());
        assertGranted(102, LwM2mPath.of(TEST_OBJECT), Operation.READ, Operation.OBSERVE);
        assertThat(acl.instancesAllowing(ep.tx, 102, TEST_OBJECT, Operation.READ))
                .containsExactly(1, 3);
        assertThat(acl.instancesAllowing(ep.tx, 102, TEST_OBJECT, Operation.WRITE))
                .containsExactly(2, 3);
    }

    @Test
    void rootIsNoManagementTarget() {
        ep.server(101);
        assertDenied(101, LwM2mPath.root(), ResponseCode.METHOD_NOT_ALLOWED, Operation.READ, Operation.DISCOVER);
    }

    @Test
    void duplicateAccessControlInstancesAreDecidedByTheLowestId() {
        ep.server(101)
                .server(102)
                .testInstance(1)
                .ac(4, TEST_OBJECT, 1, 101, Map.of(102, W))
                .ac(2, TEST_OBJECT, 1, 101, Map.of(102, R));
        assertGranted(102, INSTANCE, Operation.READ);
        assertDenied(102, INSTANCE, ResponseCode.UNAUTHORIZED, Operation.WRITE);
    }
}
