/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.registration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every registration state change of every device. Registered as an OSGi service (whiteboard) or
 * through {@link DeviceRegistrations#addListener}. Called on a shared thread: do not block.
 */
@ConsumerType
@FunctionalInterface
public interface RegistrationListener {

    void registrationChanged(RegistrationEvent event);
}
