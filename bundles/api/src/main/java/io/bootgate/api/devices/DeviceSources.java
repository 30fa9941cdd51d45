/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.devices;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine's entry for device sources (an OSGi service of the engine bundle). A source opens one
 * {@link DeviceSource} under its name and supplies its devices through it.
 * <p>
 * A provider type: the engine implements it and sources only call it, so adding a method later is a minor change
 * that no source has to follow.
 */
@ProviderType
public interface DeviceSources {

    /**
     * Opens a source.
     *
     * @param sourceName names the source in logs, e.g. {@code directory /opt/karaf/etc/bootgate/devices}
     * @throws IllegalStateException when a source of that name is open
     */
    DeviceSource open(String sourceName);
}
