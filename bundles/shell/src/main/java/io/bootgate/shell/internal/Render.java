/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.transport.PeerIdentity;
import java.util.stream.Collectors;

/** Text forms shared by the commands; secret material is never rendered, only its length. */
final class Render {

    /** LwM2M Security object and its Secret Key resource (/0/x/5): the PSK or private key. */
    static final int SECURITY_OBJECT = 0;

    static final int SECRET_KEY = 5;
    /** OSCORE object (21): Master Secret (2) and Master Salt (3) are secrets too. */
    static final int OSCORE_OBJECT = 21;

    private Render() {}

    static String mode(DeviceBootstrapStatus status) {
        return status.currentMode().orElse("-");
    }

    static String lastError(DeviceBootstrapStatus status) {
        return status.lastOutcome()
                .filter(o -> o.status() == BootstrapOutcome.Status.FAILURE)
                .map(BootstrapOutcome::detail)
                .orElse("-");
    }

    /** The servers a device is registered with as "ssid:state", or "-" without the registration feature. */
    static String servers(DeviceRegistrations registrations, String endpoint) {
        if (registrations == null) {
            return "-";
        }
        String joined = registrations.registrations(endpoint).stream()
                .map(r -> r.shortServerId() + ":" + r.state())
                .collect(Collectors.joining(","));
        return joined.isEmpty() ? "none" : joined;
    }

    static boolean isSecret(int objectId, int resourceId) {
        return (objectId == SECURITY_OBJECT && resourceId == SECRET_KEY)
                || (objectId == OSCORE_OBJECT && (resourceId == 2 || resourceId == 3));
    }

    static String resource(int objectId, Resource resource) {
        boolean secret = isSecret(objectId, resource.id());
        if (resource instanceof SingleResource single) {
            return value(single.value(), secret);
        }
        MultipleResource multiple = (MultipleResource) resource;
        return multiple.values().entrySet().stream()
                .map(e -> e.getKey() + "=" + value(e.getValue(), secret))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String value(ResourceValue value, boolean secret) {
        if (value.type() == ResourceType.OPAQUE) {
            byte[] bytes = value.opaqueValue();
            return secret ? "<secret, " + bytes.length + " bytes>" : "<opaque, " + bytes.length + " bytes>";
        }
        return secret ? "<secret>" : String.valueOf(value.value());
    }

    /** How a device authenticates at the bootstrap server; a Raw Public Key by its fingerprint's start. */
    static String identity(DeviceIdentity identity) {
        if (identity instanceof DeviceIdentity.RawPublicKey rpk) {
            return "RPK sha256:" + PeerIdentity.fingerprint(rpk.publicKey()).substring(0, 16);
        }
        return "X.509 (CN = endpoint)";
    }

    /** An Access Control instance as {@code /obj/inst -> default: R----, ssid 101: RWE--; owner 101}. */
    static String acl(AccessControlInstance acl) {
        String rights = acl.acl().entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "default" : "ssid " + e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format(
                "/%d/%d -> %s; owner %d",
                acl.objectId(), acl.objectInstanceId(), rights.isEmpty() ? "no entries" : rights, acl.owner());
    }

    /** Any node of object {@code objectId} on one line, its secrets masked. */
    static String node(int objectId, LwM2mNode node) {
        if (node instanceof Resource resource) {
            return resource(objectId, resource);
        }
        if (node instanceof ObjectInstance instance) {
            return instance.resources().values().stream()
                    .map(r -> r.id() + "=" + resource(objectId, r))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (!(node instanceof LwM2mObject object)) {
            // A resource instance: its value alone could be part of a secret, so only its kind is shown.
            return "<" + node.getClass().getSimpleName() + ">";
        }
        return object.instances().values().stream()
                .map(i -> i.id() + ":" + node(objectId, i))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
