/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.acl;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.acl.AccessDecision;
import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.acl.Operation;
import io.bootgate.api.acl.Requester;
import io.bootgate.api.acl.UnbootstrapReport;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.objects.InvalidObjectInstanceException;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.WriteMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LwM2M access control rules of {@link AccessControlService}; stateless and thread-safe. See the
 * interface for the rules in order.
 */
public class DefaultAccessControl implements AccessControlService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultAccessControl.class);

    @Override
    public AccessDecision check(TreeView tree, Requester requester, Operation operation, LwM2mPath target) {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        if (!requester.isManagementServer()) {
            return AccessDecision.grant(requester + " is not constrained by access control");
        }
        if (target.isRoot()) {
            return AccessDecision.deny(ResponseCode.METHOD_NOT_ALLOWED, "no management operation targets the root");
        }
        int ssid = requester.ssid();
        int objectId = target.objectId();
        if (objectId == Security.ID) {
            return AccessDecision.deny(
                    ResponseCode.UNAUTHORIZED, "the Security object is never accessible to management servers");
        }
        SortedSet<Integer> servers = serverIds(tree);
        if (!servers.contains(ssid)) {
            return AccessDecision.deny(
                    ResponseCode.UNAUTHORIZED,
                    "server " + ssid + " has no Server instance on endpoint " + tree.endpoint());
        }
        if (target.isObject()) {
            return objectDecision(tree, servers, ssid, operation, objectId);
        }
        if (operation == Operation.CREATE) {
            return AccessDecision.deny(ResponseCode.METHOD_NOT_ALLOWED, "Create targets an object, not " + target);
        }
        int instanceId = target.instanceId();
        if (objectId == AccessControl.ID) {
            return accessControlInstanceDecision(tree, ssid, operation, instanceId);
        }
        if (operation == Operation.DISCOVER) {
            return AccessDecision.grant("Discover needs no access right");
        }
        if (servers.size() == 1) {
            return AccessDecision.grant("server " + ssid + " is the only server: full access");
        }
        Optional<AccessControlInstance> ac = accessControlFor(tree, objectId, instanceId);
        if (ac.isEmpty()) {
            return AccessDecision.deny(
                    ResponseCode.UNAUTHORIZED,
                    "no Access Control instance names /" + objectId + "/" + instanceId
                            + ": no server but the bootstrap server may access it");
        }
        AccessRights rights = ac.get().rightsOf(ssid);
        String source = source(ac.get(), ssid);
        return rights.allows(operation)
                ? AccessDecision.grant(operation + " allowed by " + source + " (" + rights + ")")
                : AccessDecision.deny(
                        ResponseCode.UNAUTHORIZED,
                        operation + " needs a right that " + source + " (" + rights + ") does not grant");
    }

    private AccessDecision objectDecision(
            TreeView tree, SortedSet<Integer> servers, int ssid, Operation operation, int objectId) {
        return switch (operation) {
            case WRITE, EXECUTE, DELETE -> AccessDecision.deny(
                    ResponseCode.METHOD_NOT_ALLOWED, operation + " on a whole object is not allowed");
            case DISCOVER, WRITE_ATTRIBUTES -> AccessDecision.grant(operation + " on an object needs no right");
            case READ, OBSERVE -> AccessDecision.grant(
                    operation + " on an object returns only the instances the " + "server may read");
            case CREATE -> createDecision(tree, servers, ssid, objectId);
        };
    }

    private AccessDecision createDecision(TreeView tree, SortedSet<Integer> servers, int ssid, int objectId) {
        if (objectId == AccessControl.ID) {
            return AccessDecision.deny(
                    ResponseCode.METHOD_NOT_ALLOWED,
                    "Access Control instances are created by the client, not by servers");
        }
        if (servers.size() == 1) {
            return AccessDecision.grant("server " + ssid + " is the only server: full access");
        }
        Optional<AccessControlInstance> ac = accessControlFor(tree, objectId, AccessControl.OBJECT_LEVEL);
        if (ac.isEmpty()) {
            return AccessDecision.deny(
                    ResponseCode.UNAUTHORIZED,
                    "no object-level Access Control instance for object " + objectId
                            + ": no server may create instances");
        }
        AccessRights own = ac.get().acl().get(ssid);
        if (own != null && own.has(AccessRights.CREATE)) {
            return AccessDecision.grant(
                    "Create allowed by ACL entry " + ssid + " of " + ac.get().path());
        }
        return AccessDecision.deny(
                ResponseCode.UNAUTHORIZED,
                "server " + ssid + " has no Create right in its own ACL " + "entry of "
                        + ac.get().path() + " (default rights do not grant Create)");
    }

    private AccessDecision accessControlInstanceDecision(TreeView tree, int ssid, Operation operation, int instanceId) {
        if (operation == Operation.DELETE) {
            return AccessDecision.deny(
                    ResponseCode.METHOD_NOT_ALLOWED,
                    "Access Control instances are deleted by the client with the instance they name");
        }
        Optional<Integer> owner = tree.instance(AccessControl.ID, instanceId)
                .map(i -> ResourceReader.integer(i, AccessControl.ACCESS_CONTROL_OWNER))
                .filter(OptionalLong::isPresent)
                .map(v -> (int) v.getAsLong());
        if (owner.isPresent() && owner.get() == ssid) {
            return AccessDecision.grant("server " + ssid + " is the Access Control Owner of /2/" + instanceId);
        }
        return AccessDecision.deny(
                ResponseCode.UNAUTHORIZED,
                "/2/" + instanceId + " is managed only by its Access " + "Control Owner "
                        + owner.map(String::valueOf).orElse("(none)") + ", not by server " + ssid);
    }

    private static String source(AccessControlInstance ac, int ssid) {
        if (ac.acl().containsKey(ssid)) {
            return "ACL entry " + ssid + " of " + ac.path();
        }
        if (ac.owner() == ssid) {
            return "ownership of " + ac.path() + " without an ACL entry";
        }
        return ac.acl().containsKey(AccessControl.DEFAULT_ACL_INSTANCE)
                ? "default ACL entry 0 of " + ac.path()
                : "the absence of an ACL entry in " + ac.path();
    }

    @Override
    public AccessRights rights(TreeView tree, int ssid, int objectId, int instanceId) {
        Requester.checkSsid(ssid);
        if (objectId == Security.ID) {
            return AccessRights.NONE;
        }
        SortedSet<Integer> servers = serverIds(tree);
        if (!servers.contains(ssid)) {
            return AccessRights.NONE;
        }
        if (objectId == AccessControl.ID) {
            return accessControlInstanceDecision(tree, ssid, Operation.READ, instanceId)
                            .granted()
                    ? AccessRights.FULL
                    : AccessRights.NONE;
        }
        if (servers.size() == 1) {
            return AccessRights.FULL;
        }
        return accessControlFor(tree, objectId, instanceId)
                .map(ac -> ac.rightsOf(ssid))
                .orElse(AccessRights.NONE);
    }

    @Override
    public SortedSet<Integer> instancesAllowing(TreeView tree, int ssid, int objectId, Operation operation) {
        Requester requester = Requester.server(ssid);
        TreeSet<Integer> allowed = new TreeSet<>();
        tree.object(objectId).ifPresent(object -> {
            for (int instanceId : object.instances().keySet()) {
                if (check(tree, requester, operation, LwM2mPath.of(objectId, instanceId))
                        .granted()) {
                    allowed.add(instanceId);
                }
            }
        });
        return Collections.unmodifiableSortedSet(allowed);
    }

    // ---- Access Control instance upkeep

    @Override
    public LwM2mPath createInstance(StoreTransaction tx, int creatorSsid, int objectId, ObjectInstance instance) {
        Requester.checkSsid(creatorSsid);
        if (objectId == AccessControl.ID || objectId == Security.ID) {
            throw new IllegalArgumentException("management servers do not create instances of object " + objectId);
        }
        tx.create(objectId, instance);
        deleteAccessControlFor(tx, objectId, instance.id(), new ArrayList<>());
        int id = tx.nextInstanceId(AccessControl.ID);
        // Written without an ACL resource: an empty ACL leaves the owner full rights and others none.
        tx.create(
                AccessControl.ID,
                AccessControlInstance.of(id, objectId, instance.id(), creatorSsid)
                        .toObjectInstance()
                        .without(AccessControl.ACL));
        LOG.debug(
                "endpoint {}: /{}/{} created by server {}, Access Control instance /2/{}",
                tx.endpoint(),
                objectId,
                instance.id(),
                creatorSsid,
                id);
        return LwM2mPath.of(AccessControl.ID, id);
    }

    @Override
    public boolean deleteInstance(StoreTransaction tx, LwM2mPath instance) {
        if (!instance.isObjectInstance()) {
            throw new IllegalArgumentException("not an object instance path: " + instance);
        }
        boolean existed = tx.delete(instance);
        deleteAccessControlFor(tx, instance.objectId(), instance.instanceId(), new ArrayList<>());
        return existed;
    }

    private static void deleteAccessControlFor(
            StoreTransaction tx, int objectId, int instanceId, List<LwM2mPath> deleted) {
        for (AccessControlInstance ac : accessControlInstances(tx)) {
            if (ac.names(objectId, instanceId) && tx.delete(ac.path())) {
                deleted.add(ac.path());
            }
        }
    }

    // ---- unbootstrapping (Core E.1.3)

    @Override
    public UnbootstrapReport removeServer(StoreTransaction tx, int ssid) {
        Requester.checkSsid(ssid);
        TreeSet<Integer> remaining = new TreeSet<>(serverIds(tx));
        remaining.remove(ssid);
        List<LwM2mPath> accountInstances = accountInstances(tx, ssid);
        List<LwM2mPath> deleted = new ArrayList<>();
        List<LwM2mPath> removedEntries = new ArrayList<>();
        SortedMap<LwM2mPath, Integer> newOwners = new TreeMap<>();

        for (AccessControlInstance ac : accessControlInstances(tx)) {
            boolean owner = ac.owner() == ssid;
            boolean entry = ac.acl().containsKey(ssid);
            if (!owner && !entry
                    || tx.instance(AccessControl.ID, ac.instanceId()).isEmpty()
                    || ac.target().filter(accountInstances::contains).isPresent()) {
                // Not concerned, already gone, or going with the server's own account instances below.
                continue;
            }
            TreeMap<Integer, AccessRights> acl = new TreeMap<>(ac.acl());
            acl.remove(ssid);
            if (!owner) {
                tx.write(
                        LwM2mPath.of(AccessControl.ID, ac.instanceId(), AccessControl.ACL),
                        AccessControlInstance.aclResource(acl),
                        WriteMode.REPLACE);
                removedEntries.add(LwM2mPath.of(AccessControl.ID, ac.instanceId(), AccessControl.ACL, ssid));
                continue;
            }
            SortedMap<Integer, AccessRights> keeping = keptRights(acl, remaining);
            if (keeping.isEmpty()) {
                onlyThisServerCouldAccess(tx, ac, remaining, deleted);
                continue;
            }
            int elected = elect(keeping);
            // An owner without an entry of its own has full rights: pin the rights it had.
            acl.putIfAbsent(elected, keeping.get(elected));
            tx.write(
                    LwM2mPath.of(AccessControl.ID, ac.instanceId(), AccessControl.ACL),
                    AccessControlInstance.aclResource(acl),
                    WriteMode.REPLACE);
            tx.write(
                    LwM2mPath.of(AccessControl.ID, ac.instanceId(), AccessControl.ACCESS_CONTROL_OWNER),
                    SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, elected),
                    WriteMode.REPLACE);
            newOwners.put(ac.path(), elected);
            if (entry) {
                removedEntries.add(LwM2mPath.of(AccessControl.ID, ac.instanceId(), AccessControl.ACL, ssid));
            }
        }
        for (LwM2mPath account : accountInstances) {
            if (tx.delete(account)) {
                deleted.add(account);
            }
            deleteAccessControlFor(tx, account.objectId(), account.instanceId(), deleted);
        }
        Collections.sort(deleted);
        UnbootstrapReport report = new UnbootstrapReport(ssid, deleted, removedEntries, newOwners);
        LOG.info(
                "endpoint {}: server {} unbootstrapped: deleted {}, ACL entries removed {}, new owners {}",
                tx.endpoint(),
                ssid,
                deleted,
                removedEntries,
                newOwners);
        return report;
    }

    /** The rights each remaining server keeps on the instance once the removed server's entry is gone. */
    private static SortedMap<Integer, AccessRights> keptRights(
            Map<Integer, AccessRights> acl, SortedSet<Integer> remaining) {
        TreeMap<Integer, AccessRights> keeping = new TreeMap<>();
        AccessRights fallback = acl.getOrDefault(AccessControl.DEFAULT_ACL_INSTANCE, AccessRights.NONE);
        for (int server : remaining) {
            AccessRights rights = acl.getOrDefault(server, fallback);
            if (!rights.isNone()) {
                keeping.put(server, rights);
            }
        }
        return keeping;
    }

    /** Highest Write + Delete score; on a tie the lowest Short Server ID, so the outcome is reproducible. */
    private static int elect(SortedMap<Integer, AccessRights> candidates) {
        return candidates.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, AccessRights>>comparingInt(
                                e -> e.getValue().writePlusDelete())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow()
                .getKey();
    }

    /**
     * E.1.3 step 1: the instance and its Access Control instance go. Instances that must outlive any server
     * account stay: the Device instance /3/0, Security instances (never governed by ACLs) and the Server
     * instances of other servers, which would otherwise lose their account; only their Access Control
     * instance goes, leaving them to the bootstrap server.
     */
    private static void onlyThisServerCouldAccess(
            StoreTransaction tx, AccessControlInstance ac, SortedSet<Integer> remaining, List<LwM2mPath> deleted) {
        Optional<LwM2mPath> target = ac.target();
        if (target.isPresent() && !kept(tx, ac, remaining)) {
            if (tx.delete(target.get())) {
                deleted.add(target.get());
            }
            deleteAccessControlFor(tx, ac.objectId(), ac.objectInstanceId(), deleted);
        } else if (tx.delete(ac.path())) {
            deleted.add(ac.path());
        }
    }

    private static boolean kept(StoreTransaction tx, AccessControlInstance ac, SortedSet<Integer> remaining) {
        if (ac.objectId() == Security.ID || ac.objectId() == Device.ID && ac.objectInstanceId() == 0) {
            return true;
        }
        if (ac.objectId() == Server.ID) {
            Optional<Integer> owner =
                    tx.instance(Server.ID, ac.objectInstanceId()).flatMap(DefaultAccessControl::ssidOf);
            return owner.isPresent() && remaining.contains(owner.get());
        }
        return false;
    }

    /** The Server instances and the management Security instances of a server. */
    private static List<LwM2mPath> accountInstances(TreeView tree, int ssid) {
        List<LwM2mPath> paths = new ArrayList<>();
        tree.object(Server.ID).ifPresent(servers -> servers.instances().values().stream()
                .filter(i -> ssidOf(i).filter(s -> s == ssid).isPresent())
                .forEach(i -> paths.add(LwM2mPath.of(Server.ID, i.id()))));
        tree.object(Security.ID).ifPresent(accounts -> accounts.instances().values().stream()
                .filter(i -> !ResourceReader.bool(i, Security.BOOTSTRAP_SERVER).orElse(false))
                .filter(i -> ResourceReader.integer(i, Security.SHORT_SERVER_ID).orElse(-1) == ssid)
                .forEach(i -> paths.add(LwM2mPath.of(Security.ID, i.id()))));
        return paths;
    }

    // ---- reading the tree

    private static Optional<Integer> ssidOf(ObjectInstance server) {
        OptionalLong ssid = ResourceReader.integer(server, Server.SHORT_SERVER_ID);
        return ssid.isPresent() && ssid.getAsLong() >= 1 && ssid.getAsLong() <= 65534
                ? Optional.of((int) ssid.getAsLong())
                : Optional.empty();
    }

    /** Short Server IDs of the Server instances: the management servers of the endpoint. */
    static SortedSet<Integer> serverIds(TreeView tree) {
        TreeSet<Integer> ids = new TreeSet<>();
        ResourceReader.instances(tree, Server.ID).values().forEach(i -> ssidOf(i)
                .ifPresent(ids::add));
        return ids;
    }

    /**
     * The Access Control instances that name an object instance. One that cannot be read names nothing and is
     * skipped; a missing or unreadable owner counts as 65535 (bootstrap only), the reading that grants nobody
     * anything by accident.
     */
    private static List<AccessControlInstance> accessControlInstances(TreeView tree) {
        List<AccessControlInstance> result = new ArrayList<>();
        for (ObjectInstance instance :
                ResourceReader.instances(tree, AccessControl.ID).values()) {
            try {
                result.add(AccessControlInstance.from(withReadableOwner(instance)));
            } catch (InvalidObjectInstanceException e) {
                LOG.debug(
                        "endpoint {}: Access Control instance /2/{} ignored: {}",
                        tree.endpoint(),
                        instance.id(),
                        e.getMessage());
            }
        }
        return result;
    }

    private static ObjectInstance withReadableOwner(ObjectInstance instance) {
        OptionalLong owner = ResourceReader.integer(instance, AccessControl.ACCESS_CONTROL_OWNER);
        return owner.isPresent() && owner.getAsLong() >= 0 && owner.getAsLong() <= AccessControl.OWNER_BOOTSTRAP_ONLY
                ? instance
                : instance.with(SingleResource.ofInteger(
                        AccessControl.ACCESS_CONTROL_OWNER, AccessControl.OWNER_BOOTSTRAP_ONLY));
    }

    /** The Access Control instance naming an object instance; with duplicates, the lowest id decides. */
    private static Optional<AccessControlInstance> accessControlFor(TreeView tree, int objectId, int instanceId) {
        return accessControlInstances(tree).stream()
                .filter(ac -> ac.names(objectId, instanceId))
                .findFirst();
    }
}
