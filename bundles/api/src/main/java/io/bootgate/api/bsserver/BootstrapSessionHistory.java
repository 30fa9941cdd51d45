/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The bootstrap server's running sessions and a bounded, in-memory history of the ones that ended (lost on
 * restart), for operators ({@code bootgate:bs-sessions}). Registered by the bootstrap server bundle.
 *
 * @since 2.1
 */
@ProviderType
public interface BootstrapSessionHistory {

    /** How many steps of one session are kept; a session has far fewer unless its config is unusually large. */
    int MAX_STEPS = 64;

    /** The sessions that have started and not ended, oldest first. */
    List<BootstrapSessionRecord> live();

    /** The ended sessions, newest first, at most {@link #capacity()}. */
    List<BootstrapSessionRecord> recent();

    /** How many ended sessions are kept. */
    int capacity();
}
