/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Object trees as a bootstrap leaves them: a Bootstrap-Server account and one management server account
 * (X.509 / RPK key material of realistic sizes), its Server instance, two Access Control instances and the
 * Device instance. Deterministic for a given seed.
 */
public final class TypicalTrees {

    private TypicalTrees() {}

    /** The typical bootstrapped state: 2 Security, 1 Server, 2 Access Control, 1 Device instance. */
    public static SortedMap<Integer, LwM2mObject> bootstrapped(long seed) {
        Random random = new Random(seed);
        ObjectInstance bootstrapAccount = ObjectInstance.of(
                0,
                SingleResource.ofString(Security.SERVER_URI, "coaps://bootstrap.example.com:5684"),
                SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true),
                SingleResource.ofInteger(Security.SECURITY_MODE, 2),
                SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, bytes(random, 540)),
                SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, bytes(random, 580)),
                SingleResource.ofOpaque(Security.SECRET_KEY, bytes(random, 138)),
                SingleResource.ofInteger(Security.CLIENT_HOLD_OFF_TIME, 10));
        ObjectInstance serverAccount = ObjectInstance.of(
                1,
                SingleResource.ofString(Security.SERVER_URI, "coaps://dm.example.com:5684"),
                SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false),
                SingleResource.ofInteger(Security.SECURITY_MODE, 1),
                SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, bytes(random, 91)),
                SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, bytes(random, 91)),
                SingleResource.ofOpaque(Security.SECRET_KEY, bytes(random, 138)),
                SingleResource.ofInteger(Security.SHORT_SERVER_ID, 101));
        ObjectInstance server = ObjectInstance.of(
                0,
                SingleResource.ofInteger(Server.SHORT_SERVER_ID, 101),
                SingleResource.ofInteger(Server.LIFETIME, 86_400),
                SingleResource.ofBoolean(Server.NOTIFICATION_STORING, true),
                SingleResource.ofString(Server.BINDING, "U"));
        ObjectInstance aclServer = ObjectInstance.of(
                0,
                SingleResource.ofInteger(AccessControl.OBJECT_ID, Server.ID),
                SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, 0),
                acl(Map.of(101, 15L)),
                SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, 101));
        ObjectInstance aclDevice = ObjectInstance.of(
                1,
                SingleResource.ofInteger(AccessControl.OBJECT_ID, Device.ID),
                SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, 0),
                acl(Map.of(0, 1L, 101, 31L)),
                SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, 101));
        ObjectInstance device = ObjectInstance.of(
                0,
                SingleResource.ofString(Device.MANUFACTURER, "Bootgate Test Devices"),
                SingleResource.ofString(Device.MODEL_NUMBER, "BG-" + random.nextInt(1000)),
                SingleResource.ofString(Device.SERIAL_NUMBER, Long.toHexString(random.nextLong())),
                SingleResource.ofString(Device.FIRMWARE_VERSION, "1.4." + random.nextInt(50)),
                MultipleResource.of(Device.ERROR_CODE, ResourceType.INTEGER, Map.of(0, ResourceValue.ofInteger(0))),
                SingleResource.ofString(Device.SUPPORTED_BINDINGS, "U"));
        TreeMap<Integer, LwM2mObject> objects = new TreeMap<>();
        objects.put(Security.ID, LwM2mObject.of(Security.ID, bootstrapAccount, serverAccount));
        objects.put(Server.ID, LwM2mObject.of(Server.ID, server));
        objects.put(AccessControl.ID, LwM2mObject.of(AccessControl.ID, aclServer, aclDevice));
        objects.put(Device.ID, LwM2mObject.of(Device.ID, device));
        return objects;
    }

    /** Writes a whole tree into a transaction, object by object, replacing what was there. */
    public static void writeAll(StoreTransaction tx, Map<Integer, LwM2mObject> objects) {
        for (LwM2mObject object : objects.values()) {
            tx.write(LwM2mPath.of(object.id()), object, WriteMode.REPLACE);
        }
        for (int present : List.copyOf(tx.objects().keySet())) {
            if (!objects.containsKey(present)) {
                tx.delete(LwM2mPath.of(present));
            }
        }
    }

    public static MultipleResource acl(Map<Integer, Long> entries) {
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        entries.forEach((ssid, bits) -> values.put(ssid, ResourceValue.ofInteger(bits)));
        return new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, values);
    }

    public static byte[] bytes(Random random, int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }
}
