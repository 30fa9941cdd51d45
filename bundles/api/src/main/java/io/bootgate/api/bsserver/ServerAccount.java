package io.bootgate.api.bsserver;

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import java.util.Collections;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One LwM2M management server account to provision: a Security (/0) instance and a Server (/1) instance
 * sharing a Short Server ID.
 * <p>
 * The instance ids are optional: without them the session numbers the instances itself (Discover-based
 * auto-numbering keeps the device's bootstrap account and reuses the instance an account with the same
 * Short Server ID already has). The Short Server ID and the Bootstrap-Server flag are always written by the
 * session from {@link #shortServerId()}, so the resource maps never carry them.
 *
 * @param shortServerId the Short Server ID, 1..65534
 * @param securityInstanceId the /0 instance to write, or empty to let the session choose
 * @param serverInstanceId the /1 instance to write, or empty to let the session choose
 * @param securityResources resources of the Security instance, keyed by resource id
 * @param serverResources resources of the Server instance, keyed by resource id
 */
public record ServerAccount(int shortServerId, OptionalInt securityInstanceId, OptionalInt serverInstanceId,
        SortedMap<Integer, Resource> securityResources, SortedMap<Integer, Resource> serverResources) {

    public static final int MIN_SHORT_SERVER_ID = 1;
    public static final int MAX_SHORT_SERVER_ID = 65534;

    public ServerAccount {
        if (shortServerId < MIN_SHORT_SERVER_ID || shortServerId > MAX_SHORT_SERVER_ID) {
            throw new IllegalArgumentException("short server id " + shortServerId + " is outside 1..65534");
        }
        Objects.requireNonNull(securityInstanceId, "securityInstanceId");
        Objects.requireNonNull(serverInstanceId, "serverInstanceId");
        securityInstanceId.ifPresent(ServerAccount::checkInstanceId);
        serverInstanceId.ifPresent(ServerAccount::checkInstanceId);
        securityResources = copy(securityResources, "security");
        serverResources = copy(serverResources, "server");
        if (securityResources.containsKey(Security.SHORT_SERVER_ID)
                || securityResources.containsKey(Security.BOOTSTRAP_SERVER)
                || serverResources.containsKey(Server.SHORT_SERVER_ID)) {
            throw new IllegalArgumentException("server " + shortServerId
                    + ": the Short Server ID and Bootstrap-Server resources come from shortServerId, not from the "
                    + "resource maps");
        }
        if (!securityResources.containsKey(Security.SERVER_URI)) {
            throw new IllegalArgumentException("server " + shortServerId + ": no server URI (/0/x/0)");
        }
        if (!securityResources.containsKey(Security.SECURITY_MODE)) {
            throw new IllegalArgumentException("server " + shortServerId + ": no security mode (/0/x/2)");
        }
    }

    private static void checkInstanceId(int id) {
        if (id < 0 || id > LwM2mPath.MAX_ID) {
            throw new IllegalArgumentException("instance id " + id + " is outside 0.." + LwM2mPath.MAX_ID);
        }
    }

    private static SortedMap<Integer, Resource> copy(SortedMap<Integer, Resource> resources, String what) {
        TreeMap<Integer, Resource> copy = new TreeMap<>();
        resources.forEach((id, resource) -> {
            if (id != resource.id()) {
                throw new IllegalArgumentException(what + " resource keyed " + id + " has id " + resource.id());
            }
            copy.put(id, resource);
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The account's server URI (/0/x/0). */
    public String serverUri() {
        return ((SingleResource) securityResources.get(Security.SERVER_URI)).value().stringValue();
    }

    /** The account's security mode (/0/x/2). */
    public SecurityMode securityMode() {
        return SecurityMode.fromCode(((SingleResource) securityResources.get(Security.SECURITY_MODE)).value()
                .longValue());
    }

    /** The Security instance to write at {@code /0/instanceId}: the resources plus Bootstrap-Server=false and the SSID. */
    public ObjectInstance securityInstance(int instanceId) {
        TreeMap<Integer, Resource> all = new TreeMap<>(securityResources);
        all.put(Security.BOOTSTRAP_SERVER, SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false));
        all.put(Security.SHORT_SERVER_ID, SingleResource.ofInteger(Security.SHORT_SERVER_ID, shortServerId));
        return new ObjectInstance(instanceId, all);
    }

    /** The Server instance to write at {@code /1/instanceId}: the resources plus the SSID. */
    public ObjectInstance serverInstance(int instanceId) {
        TreeMap<Integer, Resource> all = new TreeMap<>(serverResources);
        all.put(Server.SHORT_SERVER_ID, SingleResource.ofInteger(Server.SHORT_SERVER_ID, shortServerId));
        return new ObjectInstance(instanceId, all);
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
            security.put(Security.PUBLIC_KEY_OR_IDENTITY, SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY,
                    new byte[0]));
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
            return securityResource(SingleResource.of(Security.CERTIFICATE_USAGE,
                    ResourceValue.ofUnsignedInteger(usage.code())));
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
            return new ServerAccount(shortServerId, securityInstanceId, serverInstanceId, security, server);
        }
    }
}
