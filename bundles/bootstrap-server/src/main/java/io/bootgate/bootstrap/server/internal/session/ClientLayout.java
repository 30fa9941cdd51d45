/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.codec.Link;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.StandardObjects;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a Bootstrap-Discover of {@code /} told about the client: its object instances and, for Security and
 * Server instances, their Short Server ID ({@code ssid} attribute). The Bootstrap-Server account is the
 * Security instance without {@code ssid}.
 */
public final class ClientLayout {

    private static final int NO_SSID = -1;

    /** objectId → instanceId → ssid (or NO_SSID). */
    private final SortedMap<Integer, SortedMap<Integer, Integer>> instances;

    private ClientLayout(SortedMap<Integer, SortedMap<Integer, Integer>> instances) {
        this.instances = instances;
    }

    /**
     * @throws IllegalArgumentException for an {@code ssid} that is not a number
     */
    public static ClientLayout fromLinks(List<Link> links) {
        SortedMap<Integer, SortedMap<Integer, Integer>> instances = new TreeMap<>();
        for (Link link : links) {
            LwM2mPath path = link.lwm2mPath().orElse(null);
            if (path == null || path.isRoot() || path.depth() > 2) {
                continue;
            }
            SortedMap<Integer, Integer> ofObject = instances.computeIfAbsent(path.objectId(), id -> new TreeMap<>());
            if (path.isObjectInstance()) {
                int ssid = NO_SSID;
                String text = link.attributeValue("ssid").orElse(null);
                if (text != null) {
                    try {
                        ssid = Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Discover answer has ssid=\"" + text + "\" on " + path, e);
                    }
                }
                ofObject.put(path.instanceId(), ssid);
            }
        }
        return new ClientLayout(instances);
    }

    /** A layout built directly, for tests: objectId → instanceId → ssid (0 for none, as 0 is no valid ssid). */
    public static ClientLayout of(Map<Integer, Map<Integer, Integer>> layout) {
        SortedMap<Integer, SortedMap<Integer, Integer>> instances = new TreeMap<>();
        layout.forEach((objectId, ofObject) -> {
            SortedMap<Integer, Integer> copy = new TreeMap<>();
            ofObject.forEach((instanceId, ssid) -> copy.put(instanceId, ssid == 0 ? NO_SSID : ssid));
            instances.put(objectId, copy);
        });
        return new ClientLayout(instances);
    }

    public SortedSet<Integer> instances(int objectId) {
        SortedMap<Integer, Integer> ofObject = instances.get(objectId);
        return ofObject == null ? Collections.emptySortedSet() : new TreeSet<>(ofObject.keySet());
    }

    public OptionalInt ssid(int objectId, int instanceId) {
        SortedMap<Integer, Integer> ofObject = instances.get(objectId);
        Integer ssid = ofObject == null ? null : ofObject.get(instanceId);
        return ssid == null || ssid == NO_SSID ? OptionalInt.empty() : OptionalInt.of(ssid);
    }

    /** The Security instances whose {@code ssid} is the given one. */
    public SortedSet<Integer> instancesOfServer(int objectId, int shortServerId) {
        SortedSet<Integer> found = new TreeSet<>();
        SortedMap<Integer, Integer> ofObject = instances.get(objectId);
        if (ofObject != null) {
            ofObject.forEach((instanceId, ssid) -> {
                if (ssid == shortServerId) {
                    found.add(instanceId);
                }
            });
        }
        return found;
    }

    /** The client's Bootstrap-Server account: the first Security instance without {@code ssid}. */
    public OptionalInt bootstrapSecurityInstance() {
        SortedMap<Integer, Integer> security = instances.get(StandardObjects.Security.ID);
        if (security != null) {
            for (Map.Entry<Integer, Integer> e : security.entrySet()) {
                if (e.getValue() == NO_SSID) {
                    return OptionalInt.of(e.getKey());
                }
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public String toString() {
        return "ClientLayout" + instances;
    }
}
