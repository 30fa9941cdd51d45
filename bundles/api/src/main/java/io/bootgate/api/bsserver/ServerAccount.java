/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
import java.util.Collections;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * One LwM2M management server account to provision: a Security (/0) instance and a Server (/1) instance
 * sharing a Short Server ID.
 * <p>
 * The instance ids are optional: without them the session numbers the instances itself (Discover-based
 * auto-numbering keeps the device's bootstrap account and reuses the instance an account with the same
 * Short Server ID already has). An instance whose id the session chooses carries instance id 0, which is not
 * used.
 *
 * @param securityInstanceId the /0 instance to write, or empty to let the session choose
 * @param serverInstanceId the /1 instance to write, or empty to let the session choose
 * @param security the Security instance: a LwM2M Server account (not the Bootstrap-Server's) with a Short
 *            Server ID
 * @param server the Server instance, with the same Short Server ID
 */
public record ServerAccount(
        OptionalInt securityInstanceId,
        OptionalInt serverInstanceId,
        SecurityInstance security,
        ServerInstance server) {

    public static final int MIN_SHORT_SERVER_ID = 1;
    public static final int MAX_SHORT_SERVER_ID = 65534;

    /** @throws IllegalArgumentException naming what does not fit together */
    public ServerAccount {
        Objects.requireNonNull(securityInstanceId, "securityInstanceId");
        Objects.requireNonNull(serverInstanceId, "serverInstanceId");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(server, "server");
        if (security.bootstrapServer()) {
            throw new IllegalArgumentException("server " + server.shortServerId() + ": a management account's "
                    + "Security instance is not a Bootstrap-Server account");
        }
        if (security.shortServerId().isEmpty() || security.shortServerId().getAsInt() != server.shortServerId()) {
            throw new IllegalArgumentException("server " + server.shortServerId() + ": the Security instance's Short "
                    + "Server ID " + security.shortServerId() + " differs from the Server instance's");
        }
        security = placed(securityInstanceId, security.instanceId(), "Security", security::withInstanceId);
        server = placed(serverInstanceId, server.instanceId(), "Server", server::withInstanceId);
    }

    private static <T> T placed(OptionalInt explicit, int own, String what, IntFunction<T> at) {
        if (explicit.isPresent() && explicit.getAsInt() != own) {
            throw new IllegalArgumentException(
                    what + " instance id " + explicit.getAsInt() + " differs from the " + "instance's own id " + own);
        }
        return at.apply(explicit.orElse(0));
    }

    /** The account's Short Server ID, 1..65534. */
    public int shortServerId() {
        return server.shortServerId();
    }

    /** The account's server URI (/0/x/0). */
    public String serverUri() {
        return security.serverUri();
    }

    /** The account's security mode (/0/x/2). */
    public SecurityMode securityMode() {
        return security.securityMode();
    }

    /**
     * The resources of the Security instance other than the Short Server ID and the Bootstrap-Server flag,
     * which follow from {@link #shortServerId()}.
     */
    public SortedMap<Integer, Resource> securityResources() {
        TreeMap<Integer, Resource> resources =
                new TreeMap<>(security.toObjectInstance().resources());
        resources.remove(Security.SHORT_SERVER_ID);
        resources.remove(Security.BOOTSTRAP_SERVER);
        return Collections.unmodifiableSortedMap(resources);
    }

    /** The resources of the Server instance other than the Short Server ID. */
    public SortedMap<Integer, Resource> serverResources() {
        TreeMap<Integer, Resource> resources =
                new TreeMap<>(server.toObjectInstance().resources());
        resources.remove(Server.SHORT_SERVER_ID);
        return Collections.unmodifiableSortedMap(resources);
    }

    /** The Security instance to write at {@code /0/instanceId}. */
    public ObjectInstance securityInstance(int instanceId) {
        return security.withInstanceId(instanceId).toObjectInstance();
    }

    /** The Server instance to write at {@code /1/instanceId}. */
    public ObjectInstance serverInstance(int instanceId) {
        return server.withInstanceId(instanceId).toObjectInstance();
    }

    public static Builder builder(int shortServerId) {
        return new Builder(shortServerId);
    }

    /**
     * Collects an account. Defaults: the key resources /0/x/3, /0/x/4 and /0/x/5 are empty opaque values
     * (as the Security object makes them mandatory), Notification Storing false and binding {@code U}.
     * Not thread-safe.
     */
    public static final class Builder {
        private final int shortServerId;
        private OptionalInt securityInstanceId = OptionalInt.empty();
        private OptionalInt serverInstanceId = OptionalInt.empty();
        private final TreeMap<Integer, Resource> security = new TreeMap<>();
        private final TreeMap<Integer, Resource> server = new TreeMap<>();

        private Builder(int shortServerId) {
            this.shortServerId = shortServerId;
            security.put(
                    Security.PUBLIC_KEY_OR_IDENTITY,
                    SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, new byte[0]));
            security.put(Security.SERVER_PUBLIC_KEY, SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, new byte[0]));
            security.put(Security.SECRET_KEY, SingleResource.ofOpaque(Security.SECRET_KEY, new byte[0]));
            server.put(Server.NOTIFICATION_STORING, SingleResource.ofBoolean(Server.NOTIFICATION_STORING, false));
            server.put(Server.BINDING, SingleResource.ofString(Server.BINDING, "U"));
        }

        public Builder securityInstanceId(int id) {
            this.securityInstanceId = OptionalInt.of(id);
            return this;
        }

        public Builder serverInstanceId(int id) {
            this.serverInstanceId = OptionalInt.of(id);
            return this;
        }

        public Builder uri(String uri) {
            return securityResource(SingleResource.ofString(Security.SERVER_URI, uri));
        }

        public Builder securityMode(SecurityMode mode) {
            return securityResource(SingleResource.ofInteger(Security.SECURITY_MODE, mode.code()));
        }

        /** /0/x/3: the client's PSK identity, SubjectPublicKeyInfo (RPK) or DER certificate (X.509). */
        public Builder publicKeyOrIdentity(byte[] value) {
            return securityResource(SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, value));
        }

        /** /0/x/4: the server's SubjectPublicKeyInfo (RPK) or DER certificate (X.509). */
        public Builder serverPublicKey(byte[] value) {
            return securityResource(SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, value));
        }

        /** /0/x/5: the client's PSK or PKCS#8 private key. */
        public Builder secretKey(byte[] value) {
            return securityResource(SingleResource.ofOpaque(Security.SECRET_KEY, value));
        }

        public Builder certificateUsage(CertificateUsage usage) {
            return securityResource(
                    SingleResource.of(Security.CERTIFICATE_USAGE, ResourceValue.ofUnsignedInteger(usage.code())));
        }

        public Builder lifetime(long seconds) {
            return serverResource(SingleResource.ofInteger(Server.LIFETIME, seconds));
        }

        public Builder binding(String binding) {
            return serverResource(SingleResource.ofString(Server.BINDING, binding));
        }

        public Builder notificationStoring(boolean store) {
            return serverResource(SingleResource.ofBoolean(Server.NOTIFICATION_STORING, store));
        }

        /** Adds or replaces any resource of the Security instance. */
        public Builder securityResource(Resource resource) {
            security.put(resource.id(), resource);
            return this;
        }

        /** Adds or replaces any resource of the Server instance. */
        public Builder serverResource(Resource resource) {
            server.put(resource.id(), resource);
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or wrong */
        public ServerAccount build() {
            if (!server.containsKey(Server.LIFETIME)) {
                throw new IllegalArgumentException("server " + shortServerId + ": no lifetime (/1/x/1)");
            }
            if (shortServerId < MIN_SHORT_SERVER_ID || shortServerId > MAX_SHORT_SERVER_ID) {
                throw new IllegalArgumentException("short server id " + shortServerId + " is outside 1..65534");
            }
            if (security.containsKey(Security.SHORT_SERVER_ID)
                    || security.containsKey(Security.BOOTSTRAP_SERVER)
                    || server.containsKey(Server.SHORT_SERVER_ID)) {
                throw new IllegalArgumentException("server " + shortServerId
                        + ": the Short Server ID and Bootstrap-Server resources come from shortServerId, not from the "
                        + "resource maps");
            }
            if (!security.containsKey(Security.SERVER_URI)) {
                throw new IllegalArgumentException("server " + shortServerId + ": no server URI (/0/x/0)");
            }
            if (!security.containsKey(Security.SECURITY_MODE)) {
                throw new IllegalArgumentException("server " + shortServerId + ": no security mode (/0/x/2)");
            }
            TreeMap<Integer, Resource> securityResources = new TreeMap<>(security);
            securityResources.put(
                    Security.BOOTSTRAP_SERVER, SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false));
            securityResources.put(
                    Security.SHORT_SERVER_ID, SingleResource.ofInteger(Security.SHORT_SERVER_ID, shortServerId));
            TreeMap<Integer, Resource> serverResources = new TreeMap<>(server);
            serverResources.put(
                    Server.SHORT_SERVER_ID, SingleResource.ofInteger(Server.SHORT_SERVER_ID, shortServerId));
            return new ServerAccount(
                    securityInstanceId,
                    serverInstanceId,
                    SecurityInstance.from(new ObjectInstance(securityInstanceId.orElse(0), securityResources)),
                    ServerInstance.from(new ObjectInstance(serverInstanceId.orElse(0), serverResources)));
        }
    }
}
