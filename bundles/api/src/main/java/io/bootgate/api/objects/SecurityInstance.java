/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.store.TreeView;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Security (/0) instance: one LwM2M Server or Bootstrap-Server account's URI, security mode and
 * credentials (OMA LwM2M Core 1.1, Appendix E.1).
 * <p>
 * The key resources are byte arrays held as copies: every accessor returns a fresh copy, and
 * {@link #equals}/{@link #hashCode} compare their contents. {@link #toString()} never shows them, only their
 * length, so a record can be logged.
 *
 * @param instanceId the /0 instance id
 * @param serverUri /0/x/0 LwM2M Server URI
 * @param bootstrapServer /0/x/1 whether this is the Bootstrap-Server account
 * @param securityMode /0/x/2
 * @param publicKeyOrIdentity /0/x/3: PSK identity, SubjectPublicKeyInfo (RPK) or DER certificate (X.509); may
 *            be empty
 * @param serverPublicKey /0/x/4: the server's SubjectPublicKeyInfo (RPK) or DER certificate; may be empty
 * @param secretKey /0/x/5: PSK or PKCS#8 private key; may be empty
 * @param shortServerId /0/x/10: 1..65534 for a LwM2M Server account; a Bootstrap-Server account has no Short
 *            Server ID of its own, so any 16-bit value some clients keep there (0 for instance) is carried
 *            as read
 * @param clientHoldOffTime /0/x/11 in seconds, not negative
 * @param bootstrapServerAccountTimeout /0/x/12 in seconds, not negative
 * @param sni /0/x/14 Server Name Indication
 * @param certificateUsage /0/x/15; absent means {@link CertificateUsage#defaultUsage()}
 * @param otherResources every other resource of the instance, carried unchanged
 */
public record SecurityInstance(
        int instanceId,
        String serverUri,
        boolean bootstrapServer,
        SecurityMode securityMode,
        byte[] publicKeyOrIdentity,
        byte[] serverPublicKey,
        byte[] secretKey,
        OptionalInt shortServerId,
        OptionalLong clientHoldOffTime,
        OptionalLong bootstrapServerAccountTimeout,
        Optional<String> sni,
        Optional<CertificateUsage> certificateUsage,
        SortedMap<Integer, Resource> otherResources) {

    /** The resources the record types; {@link #otherResources()} never holds them. */
    private static final List<Integer> TYPED = List.of(
            Security.SERVER_URI,
            Security.BOOTSTRAP_SERVER,
            Security.SECURITY_MODE,
            Security.PUBLIC_KEY_OR_IDENTITY,
            Security.SERVER_PUBLIC_KEY,
            Security.SECRET_KEY,
            Security.SHORT_SERVER_ID,
            Security.CLIENT_HOLD_OFF_TIME,
            Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT,
            Security.SNI,
            Security.CERTIFICATE_USAGE);

    static final int MIN_SHORT_SERVER_ID = 1;
    static final int MAX_SHORT_SERVER_ID = 65534;
    private static final int MAX_16_BIT = 65535;

    /** @throws IllegalArgumentException naming the component that is out of range */
    public SecurityInstance {
        RecordSupport.checkInstanceId(instanceId);
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(securityMode, "securityMode");
        publicKeyOrIdentity = Objects.requireNonNull(publicKeyOrIdentity, "publicKeyOrIdentity")
                .clone();
        serverPublicKey =
                Objects.requireNonNull(serverPublicKey, "serverPublicKey").clone();
        secretKey = Objects.requireNonNull(secretKey, "secretKey").clone();
        Objects.requireNonNull(shortServerId, "shortServerId");
        shortServerId.ifPresent(ssid -> {
            int min = bootstrapServer ? 0 : MIN_SHORT_SERVER_ID;
            int max = bootstrapServer ? MAX_16_BIT : MAX_SHORT_SERVER_ID;
            if (ssid < min || ssid > max) {
                throw new IllegalArgumentException("Short Server ID " + ssid + " is outside " + min + ".." + max);
            }
        });
        RecordSupport.checkNotNegative(clientHoldOffTime, "Client Hold Off Time");
        RecordSupport.checkNotNegative(bootstrapServerAccountTimeout, "Bootstrap-Server Account Timeout");
        Objects.requireNonNull(sni, "sni");
        Objects.requireNonNull(certificateUsage, "certificateUsage");
        otherResources = RecordSupport.others(otherResources, TYPED, "Security");
    }

    /**
     * Reads a Security instance.
     *
     * @throws InvalidObjectInstanceException naming every mandatory resource that is missing and every
     *             resource of the wrong type or out of range
     */
    public static SecurityInstance from(ObjectInstance instance) {
        InstanceReader r = new InstanceReader(StandardObjects.SECURITY, instance);
        String uri = r.string(Security.SERVER_URI);
        boolean bootstrap = r.bool(Security.BOOTSTRAP_SERVER);
        Optional<SecurityMode> mode = r.coded(Security.SECURITY_MODE, true, SecurityMode::fromCode);
        byte[] own = r.opaque(Security.PUBLIC_KEY_OR_IDENTITY);
        byte[] peer = r.opaque(Security.SERVER_PUBLIC_KEY);
        byte[] secret = r.opaque(Security.SECRET_KEY);
        OptionalLong ssid = bootstrap
                ? r.optionalInteger(Security.SHORT_SERVER_ID, 0, MAX_16_BIT)
                : r.optionalInteger(Security.SHORT_SERVER_ID, MIN_SHORT_SERVER_ID, MAX_SHORT_SERVER_ID);
        OptionalLong holdOff = r.optionalInteger(Security.CLIENT_HOLD_OFF_TIME, 0, Long.MAX_VALUE);
        OptionalLong accountTimeout = r.optionalInteger(Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT, 0, Long.MAX_VALUE);
        Optional<String> sni = r.optionalString(Security.SNI);
        Optional<CertificateUsage> usage = r.coded(Security.CERTIFICATE_USAGE, false, CertificateUsage::fromCode);
        r.throwIfInvalid();
        return new SecurityInstance(
                instance.id(),
                uri,
                bootstrap,
                mode.orElseThrow(),
                own,
                peer,
                secret,
                ssid.isPresent() ? OptionalInt.of((int) ssid.getAsLong()) : OptionalInt.empty(),
                holdOff,
                accountTimeout,
                sni,
                usage,
                r.others());
    }

    /**
     * Every Security instance of the tree, in instance order.
     *
     * @throws InvalidObjectInstanceException for the first instance that cannot be read
     */
    public static List<SecurityInstance> allOf(TreeView tree) {
        return ResourceReader.instances(tree, Security.ID).values().stream()
                .map(SecurityInstance::from)
                .toList();
    }

    /** The Security instances of the tree that can be read, in instance order; the others are skipped. */
    public static List<SecurityInstance> readableOf(TreeView tree) {
        return RecordSupport.readable(
                ResourceReader.instances(tree, Security.ID).values(), SecurityInstance::from);
    }

    /** The first readable Bootstrap-Server account of the tree (a consistent tree has at most one). */
    public static Optional<SecurityInstance> bootstrapAccountOf(TreeView tree) {
        return readableOf(tree).stream()
                .filter(SecurityInstance::bootstrapServer)
                .findFirst();
    }

    /** The instance as stored at {@code /0/instanceId}. */
    public ObjectInstance toObjectInstance() {
        TreeMap<Integer, Resource> all = new TreeMap<>(otherResources);
        RecordSupport.put(all, SingleResource.ofString(Security.SERVER_URI, serverUri));
        RecordSupport.put(all, SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, bootstrapServer));
        RecordSupport.put(all, SingleResource.ofInteger(Security.SECURITY_MODE, securityMode.code()));
        RecordSupport.put(all, SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, publicKeyOrIdentity));
        RecordSupport.put(all, SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, serverPublicKey));
        RecordSupport.put(all, SingleResource.ofOpaque(Security.SECRET_KEY, secretKey));
        shortServerId.ifPresent(
                ssid -> RecordSupport.put(all, SingleResource.ofInteger(Security.SHORT_SERVER_ID, ssid)));
        clientHoldOffTime.ifPresent(
                s -> RecordSupport.put(all, SingleResource.ofInteger(Security.CLIENT_HOLD_OFF_TIME, s)));
        bootstrapServerAccountTimeout.ifPresent(
                s -> RecordSupport.put(all, SingleResource.ofInteger(Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT, s)));
        sni.ifPresent(name -> RecordSupport.put(all, SingleResource.ofString(Security.SNI, name)));
        certificateUsage.ifPresent(usage -> RecordSupport.put(
                all, SingleResource.of(Security.CERTIFICATE_USAGE, ResourceValue.ofUnsignedInteger(usage.code()))));
        return new ObjectInstance(instanceId, all);
    }

    /** The path {@code /0/instanceId}. */
    public LwM2mPath path() {
        return LwM2mPath.of(Security.ID, instanceId);
    }

    /** The Certificate Usage in force: the resource, or the specification's default when it is absent. */
    public CertificateUsage effectiveCertificateUsage() {
        return certificateUsage.orElse(CertificateUsage.defaultUsage());
    }

    /** This instance at another instance id. */
    public SecurityInstance withInstanceId(int id) {
        return new SecurityInstance(
                id,
                serverUri,
                bootstrapServer,
                securityMode,
                publicKeyOrIdentity,
                serverPublicKey,
                secretKey,
                shortServerId,
                clientHoldOffTime,
                bootstrapServerAccountTimeout,
                sni,
                certificateUsage,
                otherResources);
    }

    @Override
    public byte[] publicKeyOrIdentity() {
        return publicKeyOrIdentity.clone();
    }

    @Override
    public byte[] serverPublicKey() {
        return serverPublicKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecurityInstance s
                && instanceId == s.instanceId
                && serverUri.equals(s.serverUri)
                && bootstrapServer == s.bootstrapServer
                && securityMode == s.securityMode
                && Arrays.equals(publicKeyOrIdentity, s.publicKeyOrIdentity)
                && Arrays.equals(serverPublicKey, s.serverPublicKey)
                && Arrays.equals(secretKey, s.secretKey)
                && shortServerId.equals(s.shortServerId)
                && clientHoldOffTime.equals(s.clientHoldOffTime)
                && bootstrapServerAccountTimeout.equals(s.bootstrapServerAccountTimeout)
                && sni.equals(s.sni)
                && certificateUsage.equals(s.certificateUsage)
                && otherResources.equals(s.otherResources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                instanceId,
                serverUri,
                bootstrapServer,
                securityMode,
                Arrays.hashCode(publicKeyOrIdentity),
                Arrays.hashCode(serverPublicKey),
                Arrays.hashCode(secretKey),
                shortServerId,
                clientHoldOffTime,
                bootstrapServerAccountTimeout,
                sni,
                certificateUsage,
                otherResources);
    }

    /** Names the account; key resources appear as their length only. */
    @Override
    public String toString() {
        return "SecurityInstance[/0/" + instanceId + ", " + serverUri + (bootstrapServer ? ", bootstrap" : "")
                + ", " + securityMode + ", ssid=" + shortServerId + ", publicKeyOrIdentity="
                + publicKeyOrIdentity.length
                + " bytes, serverPublicKey=" + serverPublicKey.length + " bytes, secretKey=" + secretKey.length
                + " bytes, holdOff=" + clientHoldOffTime + ", accountTimeout=" + bootstrapServerAccountTimeout
                + ", sni=" + sni + ", certificateUsage=" + certificateUsage + ", others=" + otherResources.keySet()
                + "]";
    }

    public static Builder builder(int instanceId) {
        return new Builder(instanceId);
    }

    /** A builder holding this instance's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(instanceId);
        b.serverUri = serverUri;
        b.bootstrapServer = bootstrapServer;
        b.securityMode = securityMode;
        b.publicKeyOrIdentity = publicKeyOrIdentity;
        b.serverPublicKey = serverPublicKey;
        b.secretKey = secretKey;
        b.shortServerId = shortServerId;
        b.clientHoldOffTime = clientHoldOffTime;
        b.bootstrapServerAccountTimeout = bootstrapServerAccountTimeout;
        b.sni = sni;
        b.certificateUsage = certificateUsage;
        b.otherResources.putAll(otherResources);
        return b;
    }

    /**
     * Collects a Security instance. Defaults: not a Bootstrap-Server account, empty key resources, no optional
     * resource. The URI and the security mode have no default. Not thread-safe.
     */
    public static final class Builder {
        private final int instanceId;
        private String serverUri;
        private boolean bootstrapServer;
        private SecurityMode securityMode;
        private byte[] publicKeyOrIdentity = new byte[0];
        private byte[] serverPublicKey = new byte[0];
        private byte[] secretKey = new byte[0];
        private OptionalInt shortServerId = OptionalInt.empty();
        private OptionalLong clientHoldOffTime = OptionalLong.empty();
        private OptionalLong bootstrapServerAccountTimeout = OptionalLong.empty();
        private Optional<String> sni = Optional.empty();
        private Optional<CertificateUsage> certificateUsage = Optional.empty();
        private final TreeMap<Integer, Resource> otherResources = new TreeMap<>();

        private Builder(int instanceId) {
            this.instanceId = instanceId;
        }

        public Builder serverUri(String uri) {
            this.serverUri = uri;
            return this;
        }

        public Builder bootstrapServer(boolean bootstrap) {
            this.bootstrapServer = bootstrap;
            return this;
        }

        public Builder securityMode(SecurityMode mode) {
            this.securityMode = mode;
            return this;
        }

        public Builder publicKeyOrIdentity(byte[] value) {
            this.publicKeyOrIdentity = value.clone();
            return this;
        }

        public Builder serverPublicKey(byte[] value) {
            this.serverPublicKey = value.clone();
            return this;
        }

        public Builder secretKey(byte[] value) {
            this.secretKey = value.clone();
            return this;
        }

        public Builder shortServerId(int ssid) {
            this.shortServerId = OptionalInt.of(ssid);
            return this;
        }

        public Builder clientHoldOffTime(long seconds) {
            this.clientHoldOffTime = OptionalLong.of(seconds);
            return this;
        }

        public Builder bootstrapServerAccountTimeout(long seconds) {
            this.bootstrapServerAccountTimeout = OptionalLong.of(seconds);
            return this;
        }

        public Builder sni(String serverName) {
            this.sni = Optional.of(serverName);
            return this;
        }

        public Builder certificateUsage(CertificateUsage usage) {
            this.certificateUsage = Optional.of(usage);
            return this;
        }

        /** Adds a resource the record does not type (SMS, ciphersuites, OSCORE...). */
        public Builder otherResource(Resource resource) {
            otherResources.put(resource.id(), resource);
            return this;
        }

        /** @throws IllegalArgumentException (or NullPointerException for a missing URI or mode) naming the part */
        public SecurityInstance build() {
            return new SecurityInstance(
                    instanceId,
                    serverUri,
                    bootstrapServer,
                    securityMode,
                    publicKeyOrIdentity,
                    serverPublicKey,
                    secretKey,
                    shortServerId,
                    clientHoldOffTime,
                    bootstrapServerAccountTimeout,
                    sni,
                    certificateUsage,
                    otherResources);
        }
    }
}
