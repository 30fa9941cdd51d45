/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.store.TreeView;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The communication retry resources (/1/x/17-20) a device's configuration provisions. Taken from the Server
 * instance with the lowest instance id that carries any of them, so that the choice is stable.
 */
public record ProvisionedRetry(
        Optional<Integer> retryCount,
        Optional<Duration> retryTimer,
        Optional<Duration> sequenceDelay,
        Optional<Integer> sequenceRetryCount) {

    public static final ProvisionedRetry NONE =
            new ProvisionedRetry(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Values above this are treated as absent: they come from the device data and must not overflow timers. */
    private static final long MAX_SECONDS = Duration.ofDays(365).toSeconds();

    public static ProvisionedRetry of(TreeView tree) {
        Optional<LwM2mObject> servers = tree.object(Server.ID);
        if (servers.isEmpty()) {
            return NONE;
        }
        for (ObjectInstance server : servers.get().instances().values()) {
            ProvisionedRetry values = new ProvisionedRetry(
                    count(server, Server.COMMUNICATION_RETRY_COUNT),
                    seconds(server, Server.COMMUNICATION_RETRY_TIMER),
                    seconds(server, Server.COMMUNICATION_SEQUENCE_DELAY_TIMER),
                    count(server, Server.COMMUNICATION_SEQUENCE_RETRY_COUNT));
            if (!values.equals(NONE)) {
                return values;
            }
        }
        return NONE;
    }

    private static Optional<Integer> count(ObjectInstance server, int resource) {
        OptionalLong value = ResourceReader.integer(server, resource);
        return value.isPresent() && value.getAsLong() >= 0 && value.getAsLong() <= Integer.MAX_VALUE
                ? Optional.of((int) value.getAsLong())
                : Optional.empty();
    }

    private static Optional<Duration> seconds(ObjectInstance server, int resource) {
        OptionalLong value = ResourceReader.integer(server, resource);
        return value.isPresent() && value.getAsLong() >= 0 && value.getAsLong() <= MAX_SECONDS
                ? Optional.of(Duration.ofSeconds(value.getAsLong()))
                : Optional.empty();
    }
}
