package io.bootgate.api.bsserver;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import java.util.Collections;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Access Control (/2) instance to provision: which object instance it governs, the ACL (rights per Short
 * Server ID, 0 = default for servers without their own entry) and the Access Control Owner.
 *
 * @param instanceId the /2 instance to write, or empty to let the session choose (it reuses the instance
 *            that already governs the same target, else takes the lowest free id)
 * @param objectId the governed object
 * @param objectInstanceId the governed instance, or {@link AccessControl#OBJECT_LEVEL} for the Create right
 * @param acl rights bit masks (R=1, W=2, E=4, D=8, C=16) keyed by Short Server ID
 * @param owner the Access Control Owner's Short Server ID, {@link AccessControl#OWNER_BOOTSTRAP_ONLY} for none
 */
public record AccessControlInstance(OptionalInt instanceId, int objectId, int objectInstanceId,
        SortedMap<Integer, Integer> acl, int owner) {

    /** The sum of all rights bits. */
    public static final int ALL_RIGHTS = AccessControl.READ | AccessControl.WRITE | AccessControl.EXECUTE
            | AccessControl.DELETE | AccessControl.CREATE;

    public AccessControlInstance {
        instanceId.ifPresent(id -> check(id, LwM2mPath.MAX_ID, "instance id"));
        check(objectId, LwM2mPath.MAX_ID, "object id");
        check(objectInstanceId, AccessControl.OBJECT_LEVEL, "object instance id");
        check(owner, AccessControl.OWNER_BOOTSTRAP_ONLY, "owner");
        TreeMap<Integer, Integer> copy = new TreeMap<>();
        acl.forEach((ssid, rights) -> {
            check(ssid, ServerAccount.MAX_SHORT_SERVER_ID, "ACL short server id");
            if (rights < 0 || rights > ALL_RIGHTS) {
                throw new IllegalArgumentException("ACL rights " + rights + " for server " + ssid + " are outside 0.."
                        + ALL_RIGHTS);
            }
            copy.put(ssid, rights);
        });
        acl = Collections.unmodifiableSortedMap(copy);
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
        }
    }

    /** The instance as written at {@code /2/id}. */
    public ObjectInstance toObjectInstance(int id) {
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        acl.forEach((ssid, rights) -> values.put(ssid, ResourceValue.ofInteger(rights)));
        return ObjectInstance.of(id,
                SingleResource.ofInteger(AccessControl.OBJECT_ID, objectId),
                SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, objectInstanceId),
                new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, values),
                SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, owner));
    }
}
