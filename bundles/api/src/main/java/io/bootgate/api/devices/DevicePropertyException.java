/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.devices;

import java.util.Optional;

/**
 * A device's properties are refused. Unchecked, a {@link IllegalArgumentException}, as the Config Admin device
 * component has always thrown.
 */
public class DevicePropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;

    /** @param property the property at fault, {@code null} when none is (a missing endpoint, say) */
    public DevicePropertyException(String property, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    public DevicePropertyException(String property, String message) {
        this(property, message, null);
    }

    /** The property at fault, so that a source can name the line it came from. */
    public Optional<String> property() {
        return Optional.ofNullable(property);
    }
}
