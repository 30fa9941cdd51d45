/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkAttribute;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An in-memory LwM2M 1.1 client at the level of bootstrap operations: it keeps an object tree and applies
 * Discover, Read, Delete, Write and Finish as the specification describes (Delete never removes the bootstrap
 * account, Finish checks consistency and answers 4.06). It does not implement unbootstrapping, like many real
 * clients, so the tests see what the server itself cleans up. Tests can make it fail or hold an operation.
 */
final class SimulatedClient implements DeviceChannel {

    private final SortedMap<Integer, SortedMap<Integer, ObjectInstance>> objects = new TreeMap<>();
    private final List<DeviceOperation> received = Collections.synchronizedList(new ArrayList<>());
    private final List<ContentFormat> formats = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<DeviceOperation, ResponseCode> failure = op -> null;
    private volatile Predicate<DeviceOperation> hold = op -> false;
    final List<CompletableFuture<DeviceResult>> held = Collections.synchronizedList(new ArrayList<>());

    SimulatedClient() {
        for (int id : List.of(0, 1, 2, 3)) {
            objects.put(id, new TreeMap<>());
        }
        // The bootstrap account at /0/0, and the device object.
        put(
                0,
                ObjectInstance.of(
                        0,
                        SingleResource.ofString(Security.SERVER_URI, "coaps://bs.example"),
                        SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true),
                        SingleResource.ofInteger(Security.SECURITY_MODE, 1)));
        put(3, ObjectInstance.of(0, SingleResource.ofString(0, "Bootgate test")));
    }

    synchronized void put(int objectId, ObjectInstance instance) {
        objects.get(objectId).put(instance.id(), instance);
    }

    synchronized SortedMap<Integer, ObjectInstance> object(int objectId) {
        return new TreeMap<>(objects.get(objectId));
    }

    List<DeviceOperation> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    void clearReceived() {
        received.clear();
    }

    List<ContentFormat> formats() {
        synchronized (formats) {
            return List.copyOf(formats);
        }
    }

    /** Answers an operation with this code instead of applying it, when the function gives one. */
    void failWith(Function<DeviceOperation, ResponseCode> failure) {
        this.failure = failure;
    }

    /** Never answers operations matching this (until the test completes {@link #held}). */
    void hold(Predicate<DeviceOperation> hold) {
        this.hold = hold;
    }

    @Override
    public CompletionStage<DeviceResult> execute(DeviceOperation operation, ContentFormat format) {
        received.add(operation);
        formats.add(format);
        if (hold.test(operation)) {
            CompletableFuture<DeviceResult> future = new CompletableFuture<>();
            held.add(future);
            return future;
        }
        ResponseCode code = failure.apply(operation);
        if (code != null) {
            return CompletableFuture.completedFuture(DeviceResult.error(code, "simulated failure"));
        }
        synchronized (this) {
            return CompletableFuture.completedFuture(apply(operation));
        }
    }

    private DeviceResult apply(DeviceOperation operation) {
        LwM2mPath path = operation.path();
        if (operation instanceof DeviceOperation.Discover) {
            return discover();
        }
        if (operation instanceof DeviceOperation.Read) {
            SortedMap<Integer, ObjectInstance> object = objects.get(path.objectId());
            if (object == null) {
                return DeviceResult.of(ResponseCode.NOT_FOUND);
            }
            if (path.isObject()) {
                return DeviceResult.content(LwM2mObject.of(path.objectId(), object.values()));
            }
            ObjectInstance instance = object.get(path.instanceId());
            return instance == null ? DeviceResult.of(ResponseCode.NOT_FOUND) : DeviceResult.content(instance);
        }
        if (operation instanceof DeviceOperation.Delete) {
            delete(path);
            return DeviceResult.of(ResponseCode.DELETED);
        }
        if (operation instanceof DeviceOperation.Write write) {
            write(path, write.node());
            return DeviceResult.of(ResponseCode.CHANGED);
        }
        return finish();
    }

    private DeviceResult discover() {
        List<Link> links = new ArrayList<>();
        links.add(Link.of(LwM2mPath.root(), LinkAttribute.of("lwm2m", "1.1")));
        objects.forEach((objectId, instances) -> {
            if (instances.isEmpty()) {
                links.add(Link.of(LwM2mPath.of(objectId)));
            }
            instances.forEach((instanceId, instance) -> {
                List<LinkAttribute> attributes = new ArrayList<>();
                if (objectId == Security.ID && !isBootstrap(instance)) {
                    instance.value(Security.SHORT_SERVER_ID)
                            .ifPresent(v -> attributes.add(LinkAttribute.of("ssid", Long.toString(v.longValue()))));
                } else if (objectId == Server.ID) {
                    instance.value(Server.SHORT_SERVER_ID)
                            .ifPresent(v -> attributes.add(LinkAttribute.of("ssid", Long.toString(v.longValue()))));
                }
                links.add(new Link(LwM2mPath.of(objectId, instanceId).toString(), attributes));
            });
        });
        StringBuilder text = new StringBuilder();
        links.forEach(l -> text.append(text.length() == 0 ? "" : ",").append(l));
        return DeviceResult.discovered(links, text.toString());
    }

    private static boolean isBootstrap(ObjectInstance security) {
        return security.value(Security.BOOTSTRAP_SERVER)
                .map(v -> v.booleanValue())
                .orElse(false);
    }

    private void delete(LwM2mPath path) {
        for (Map.Entry<Integer, SortedMap<Integer, ObjectInstance>> e : objects.entrySet()) {
            if (!path.isRoot() && e.getKey() != path.objectId()) {
                continue;
            }
            e.getValue().entrySet().removeIf(instance -> {
                boolean protectedInstance = e.getKey() == Security.ID && isBootstrap(instance.getValue())
                        || e.getKey() == 3 && instance.getKey() == 0;
                boolean targeted = !path.isObjectInstance() || instance.getKey() == path.instanceId();
                return targeted && !protectedInstance;
            });
        }
    }

    private void write(LwM2mPath path, LwM2mNode node) {
        SortedMap<Integer, ObjectInstance> object = objects.computeIfAbsent(path.objectId(), id -> new TreeMap<>());
        if (node instanceof LwM2mObject o) {
            object.putAll(o.instances());
        } else if (node instanceof ObjectInstance instance) {
            // Merges into an existing instance, as some clients do: the server must delete first to replace.
            ObjectInstance existing = object.get(instance.id());
            ObjectInstance merged = existing == null ? instance : existing;
            if (existing != null) {
                for (Resource r : instance.resources().values()) {
                    merged = merged.with(r);
                }
            }
            object.put(instance.id(), merged);
        } else if (node instanceof Resource resource) {
            ObjectInstance existing = object.getOrDefault(path.instanceId(), ObjectInstance.of(path.instanceId()));
            object.put(path.instanceId(), existing.with(resource));
        }
    }

    private DeviceResult finish() {
        Set<Long> serverSsids = new HashSet<>();
        objects.get(Server.ID).values().forEach(s -> s.value(Server.SHORT_SERVER_ID)
                .ifPresent(v -> serverSsids.add(v.longValue())));
        int bootstrapAccounts = 0;
        for (ObjectInstance security : objects.get(Security.ID).values()) {
            if (isBootstrap(security)) {
                bootstrapAccounts++;
                continue;
            }
            long ssid = security.value(Security.SHORT_SERVER_ID)
                    .map(v -> v.longValue())
                    .orElse(-1L);
            if (!serverSsids.contains(ssid)) {
                return DeviceResult.error(
                        ResponseCode.NOT_ACCEPTABLE, "security /0 of server " + ssid + " has no server instance");
            }
        }
        if (bootstrapAccounts > 1 || serverSsids.isEmpty()) {
            return DeviceResult.error(ResponseCode.NOT_ACCEPTABLE, "inconsistent");
        }
        return DeviceResult.of(ResponseCode.CHANGED);
    }

    /** The ACL entries (resource 2) of every Access Control instance, for assertions. */
    synchronized List<Set<Integer>> aclEntries() {
        List<Set<Integer>> entries = new ArrayList<>();
        for (ObjectInstance acl : objects.get(2).values()) {
            Resource r = acl.resources().get(2);
            entries.add(
                    r instanceof io.bootgate.api.model.MultipleResource m
                            ? Set.copyOf(m.values().keySet())
                            : Set.of());
        }
        return entries;
    }
}
