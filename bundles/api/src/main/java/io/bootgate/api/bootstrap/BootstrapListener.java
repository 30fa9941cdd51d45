/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the bootstrap events of all devices, either added through
 * {@link BootstrapEngine#addListener(BootstrapListener)} or registered as an OSGi service (whiteboard).
 * Called on the engine's scheduler threads: an implementation must return quickly and not block; an
 * exception it throws is logged and otherwise ignored.
 */
@ConsumerType
@FunctionalInterface
public interface BootstrapListener {

    void onEvent(BootstrapEvent event);
}
