package io.bootgate.acl;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.StandardObjects.AccessControl;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An Access Control instance (/2/id) read into its parts: the object instance it names, its ACL keyed by
 * Short Server ID (0 = default rights) and its owner.
 */
record AccessControlInstance(int id, int objectId, int instanceId, SortedMap<Integer, AccessRights> acl,
        int owner) {

    AccessControlInstance {
        acl = Collections.unmodifiableSortedMap(new TreeMap<>(acl));
    }

    /**
     * Reads an instance; empty if it names no object instance (Object ID or Object Instance ID missing or not
     * an integer). A missing or unreadable owner counts as 65535 (bootstrap only), the reading that grants
     * nobody anything by accident.
     */
    static Optional<AccessControlInstance> of(ObjectInstance instance) {
        Optional<Integer> objectId = integer(instance, AccessControl.OBJECT_ID);
        Optional<Integer> instanceId = integer(instance, AccessControl.OBJECT_INSTANCE_ID);
        if (objectId.isEmpty() || instanceId.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<Integer, AccessRights> acl = new TreeMap<>();
        if (instance.resources().get(AccessControl.ACL) instanceof MultipleResource entries
                && entries.type() == ResourceType.INTEGER) {
            entries.values().forEach((ssid, value) -> acl.put(ssid, AccessRights.of(value.longValue())));
        }
        int owner = integer(instance, AccessControl.ACCESS_CONTROL_OWNER).orElse(AccessControl.OWNER_BOOTSTRAP_ONLY);
        return Optional.of(new AccessControlInstance(instance.id(), objectId.get(), instanceId.get(), acl, owner));
    }

    private static Optional<Integer> integer(ObjectInstance instance, int resourceId) {
        return instance.value(resourceId).filter(v -> v.type() == ResourceType.INTEGER)
                .map(ResourceValue::longValue).filter(v -> v >= 0 && v <= 65535).map(Long::intValue);
    }

    boolean names(int object, int instance) {
        return objectId == object && instanceId == instance;
    }

    LwM2mPath path() {
        return LwM2mPath.of(AccessControl.ID, id);
    }

    /** The object instance it names; empty for an object-level instance (or an id no path can carry). */
    Optional<LwM2mPath> target() {
        return objectId <= LwM2mPath.MAX_ID && instanceId <= LwM2mPath.MAX_ID
                ? Optional.of(LwM2mPath.of(objectId, instanceId)) : Optional.empty();
    }

    /**
     * The rights of a server on the named object instance (Core 7.1.2.1, steps 1 to 4): the owner without an
     * entry of its own has full rights; an entry of its own decides; otherwise the default entry 0; else none.
     */
    AccessRights rightsOf(int ssid) {
        AccessRights own = acl.get(ssid);
        if (own != null) {
            return own;
        }
        if (owner == ssid) {
            return AccessRights.FULL;
        }
        return acl.getOrDefault(AccessControl.DEFAULT_ACL_INSTANCE, AccessRights.NONE);
    }

    /** The ACL as the multiple resource /2/id/2. */
    static MultipleResource aclResource(Map<Integer, AccessRights> acl) {
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        acl.forEach((ssid, rights) -> values.put(ssid, ResourceValue.ofInteger(rights.bits())));
        return new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, values);
    }
}
