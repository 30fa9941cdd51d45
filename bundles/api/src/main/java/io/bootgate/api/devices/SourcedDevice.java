/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.devices;

import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import java.util.Objects;

/**
 * A device as a source supplies it.
 *
 * @param config the device's bootstrap configuration
 * @param origin where the source read it, named in warnings and errors, e.g. {@code /opt/karaf/etc/bootgate/
 *            devices/dev1.properties:1}
 */
public record SourcedDevice(DeviceBootstrapConfig config, String origin) {

    public SourcedDevice {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(origin, "origin");
    }

    public String endpoint() {
        return config.endpoint();
    }
}
