/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.TreeView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Server (/1) instance: the registration settings of one LwM2M Server account (OMA LwM2M Core 1.1,
 * Appendix E.2). Executable resources (Disable, Registration Update Trigger, Bootstrap-Request Trigger) carry
 * no value and are not part of it.
 *
 * @param instanceId the /1 instance id
 * @param shortServerId /1/x/0, 1..65534
 * @param lifetime /1/x/1 in seconds, not negative
 * @param defaultMinPeriod /1/x/2 in seconds, not negative
 * @param defaultMaxPeriod /1/x/3 in seconds, not negative
 * @param disableTimeout /1/x/5 in seconds, not negative
 * @param notificationStoring /1/x/6 Notification Storing When Disabled or Offline
 * @param binding /1/x/7 binding mode, e.g. {@code "U"}
 * @param lastBootstrapped /1/x/12 Last Bootstrapped
 * @param communicationRetryCount /1/x/17, not negative
 * @param communicationRetryTimer /1/x/18 in seconds, not negative
 * @param communicationSequenceDelayTimer /1/x/19 in seconds, not negative
 * @param communicationSequenceRetryCount /1/x/20, not negative
 * @param otherResources every other resource of the instance, carried unchanged
 */
public record ServerInstance(
        int instanceId,
        int shortServerId,
        long lifetime,
        OptionalLong defaultMinPeriod,
        OptionalLong defaultMaxPeriod,
        OptionalLong disableTimeout,
        boolean notificationStoring,
        String binding,
        Optional<Instant> lastBootstrapped,
        OptionalLong communicationRetryCount,
        OptionalLong communicationRetryTimer,
        OptionalLong communicationSequenceDelayTimer,
        OptionalLong communicationSequenceRetryCount,
        SortedMap<Integer, Resource> otherResources) {

    private static final List<Integer> TYPED = List.of(
            Server.SHORT_SERVER_ID,
            Server.LIFETIME,
            Server.DEFAULT_MIN_PERIOD,
            Server.DEFAULT_MAX_PERIOD,
            Server.DISABLE_TIMEOUT,
            Server.NOTIFICATION_STORING,
            Server.BINDING,
            Server.LAST_BOOTSTRAPPED,
            Server.COMMUNICATION_RETRY_COUNT,
            Server.COMMUNICATION_RETRY_TIMER,
            Server.COMMUNICATION_SEQUENCE_DELAY_TIMER,
            Server.COMMUNICATION_SEQUENCE_RETRY_COUNT);

    /** @throws IllegalArgumentException naming the component that is out of range */
    public ServerInstance {
        RecordSupport.checkInstanceId(instanceId);
        if (shortServerId < SecurityInstance.MIN_SHORT_SERVER_ID
                || shortServerId > SecurityInstance.MAX_SHORT_SERVER_ID) {
            throw new IllegalArgumentException("Short Server ID " + shortServerId + " is outside 1..65534");
        }
        if (lifetime < 0) {
            throw new IllegalArgumentException("Lifetime " + lifetime + " is negative");
        }
        RecordSupport.checkNotNegative(defaultMinPeriod, "Default Minimum Period");
        RecordSupport.checkNotNegative(defaultMaxPeriod, "Default Maximum Period");
        RecordSupport.checkNotNegative(disableTimeout, "Disable Timeout");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(lastBootstrapped, "lastBootstrapped");
        RecordSupport.checkNotNegative(communicationRetryCount, "Communication Retry Count");
        RecordSupport.checkNotNegative(communicationRetryTimer, "Communication Retry Timer");
        RecordSupport.checkNotNegative(communicationSequenceDelayTimer, "Communication Sequence Delay Timer");
        RecordSupport.checkNotNegative(communicationSequenceRetryCount, "Communication Sequence Retry Count");
        otherResources = RecordSupport.others(otherResources, TYPED, "Server");
    }

    /**
     * Reads a Server instance.
     *
     * @throws InvalidObjectInstanceException naming every mandatory resource that is missing and every
     *             resource of the wrong type or out of range
     */
    public static ServerInstance from(ObjectInstance instance) {
        InstanceReader r = new InstanceReader(StandardObjects.SERVER, instance);
        long ssid = r.integer(
                Server.SHORT_SERVER_ID, SecurityInstance.MIN_SHORT_SERVER_ID, SecurityInstance.MAX_SHORT_SERVER_ID);
        long lifetime = r.integer(Server.LIFETIME, 0, Long.MAX_VALUE);
        OptionalLong minPeriod = r.optionalInteger(Server.DEFAULT_MIN_PERIOD, 0, Long.MAX_VALUE);
        OptionalLong maxPeriod = r.optionalInteger(Server.DEFAULT_MAX_PERIOD, 0, Long.MAX_VALUE);
        OptionalLong disableTimeout = r.optionalInteger(Server.DISABLE_TIMEOUT, 0, Long.MAX_VALUE);
        boolean storing = r.bool(Server.NOTIFICATION_STORING);
        String binding = r.string(Server.BINDING);
        Optional<Instant> lastBootstrapped = r.optionalTime(Server.LAST_BOOTSTRAPPED);
        OptionalLong retryCount = r.optionalInteger(Server.COMMUNICATION_RETRY_COUNT, 0, Long.MAX_VALUE);
        OptionalLong retryTimer = r.optionalInteger(Server.COMMUNICATION_RETRY_TIMER, 0, Long.MAX_VALUE);
        OptionalLong sequenceDelay = r.optionalInteger(Server.COMMUNICATION_SEQUENCE_DELAY_TIMER, 0, Long.MAX_VALUE);
        OptionalLong sequenceRetryCount =
                r.optionalInteger(Server.COMMUNICATION_SEQUENCE_RETRY_COUNT, 0, Long.MAX_VALUE);
        r.throwIfInvalid();
        return new ServerInstance(
                instance.id(),
                (int) ssid,
                lifetime,
                minPeriod,
                maxPeriod,
                disableTimeout,
                storing,
                binding,
                lastBootstrapped,
                retryCount,
                retryTimer,
                sequenceDelay,
                sequenceRetryCount,
                r.others());
    }

    /**
     * Every Server instance of the tree, in instance order.
     *
     * @throws InvalidObjectInstanceException for the first instance that cannot be read
     */
    public static List<ServerInstance> allOf(TreeView tree) {
        return ResourceReader.instances(tree, Server.ID).values().stream()
                .map(ServerInstance::from)
                .toList();
    }

    /** The Server instances of the tree that can be read, in instance order; the others are skipped. */
    public static List<ServerInstance> readableOf(TreeView tree) {
        return RecordSupport.readable(ResourceReader.instances(tree, Server.ID).values(), ServerInstance::from);
    }

    /** The instance as stored at {@code /1/instanceId}. */
    public ObjectInstance toObjectInstance() {
        TreeMap<Integer, Resource> all = new TreeMap<>(otherResources);
        RecordSupport.put(all, SingleResource.ofInteger(Server.SHORT_SERVER_ID, shortServerId));
        RecordSupport.put(all, SingleResource.ofInteger(Server.LIFETIME, lifetime));
        defaultMinPeriod.ifPresent(s -> RecordSupport.put(all, SingleResource.ofInteger(Server.DEFAULT_MIN_PERIOD, s)));
        defaultMaxPeriod.ifPresent(s -> RecordSupport.put(all, SingleResource.ofInteger(Server.DEFAULT_MAX_PERIOD, s)));
        disableTimeout.ifPresent(s -> RecordSupport.put(all, SingleResource.ofInteger(Server.DISABLE_TIMEOUT, s)));
        RecordSupport.put(all, SingleResource.ofBoolean(Server.NOTIFICATION_STORING, notificationStoring));
        RecordSupport.put(all, SingleResource.ofString(Server.BINDING, binding));
        lastBootstrapped.ifPresent(
                t -> RecordSupport.put(all, SingleResource.of(Server.LAST_BOOTSTRAPPED, ResourceValue.ofTime(t))));
        unsigned(all, Server.COMMUNICATION_RETRY_COUNT, communicationRetryCount);
        unsigned(all, Server.COMMUNICATION_RETRY_TIMER, communicationRetryTimer);
        unsigned(all, Server.COMMUNICATION_SEQUENCE_DELAY_TIMER, communicationSequenceDelayTimer);
        unsigned(all, Server.COMMUNICATION_SEQUENCE_RETRY_COUNT, communicationSequenceRetryCount);
        return new ObjectInstance(instanceId, all);
    }

    private static void unsigned(TreeMap<Integer, Resource> all, int resourceId, OptionalLong value) {
        value.ifPresent(v -> RecordSupport.put(all, SingleResource.of(resourceId, ResourceValue.ofUnsignedInteger(v))));
    }

    /** The path {@code /1/instanceId}. */
    public LwM2mPath path() {
        return LwM2mPath.of(Server.ID, instanceId);
    }

    /** This instance at another instance id. */
    public ServerInstance withInstanceId(int id) {
        return toBuilder(id).build();
    }

    public static Builder builder(int instanceId, int shortServerId) {
        return new Builder(instanceId, shortServerId);
    }

    /** A builder holding this instance's values, to derive a changed copy. */
    public Builder toBuilder() {
        return toBuilder(instanceId);
    }

    private Builder toBuilder(int id) {
        Builder b = new Builder(id, shortServerId);
        b.lifetime = OptionalLong.of(lifetime);
        b.defaultMinPeriod = defaultMinPeriod;
        b.defaultMaxPeriod = defaultMaxPeriod;
        b.disableTimeout = disableTimeout;
        b.notificationStoring = notificationStoring;
        b.binding = binding;
        b.lastBootstrapped = lastBootstrapped;
        b.communicationRetryCount = communicationRetryCount;
        b.communicationRetryTimer = communicationRetryTimer;
        b.communicationSequenceDelayTimer = communicationSequenceDelayTimer;
        b.communicationSequenceRetryCount = communicationSequenceRetryCount;
        b.otherResources.putAll(otherResources);
        return b;
    }

    /**
     * Collects a Server instance. Defaults: Notification Storing false, binding {@code U}, no optional
     * resource; the lifetime has no default. Not thread-safe.
     */
    public static final class Builder {
        private final int instanceId;
        private final int shortServerId;
        private OptionalLong lifetime = OptionalLong.empty();
        private OptionalLong defaultMinPeriod = OptionalLong.empty();
        private OptionalLong defaultMaxPeriod = OptionalLong.empty();
        private OptionalLong disableTimeout = OptionalLong.empty();
        private boolean notificationStoring;
        private String binding = "U";
        private Optional<Instant> lastBootstrapped = Optional.empty();
        private OptionalLong communicationRetryCount = OptionalLong.empty();
        private OptionalLong communicationRetryTimer = OptionalLong.empty();
        private OptionalLong communicationSequenceDelayTimer = OptionalLong.empty();
        private OptionalLong communicationSequenceRetryCount = OptionalLong.empty();
        private final TreeMap<Integer, Resource> otherResources = new TreeMap<>();

        private Builder(int instanceId, int shortServerId) {
            this.instanceId = instanceId;
            this.shortServerId = shortServerId;
        }

        public Builder lifetime(long seconds) {
            this.lifetime = OptionalLong.of(seconds);
            return this;
        }

        public Builder defaultMinPeriod(long seconds) {
            this.defaultMinPeriod = OptionalLong.of(seconds);
            return this;
        }

        public Builder defaultMaxPeriod(long seconds) {
            this.defaultMaxPeriod = OptionalLong.of(seconds);
            return this;
        }

        public Builder disableTimeout(long seconds) {
            this.disableTimeout = OptionalLong.of(seconds);
            return this;
        }

        public Builder notificationStoring(boolean store) {
            this.notificationStoring = store;
            return this;
        }

        public Builder binding(String binding) {
            this.binding = binding;
            return this;
        }

        public Builder lastBootstrapped(Instant when) {
            this.lastBootstrapped = Optional.of(when);
            return this;
        }

        public Builder communicationRetryCount(long count) {
            this.communicationRetryCount = OptionalLong.of(count);
            return this;
        }

        public Builder communicationRetryTimer(long seconds) {
            this.communicationRetryTimer = OptionalLong.of(seconds);
            return this;
        }

        public Builder communicationSequenceDelayTimer(long seconds) {
            this.communicationSequenceDelayTimer = OptionalLong.of(seconds);
            return this;
        }

        public Builder communicationSequenceRetryCount(long count) {
            this.communicationSequenceRetryCount = OptionalLong.of(count);
            return this;
        }

        /** Adds a resource the record does not type (priority order, APN link, preferred transport...). */
        public Builder otherResource(Resource resource) {
            otherResources.put(resource.id(), resource);
            return this;
        }

        /** @throws IllegalArgumentException naming what is missing or out of range */
        public ServerInstance build() {
            if (lifetime.isEmpty()) {
                throw new IllegalArgumentException("Server instance /1/" + instanceId + ": no Lifetime (/1/x/1)");
            }
            return new ServerInstance(
                    instanceId,
                    shortServerId,
                    lifetime.getAsLong(),
                    defaultMinPeriod,
                    defaultMaxPeriod,
                    disableTimeout,
                    notificationStoring,
                    binding,
                    lastBootstrapped,
                    communicationRetryCount,
                    communicationRetryTimer,
                    communicationSequenceDelayTimer,
                    communicationSequenceRetryCount,
                    otherResources);
        }
    }
}
