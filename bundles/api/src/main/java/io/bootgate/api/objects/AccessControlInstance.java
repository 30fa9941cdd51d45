/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.objects.InvalidObjectInstanceException.Kind;
import io.bootgate.api.store.TreeView;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An Access Control (/2) instance (OMA LwM2M Core 1.1, Appendix E.3): the object instance it governs, its ACL
 * and its Access Control Owner.
 *
 * @param instanceId the /2 instance id
 * @param objectId /2/x/0, the governed object, 0..65534
 * @param objectInstanceId /2/x/1, the governed instance, or {@link AccessControl#OBJECT_LEVEL} (65535) for the
 *            object itself (the Create right)
 * @param acl /2/x/2, the rights keyed by Short Server ID; entry {@link AccessControl#DEFAULT_ACL_INSTANCE} (0)
 *            holds the default rights of servers without an entry of their own
 * @param owner /2/x/3, the Access Control Owner's Short Server ID, {@link AccessControl#OWNER_BOOTSTRAP_ONLY}
 *            (65535) when only the bootstrap server manages the instance
 */
public record AccessControlInstance(
        int instanceId, int objectId, int objectInstanceId, SortedMap<Integer, AccessRights> acl, int owner) {

    private static final int MAX_16_BIT = 65535;

    /** @throws IllegalArgumentException naming the component that is out of range */
    public AccessControlInstance {
        RecordSupport.checkInstanceId(instanceId);
        check(objectId, LwM2mPath.MAX_ID, "Object ID");
        check(objectInstanceId, AccessControl.OBJECT_LEVEL, "Object Instance ID");
        check(owner, AccessControl.OWNER_BOOTSTRAP_ONLY, "Access Control Owner");
        TreeMap<Integer, AccessRights> copy = new TreeMap<>();
        Objects.requireNonNull(acl, "acl").forEach((ssid, rights) -> {
            check(ssid, SecurityInstance.MAX_SHORT_SERVER_ID, "ACL Short Server ID");
            copy.put(ssid, Objects.requireNonNull(rights, "rights of server " + ssid));
        });
        acl = Collections.unmodifiableSortedMap(copy);
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
        }
    }

    /** An instance with an empty ACL, so that the owner has full rights and everybody else none. */
    public static AccessControlInstance of(int instanceId, int objectId, int objectInstanceId, int owner) {
        return new AccessControlInstance(instanceId, objectId, objectInstanceId, Collections.emptySortedMap(), owner);
    }

    /**
     * Reads an Access Control instance. ACL values keep the five defined rights; reserved higher bits are
     * dropped, as {@link AccessRights#of(long)} does.
     *
     * @throws InvalidObjectInstanceException naming every mandatory resource that is missing and every
     *             resource of the wrong type or out of range
     */
    public static AccessControlInstance from(ObjectInstance instance) {
        InstanceReader r = new InstanceReader(StandardObjects.ACCESS_CONTROL, instance);
        long objectId = r.integer(AccessControl.OBJECT_ID, 0, LwM2mPath.MAX_ID);
        long objectInstanceId = r.integer(AccessControl.OBJECT_INSTANCE_ID, 0, AccessControl.OBJECT_LEVEL);
        TreeMap<Integer, AccessRights> acl = new TreeMap<>();
        r.multiple(AccessControl.ACL, ResourceType.INTEGER)
                .ifPresent(entries -> entries.values().forEach((ssid, value) -> {
                    OptionalLong bits = ResourceReader.numeric(value);
                    if (bits.isEmpty() || ssid > SecurityInstance.MAX_SHORT_SERVER_ID) {
                        r.problem(
                                AccessControl.ACL,
                                Kind.INVALID_VALUE,
                                "ACL entry " + ssid + " (" + value.value()
                                        + ") is not a rights value of a Short Server ID");
                    } else {
                        acl.put(ssid, AccessRights.of(bits.getAsLong()));
                    }
                }));
        long owner = r.integer(AccessControl.ACCESS_CONTROL_OWNER, 0, MAX_16_BIT);
        if (!r.others().isEmpty()) {
            r.problem(
                    r.others().firstKey(),
                    Kind.INVALID_VALUE,
                    "resource " + r.others().firstKey() + " is not defined by the Access Control object");
        }
        r.throwIfInvalid();
        return new AccessControlInstance(instance.id(), (int) objectId, (int) objectInstanceId, acl, (int) owner);
    }

    /**
     * Every Access Control instance of the tree, in instance order.
     *
     * @throws InvalidObjectInstanceException for the first instance that cannot be read
     */
    public static List<AccessControlInstance> allOf(TreeView tree) {
        return ResourceReader.instances(tree, AccessControl.ID).values().stream()
                .map(AccessControlInstance::from)
                .toList();
    }

    /** The Access Control instances of the tree that can be read, in instance order; the others are skipped. */
    public static List<AccessControlInstance> readableOf(TreeView tree) {
        return RecordSupport.readable(
                ResourceReader.instances(tree, AccessControl.ID).values(), AccessControlInstance::from);
    }

    /** The instance as stored at {@code /2/instanceId}; the ACL resource is written even when empty. */
    public ObjectInstance toObjectInstance() {
        return ObjectInstance.of(
                instanceId,
                SingleResource.ofInteger(AccessControl.OBJECT_ID, objectId),
                SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, objectInstanceId),
                aclResource(),
                SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, owner));
    }

    /** The ACL as the multiple resource /2/x/2. */
    public MultipleResource aclResource() {
        return aclResource(acl);
    }

    /** An ACL as the multiple resource /2/x/2. */
    public static MultipleResource aclResource(Map<Integer, AccessRights> acl) {
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        acl.forEach((ssid, rights) -> values.put(ssid, ResourceValue.ofInteger(rights.bits())));
        return new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, values);
    }

    /** The path {@code /2/instanceId}. */
    public LwM2mPath path() {
        return LwM2mPath.of(AccessControl.ID, instanceId);
    }

    /** Whether it governs the object instance {@code /object/instance} (65535: the object level). */
    public boolean names(int object, int instance) {
        return objectId == object && objectInstanceId == instance;
    }

    /** Whether it governs the object itself (the Create right) rather than one instance. */
    public boolean isObjectLevel() {
        return objectInstanceId == AccessControl.OBJECT_LEVEL;
    }

    /** The object instance it governs; empty for an object-level instance. */
    public Optional<LwM2mPath> target() {
        return isObjectLevel() ? Optional.empty() : Optional.of(LwM2mPath.of(objectId, objectInstanceId));
    }

    /**
     * The rights of a server on the governed object instance (Core 7.1.2.1, steps 1 to 4): an entry of its own
     * decides; the owner without an entry of its own has full rights; otherwise the default entry 0; else
     * none.
     */
    public AccessRights rightsOf(int ssid) {
        AccessRights own = acl.get(ssid);
        if (own != null) {
            return own;
        }
        if (owner == ssid) {
            return AccessRights.FULL;
        }
        return acl.getOrDefault(AccessControl.DEFAULT_ACL_INSTANCE, AccessRights.NONE);
    }

    /** This instance at another instance id. */
    public AccessControlInstance withInstanceId(int id) {
        return new AccessControlInstance(id, objectId, objectInstanceId, acl, owner);
    }

    /** This instance with another ACL. */
    public AccessControlInstance withAcl(Map<Integer, AccessRights> newAcl) {
        return new AccessControlInstance(instanceId, objectId, objectInstanceId, new TreeMap<>(newAcl), owner);
    }

    /** This instance with another Access Control Owner. */
    public AccessControlInstance withOwner(int newOwner) {
        return new AccessControlInstance(instanceId, objectId, objectInstanceId, acl, newOwner);
    }
}
