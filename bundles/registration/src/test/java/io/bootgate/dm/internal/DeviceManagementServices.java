/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the real device-management service for the registration bundle's end-to-end tests, with the Device
 * object defaults the DS component uses when unconfigured (those defaults are package-private to the bundle).
 */
public final class DeviceManagementServices {

    private DeviceManagementServices() {}

    public static DeviceManagementService create(
            ObjectStore store,
            AccessControlService acl,
            DefaultLwM2mCodec codec,
            ObjectModelRegistry models,
            ScheduledExecutorService scheduler) {
        return new DeviceManagementService(
                store,
                acl,
                codec,
                codec,
                new DefaultLinkFormat(),
                () -> models,
                scheduler,
                Clock.systemUTC(),
                DeviceObjectDefaults.BOOTGATE);
    }
}
