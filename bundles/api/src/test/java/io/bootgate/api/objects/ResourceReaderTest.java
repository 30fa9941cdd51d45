/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.TreeView;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ResourceReaderTest {

    private static final ObjectInstance INSTANCE = ObjectInstance.of(
            0,
            SingleResource.ofBoolean(1, true),
            SingleResource.ofInteger(2, 7),
            SingleResource.of(3, ResourceValue.ofUnsignedInteger(8)),
            SingleResource.of(4, ResourceValue.ofUnsignedInteger(BigInteger.ONE.shiftLeft(63))),
            SingleResource.ofString(5, "x"),
            SingleResource.ofOpaque(6, new byte[] {1}),
            SingleResource.of(7, ResourceValue.ofTime(Instant.EPOCH)));

    @Test
    void readsAValueOfTheRightTypeAndIgnoresOthers() {
        assertThat(ResourceReader.bool(INSTANCE, 1)).contains(true);
        assertThat(ResourceReader.bool(INSTANCE, 2)).isEmpty();
        assertThat(ResourceReader.integer(INSTANCE, 2)).isEqualTo(OptionalLong.of(7));
        assertThat(ResourceReader.integer(INSTANCE, 3)).isEqualTo(OptionalLong.of(8));
        assertThat(ResourceReader.integer(INSTANCE, 4)).isEmpty();
        assertThat(ResourceReader.integer(INSTANCE, 5)).isEmpty();
        assertThat(ResourceReader.integer(INSTANCE, 99)).isEmpty();
        assertThat(ResourceReader.string(INSTANCE, 5)).contains("x");
        assertThat(ResourceReader.string(INSTANCE, 1)).isEmpty();
        assertThat(ResourceReader.opaque(INSTANCE, 6))
                .hasValueSatisfying(b -> assertThat(b).containsExactly(1));
        assertThat(ResourceReader.time(INSTANCE, 7)).contains(Instant.EPOCH);
    }

    @Test
    void readsEveryOrEveryReadableInstanceOfATree() {
        SecurityInstance good = SecurityInstance.builder(1)
                .serverUri("coap://a")
                .securityMode(SecurityMode.NO_SEC)
                .shortServerId(1)
                .build();
        SecurityInstance bootstrap = SecurityInstance.builder(2)
                .serverUri("coaps://b")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .bootstrapServer(true)
                .build();
        // A bootstrap account without URI: unreadable, so neither listed nor taken as the bootstrap account.
        ObjectInstance broken = new ObjectInstance(
                5, bootstrap.toObjectInstance().without(Security.SERVER_URI).resources());
        TreeView tree = tree(LwM2mObject.of(
                Security.ID,
                good.toObjectInstance(),
                bootstrap.withInstanceId(2).toObjectInstance(),
                broken));
        assertThat(ResourceReader.instances(tree, Security.ID)).containsOnlyKeys(1, 2, 5);
        assertThat(ResourceReader.instances(tree, Server.ID)).isEmpty();
        assertThat(SecurityInstance.readableOf(tree)).containsExactly(good, bootstrap);
        assertThat(SecurityInstance.bootstrapAccountOf(tree)).contains(bootstrap);
        Assertions.assertThatThrownBy(() -> SecurityInstance.allOf(tree))
                .isInstanceOf(InvalidObjectInstanceException.class)
                .hasMessage("/0/5/0: LwM2M Server URI is missing");
        assertThat(ServerInstance.allOf(tree)).isEmpty();
        assertThat(ServerInstance.readableOf(tree)).isEmpty();
        assertThat(AccessControlInstance.allOf(tree(LwM2mObject.of(
                        AccessControl.ID, AccessControlInstanceTest.acl().toObjectInstance()))))
                .containsExactly(AccessControlInstanceTest.acl());
        assertThat(AccessControlInstance.readableOf(tree)).isEmpty();
    }

    private static TreeView tree(LwM2mObject... objects) {
        SortedMap<Integer, LwM2mObject> map = new TreeMap<>();
        for (LwM2mObject object : List.of(objects)) {
            map.put(object.id(), object);
        }
        return new TreeView() {
            @Override
            public String endpoint() {
                return "dev";
            }

            @Override
            public long revision() {
                return 0;
            }

            @Override
            public SortedMap<Integer, LwM2mObject> objects() {
                return map;
            }
        };
    }
}
