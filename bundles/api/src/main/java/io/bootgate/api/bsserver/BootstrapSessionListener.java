/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows bootstrap sessions (whiteboard: register it as an OSGi service). Events of one session arrive in
 * order, from the session's thread; implementations must return quickly and must not throw (a thrown
 * exception is logged and ignored).
 */
@ConsumerType
@FunctionalInterface
public interface BootstrapSessionListener {

    void onEvent(BootstrapSessionEvent event);
}
