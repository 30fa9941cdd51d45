/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.security.DtlsCredentials;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bootstrap configuration of one proxied device. Immutable.
 *
 * @param endpoint the device's LwM2M client endpoint name (also its object store endpoint)
 * @param modeSequence the names of the modes to try, in order; not empty
 * @param modeProperties per mode name, the mode-specific configuration (string keys and values, as Config
 *            Admin holds them); a mode without an entry gets an empty map
 * @param credentials the device's own credentials for the Bootstrap interface (Raw Public Key or X.509),
 *            empty when the device has none configured (for example a factory-only device)
 */
public record DeviceBootstrapConfig(
        String endpoint,
        List<String> modeSequence,
        Map<String, Map<String, String>> modeProperties,
        Optional<DtlsCredentials> credentials) {

    public DeviceBootstrapConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        modeSequence = List.copyOf(modeSequence);
        if (modeSequence.isEmpty()) {
            throw new IllegalArgumentException("device " + endpoint + ": the bootstrap mode sequence is empty");
        }
        for (String mode : modeSequence) {
            if (mode.isBlank()) {
                throw new IllegalArgumentException("device " + endpoint + ": blank mode name in " + modeSequence);
            }
        }
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        modeProperties.forEach((mode, properties) -> copy.put(
                Objects.requireNonNull(mode, "mode name"),
                Collections.unmodifiableMap(new LinkedHashMap<>(properties))));
        modeProperties = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** A device without mode properties and credentials. */
    public static DeviceBootstrapConfig of(String endpoint, List<String> modeSequence) {
        return new DeviceBootstrapConfig(endpoint, modeSequence, Map.of(), Optional.empty());
    }

    /** The configuration of one mode; empty when none is given. */
    public Map<String, String> properties(String mode) {
        return modeProperties.getOrDefault(mode, Map.of());
    }

    /** This configuration with the properties of one mode replaced. */
    public DeviceBootstrapConfig withModeProperties(String mode, Map<String, String> properties) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>(modeProperties);
        copy.put(mode, properties);
        return new DeviceBootstrapConfig(endpoint, modeSequence, copy, credentials);
    }

    /** This configuration with other credentials. */
    public DeviceBootstrapConfig withCredentials(DtlsCredentials deviceCredentials) {
        return new DeviceBootstrapConfig(endpoint, modeSequence, modeProperties, Optional.of(deviceCredentials));
    }

    /** This configuration with another mode sequence. */
    public DeviceBootstrapConfig withModeSequence(List<String> sequence) {
        return new DeviceBootstrapConfig(endpoint, new ArrayList<>(sequence), modeProperties, credentials);
    }
}
