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
import io.bootgate.api.store.TreeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tree an endpoint holds after its {@code seq}-th commit in the crash test: a function of endpoint and
 * sequence number only, so the verifier can tell exactly which committed state a tree is. Size and shape
 * change from one number to the next (instances come and go, key lengths vary), so a mixture of two commits
 * could not pass for either. The sequence number itself is the Server instance's Lifetime.
 */
final class CrashTrees {

    private CrashTrees() {}

    static SortedMap<Integer, LwM2mObject> tree(String endpoint, long seq) {
        TreeMap<Integer, LwM2mObject> objects = new TreeMap<>();
        if (seq == 0) {
            return objects;
        }
        Random random = new Random(endpoint.hashCode() * 1_000_003L + seq);
        List<ObjectInstance> security = new ArrayList<>();
        for (int i = 0; i <= seq % 3; i++) {
            security.add(ObjectInstance.of(
                    i,
                    SingleResource.ofString(Security.SERVER_URI, "coaps://s" + i + ".example/" + endpoint + "/" + seq),
                    SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, i == 0),
                    SingleResource.ofInteger(Security.SECURITY_MODE, 2),
                    SingleResource.ofOpaque(Security.SECRET_KEY, TypicalTrees.bytes(random, 30 + random.nextInt(600))),
                    SingleResource.ofInteger(Security.SHORT_SERVER_ID, 100 + i)));
        }
        objects.put(Security.ID, LwM2mObject.of(Security.ID, security));
        objects.put(
                Server.ID,
                LwM2mObject.of(
                        Server.ID,
                        ObjectInstance.of(
                                0,
                                SingleResource.ofInteger(Server.SHORT_SERVER_ID, 101),
                                SingleResource.ofInteger(Server.LIFETIME, seq),
                                SingleResource.ofString(Server.BINDING, "U"))));
        List<ObjectInstance> acl = new ArrayList<>();
        for (int i = 0; i <= seq % 2; i++) {
            acl.add(ObjectInstance.of(
                    i,
                    SingleResource.ofInteger(AccessControl.OBJECT_ID, Server.ID),
                    SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, i),
                    TypicalTrees.acl(Map.of(101, (long) random.nextInt(32))),
                    SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, 101)));
        }
        objects.put(AccessControl.ID, LwM2mObject.of(AccessControl.ID, acl));
        TreeMap<Integer, ResourceValue> errors = new TreeMap<>();
        for (int i = 0; i <= seq % 4; i++) {
            errors.put(i, ResourceValue.ofInteger(random.nextInt(9)));
        }
        objects.put(
                Device.ID,
                LwM2mObject.of(
                        Device.ID,
                        ObjectInstance.of(
                                0,
                                SingleResource.ofString(Device.SERIAL_NUMBER, endpoint + "#" + seq),
                                new MultipleResource(Device.ERROR_CODE, ResourceType.INTEGER, errors))));
        return objects;
    }

    /** The sequence number of the commit a tree came from; 0 for a new endpoint. */
    static long sequenceOf(TreeView tree) {
        return tree.value(LwM2mPath.of(Server.ID, 0, Server.LIFETIME))
                .map(ResourceValue::longValue)
                .orElse(0L);
    }
}
