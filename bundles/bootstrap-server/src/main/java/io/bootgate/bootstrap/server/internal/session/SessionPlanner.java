/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bsserver.AccessControlWrite;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.objects.InvalidObjectInstanceException;
import io.bootgate.api.objects.ResourceReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a config, and what the session learnt from the client, into the Delete and Write operations of a
 * session (Finish excluded). A pure function, so every numbering and clean-up rule is tested without a client.
 */
public final class SessionPlanner {

    /** Instance numbering without a Discover: the client's bootstrap account is conventionally /0/0. */
    private static final int FIRST_SECURITY_WITHOUT_DISCOVER = 1;

    private SessionPlanner() {}

    /**
     * @param layout the Discover answer, if the session has one
     * @param accessControl the Bootstrap-Read of /2, if the session has one (needed by the initialization option)
     * @throws PlanException when the config cannot be applied to this client
     */
    public static List<DeviceOperation> plan(
            BootstrapConfig config, Optional<ClientLayout> layout, Optional<LwM2mObject> accessControl)
            throws PlanException {
        List<DeviceOperation> ops = new ArrayList<>();
        Occupancy occupancy = new Occupancy(layout, config);

        if (!config.resetServers().isEmpty()) {
            if (layout.isEmpty()) {
                throw new PlanException("the initialization option (reset of servers " + config.resetServers()
                        + ") needs the client's Bootstrap-Discover answer, which is missing");
            }
            reset(config, layout.get(), accessControl, ops, occupancy);
        }

        for (LwM2mPath delete : config.deletes()) {
            ops.add(new DeviceOperation.Delete(delete));
            occupancy.deleted(delete);
        }

        for (ServerAccount account : config.servers()) {
            int security = pick(account.securityInstanceId(), Security.ID, account.shortServerId(), occupancy);
            if (occupancy.bootstrapInstance().isPresent()
                    && security == occupancy.bootstrapInstance().getAsInt()) {
                throw new PlanException("server " + account.shortServerId() + " is configured for Security instance /0/"
                        + security + ", which holds the client's Bootstrap-Server account");
            }
            replace(ops, occupancy, Security.ID, security, account.securityInstance(security));
            int server = pick(account.serverInstanceId(), Server.ID, account.shortServerId(), occupancy);
            replace(ops, occupancy, Server.ID, server, account.serverInstance(server));
        }

        Map<List<Integer>, Integer> aclByTarget = aclTargets(accessControl, occupancy);
        for (AccessControlWrite acl : config.accessControl()) {
            int id;
            if (acl.instanceId().isPresent()) {
                id = acl.instanceId().getAsInt();
            } else {
                Integer existing = aclByTarget.get(List.of(
                        acl.accessControl().objectId(), acl.accessControl().objectInstanceId()));
                id = existing != null ? existing : occupancy.allocate(AccessControl.ID);
            }
            replace(ops, occupancy, AccessControl.ID, id, acl.instanceAt(id).toObjectInstance());
        }

        for (BootstrapWrite write : config.writes()) {
            ops.add(new DeviceOperation.Write(write.path(), write.node()));
        }
        return ops;
    }

    /** The explicit id, else the instance the server already has, else the lowest free one. */
    private static int pick(OptionalInt explicit, int objectId, int ssid, Occupancy occupancy) {
        if (explicit.isPresent()) {
            return explicit.getAsInt();
        }
        OptionalInt existing = occupancy.instanceOfServer(objectId, ssid);
        return existing.isPresent() ? existing.getAsInt() : occupancy.allocate(objectId);
    }

    /**
     * Writes an instance; one the client still has is deleted first, because whether a Bootstrap-Write on an
     * existing instance replaces or merges its resources differs between clients, and a stale resource (an old
     * certificate usage, an old ACL entry) must not survive.
     */
    private static void replace(
            List<DeviceOperation> ops, Occupancy occupancy, int objectId, int instanceId, ObjectInstance instance) {
        LwM2mPath path = LwM2mPath.of(objectId, instanceId);
        if (occupancy.isOccupied(objectId, instanceId) && !occupancy.isAllocatedHere(objectId, instanceId)) {
            ops.add(new DeviceOperation.Delete(path));
        }
        occupancy.occupy(objectId, instanceId);
        ops.add(new DeviceOperation.Write(path, instance));
    }

    /**
     * The initialization option: removes each reset server's Security and Server instances and every trace of
     * it in the Access Control object, as unbootstrapping (Core E.1.3) would, so the result does not depend on
     * the client implementing it.
     */
    private static void reset(
            BootstrapConfig config,
            ClientLayout layout,
            Optional<LwM2mObject> accessControl,
            List<DeviceOperation> ops,
            Occupancy occupancy) {
        Set<Integer> resetIds = new HashSet<>(config.resetServers());
        Set<Integer> deletedSecurity = new TreeSet<>();
        Set<Integer> deletedServer = new TreeSet<>();
        for (int ssid : config.resetServers()) {
            for (int instance : layout.instancesOfServer(Security.ID, ssid)) {
                ops.add(new DeviceOperation.Delete(LwM2mPath.of(Security.ID, instance)));
                occupancy.free(Security.ID, instance);
                deletedSecurity.add(instance);
            }
            for (int instance : layout.instancesOfServer(Server.ID, ssid)) {
                ops.add(new DeviceOperation.Delete(LwM2mPath.of(Server.ID, instance)));
                occupancy.free(Server.ID, instance);
                deletedServer.add(instance);
            }
        }
        if (accessControl.isEmpty()) {
            return;
        }
        for (ObjectInstance instance : accessControl.get().instances().values()) {
            LwM2mPath path = LwM2mPath.of(AccessControl.ID, instance.id());
            AccessControlInstance read;
            try {
                read = AccessControlInstance.from(instance);
            } catch (InvalidObjectInstanceException unreadable) {
                // An instance that names no object instance or owner cannot be cleaned consistently; the client
                // keeps it as it is, as it keeps any instance that does not name a reset server.
                continue;
            }
            boolean governsDeleted = read.objectId() == Security.ID && deletedSecurity.contains(read.objectInstanceId())
                    || read.objectId() == Server.ID && deletedServer.contains(read.objectInstanceId());
            if (governsDeleted) {
                ops.add(new DeviceOperation.Delete(path));
                occupancy.free(AccessControl.ID, instance.id());
                continue;
            }
            boolean named =
                    read.acl().keySet().stream().anyMatch(resetIds::contains) || resetIds.contains(read.owner());
            if (!named) {
                continue;
            }
            SortedMap<Integer, AccessRights> cleaned = new TreeMap<>(read.acl());
            cleaned.keySet().removeAll(resetIds);
            int newOwner = !resetIds.contains(read.owner()) ? read.owner() : electOwner(cleaned);
            // Deleted first: a Bootstrap-Write that merged resource instances would keep the removed entry.
            ops.add(new DeviceOperation.Delete(path));
            ops.add(new DeviceOperation.Write(
                    path, read.withAcl(cleaned).withOwner(newOwner).toObjectInstance()));
        }
    }

    /**
     * Core E.1.3: the new owner is the server with the highest sum of Write and Delete rights (one each);
     * ties go to the lowest Short Server ID; without any other server, only the bootstrap server manages the
     * instance.
     */
    static int electOwner(SortedMap<Integer, AccessRights> acl) {
        int best = AccessControl.OWNER_BOOTSTRAP_ONLY;
        int bestScore = -1;
        for (Map.Entry<Integer, AccessRights> e : acl.entrySet()) {
            if (e.getKey() == AccessControl.DEFAULT_ACL_INSTANCE) {
                continue;
            }
            int score = e.getValue().writePlusDelete();
            if (score > bestScore) {
                best = e.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    /** Existing Access Control instances that survive the session so far, by (object id, instance id) target. */
    private static Map<List<Integer>, Integer> aclTargets(Optional<LwM2mObject> accessControl, Occupancy occupancy) {
        Map<List<Integer>, Integer> byTarget = new HashMap<>();
        if (accessControl.isEmpty()) {
            return byTarget;
        }
        for (ObjectInstance instance : accessControl.get().instances().values()) {
            OptionalLong target = ResourceReader.integer(instance, AccessControl.OBJECT_ID);
            OptionalLong targetInstance = ResourceReader.integer(instance, AccessControl.OBJECT_INSTANCE_ID);
            if (target.isPresent()
                    && targetInstance.isPresent()
                    && occupancy.isOccupied(AccessControl.ID, instance.id())) {
                byTarget.putIfAbsent(
                        List.of((int) target.getAsLong(), (int) targetInstance.getAsLong()), instance.id());
            }
        }
        return byTarget;
    }

    /**
     * Which instance ids of /0, /1 and /2 are in use on the client as the planned operations go, and which
     * Short Server ID each Security and Server instance belongs to.
     */
    private static final class Occupancy {
        private final boolean known;
        private final OptionalInt bootstrapInstance;
        private final Map<Integer, TreeSet<Integer>> occupied = new HashMap<>();
        private final Map<Integer, Set<Integer>> allocatedHere = new HashMap<>();
        /** Ids the config names explicitly: never handed out to an instance without id. */
        private final Map<Integer, Set<Integer>> reserved = new HashMap<>();

        private final ClientLayout layout;

        Occupancy(Optional<ClientLayout> layout, BootstrapConfig config) {
            this.known = layout.isPresent();
            this.layout = layout.orElse(null);
            this.bootstrapInstance =
                    layout.map(ClientLayout::bootstrapSecurityInstance).orElse(OptionalInt.empty());
            for (int objectId : List.of(Security.ID, Server.ID, AccessControl.ID)) {
                occupied.put(
                        objectId,
                        new TreeSet<>(layout.map(l -> l.instances(objectId)).orElse(new TreeSet<>())));
                allocatedHere.put(objectId, new HashSet<>());
                reserved.put(objectId, new HashSet<>());
            }
            for (ServerAccount account : config.servers()) {
                account.securityInstanceId()
                        .ifPresent(id -> reserved.get(Security.ID).add(id));
                account.serverInstanceId()
                        .ifPresent(id -> reserved.get(Server.ID).add(id));
            }
            for (AccessControlWrite acl : config.accessControl()) {
                acl.instanceId().ifPresent(id -> reserved.get(AccessControl.ID).add(id));
            }
            if (!known) {
                // Without a Discover the bootstrap account's instance is unknown: keep the conventional /0/0 free.
                reserved.get(Security.ID).add(FIRST_SECURITY_WITHOUT_DISCOVER - 1);
            }
        }

        OptionalInt bootstrapInstance() {
            return bootstrapInstance;
        }

        void deleted(LwM2mPath path) {
            if (path.isRoot()) {
                for (int objectId : occupied.keySet()) {
                    clear(objectId);
                }
            } else if (path.isObject()) {
                if (occupied.containsKey(path.objectId())) {
                    clear(path.objectId());
                }
            } else if (path.isObjectInstance()) {
                free(path.objectId(), path.instanceId());
            }
        }

        /** Bootstrap-Delete never removes the Bootstrap-Server account. */
        private void clear(int objectId) {
            TreeSet<Integer> ids = occupied.get(objectId);
            ids.clear();
            if (objectId == Security.ID && bootstrapInstance.isPresent()) {
                ids.add(bootstrapInstance.getAsInt());
            }
        }

        void free(int objectId, int instanceId) {
            TreeSet<Integer> ids = occupied.get(objectId);
            if (ids != null
                    && !(objectId == Security.ID
                            && bootstrapInstance.isPresent()
                            && bootstrapInstance.getAsInt() == instanceId)) {
                ids.remove(instanceId);
            }
        }

        boolean isOccupied(int objectId, int instanceId) {
            return occupied.get(objectId).contains(instanceId);
        }

        boolean isAllocatedHere(int objectId, int instanceId) {
            return allocatedHere.get(objectId).contains(instanceId);
        }

        void occupy(int objectId, int instanceId) {
            if (!occupied.get(objectId).contains(instanceId)) {
                allocatedHere.get(objectId).add(instanceId);
            }
            occupied.get(objectId).add(instanceId);
        }

        /** The surviving instance of that object whose ssid is {@code ssid}, if the Discover told of one. */
        OptionalInt instanceOfServer(int objectId, int ssid) {
            if (!known) {
                return OptionalInt.empty();
            }
            for (int id : layout.instancesOfServer(objectId, ssid)) {
                if (occupied.get(objectId).contains(id)
                        && !allocatedHere.get(objectId).contains(id)) {
                    return OptionalInt.of(id);
                }
            }
            return OptionalInt.empty();
        }

        /** The lowest id that is neither in use nor reserved by the config; marks it in use. */
        int allocate(int objectId) {
            int id = 0;
            while (occupied.get(objectId).contains(id) || reserved.get(objectId).contains(id)) {
                id++;
            }
            if (id > LwM2mPath.MAX_ID) {
                throw new IllegalStateException("no free instance id in object " + objectId);
            }
            allocatedHere.get(objectId).add(id);
            occupied.get(objectId).add(id);
            return id;
        }
    }
}
