/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.acl;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One endpoint in a real (in-memory) object store, and builders for the instances the ACL tests need. Object
 * 1000 is a test object with a definition, standing for any object a server may create instances of.
 */
final class Endpoint implements AutoCloseable {

    static final int TEST_OBJECT = 1000;
    static final String NAME = "urn:dev:acl";

    static final ObjectModel TEST_MODEL = ObjectModel.of(
            TEST_OBJECT,
            "Test",
            "1.0",
            true,
            false,
            List.of(
                    new ResourceModel(0, "Value", Operations.READ_WRITE, false, false, ResourceType.INTEGER),
                    new ResourceModel(1, "Reset", Operations.EXECUTE, false, false, ResourceType.NONE)));

    final MvObjectStore store;
    final StoreTransaction tx;

    Endpoint() {
        store = MvObjectStore.open(StoreOptions.inMemory(ObjectModelRegistry::standard)
                .withModels(ObjectModelRegistry.standard().with(List.of(TEST_MODEL))));
        store.createEndpoint(NAME);
        tx = store.begin(NAME);
        tx.write(
                LwM2mPath.of(Device.ID, 0),
                ObjectInstance.of(0, SingleResource.ofString(Device.MANUFACTURER, "ACME")),
                WriteMode.REPLACE);
    }

    /** A management server account: Security instance (id = ssid) and Server instance (id = ssid). */
    Endpoint server(int ssid) {
        tx.write(
                LwM2mPath.of(Security.ID, ssid),
                ObjectInstance.of(
                        ssid,
                        SingleResource.ofString(Security.SERVER_URI, "coaps://s" + ssid + ".example"),
                        SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false),
                        SingleResource.ofInteger(Security.SHORT_SERVER_ID, ssid)),
                WriteMode.REPLACE);
        tx.write(
                LwM2mPath.of(Server.ID, ssid),
                ObjectInstance.of(
                        ssid,
                        SingleResource.ofInteger(Server.SHORT_SERVER_ID, ssid),
                        SingleResource.ofInteger(Server.LIFETIME, 300)),
                WriteMode.REPLACE);
        return this;
    }

    /** The Bootstrap-Server account, Security instance 0. */
    Endpoint bootstrapAccount() {
        tx.write(
                LwM2mPath.of(Security.ID, 0),
                ObjectInstance.of(
                        0,
                        SingleResource.ofString(Security.SERVER_URI, "coaps://bs.example"),
                        SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true)),
                WriteMode.REPLACE);
        return this;
    }

    /** Instance {@code id} of the test object 1000. */
    Endpoint testInstance(int id) {
        tx.write(
                LwM2mPath.of(TEST_OBJECT, id),
                ObjectInstance.of(id, SingleResource.ofInteger(0, id)),
                WriteMode.REPLACE);
        return this;
    }

    /** Access Control instance {@code id} naming /objectId/instanceId with an owner and ACL entries. */
    Endpoint ac(int id, int objectId, int instanceId, int owner, Map<Integer, Integer> acl) {
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        acl.forEach((ssid, bits) -> values.put(ssid, ResourceValue.ofInteger(bits)));
        tx.write(
                LwM2mPath.of(AccessControl.ID, id),
                ObjectInstance.of(
                        id,
                        SingleResource.ofInteger(AccessControl.OBJECT_ID, objectId),
                        SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, instanceId),
                        new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, values),
                        SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, owner)),
                WriteMode.REPLACE);
        return this;
    }

    /** The ACL of /2/id as Short Server ID to bits. */
    Map<Integer, Integer> acl(int id) {
        TreeMap<Integer, Integer> acl = new TreeMap<>();
        tx.resource(AccessControl.ID, id, AccessControl.ACL)
                .map(MultipleResource.class::cast)
                .ifPresent(r -> r.values().forEach((k, v) -> acl.put(k, (int) v.longValue())));
        return acl;
    }

    long owner(int id) {
        return tx.value(LwM2mPath.of(AccessControl.ID, id, AccessControl.ACCESS_CONTROL_OWNER))
                .orElseThrow()
                .longValue();
    }

    boolean exists(int objectId, int instanceId) {
        return tx.instance(objectId, instanceId).isPresent();
    }

    @Override
    public void close() {
        tx.close();
        store.close();
    }
}
