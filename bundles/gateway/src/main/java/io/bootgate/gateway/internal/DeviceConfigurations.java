/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Where the demo devices are configured: in the gateway, Config Admin factory configurations of the engine's
 * device component ({@code io.bootgate.device}), so that the demo devices are configured exactly as an
 * operator configures real ones.
 */
interface DeviceConfigurations {

    /** Factory PID of the engine's device component. */
    String FACTORY_PID = "io.bootgate.device";

    /** What {@link #ensure} did. */
    enum Change {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    /**
     * Creates the device's configuration when none configures its endpoint; otherwise keeps it and only brings
     * the {@code maintained} properties (those that describe the embedded bootstrap server, which may have moved
     * or changed its key) up to date.
     *
     * @param endpoint the device's endpoint name
     * @param properties every property of a new configuration
     * @param maintained the keys of {@code properties} an existing configuration is updated with
     * @throws IOException when the configuration cannot be read or written
     */
    Change ensure(String endpoint, Map<String, Object> properties, Set<String> maintained) throws IOException;
}
