/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.bsserver.BootstrapSessionEvent;

/** Where a session's events go (the server fans them out to the listener services). */
@FunctionalInterface
public interface SessionEvents {

    void publish(BootstrapSessionEvent event);
}
