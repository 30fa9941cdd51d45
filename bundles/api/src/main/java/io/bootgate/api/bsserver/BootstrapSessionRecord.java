/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bootstrap session as the server's {@link BootstrapSessionHistory} keeps it: how it started, its steps so
 * far and, once it ended, how.
 *
 * @param endpoint the endpoint name
 * @param sessionId the session's id within its server run
 * @param started the start event; empty when the history saw only the session's later events (it was created
 *            while the session ran)
 * @param steps the steps in order, at most {@link BootstrapSessionHistory#MAX_STEPS}
 * @param droppedSteps how many further steps were not kept, to keep memory bounded
 * @param ended the end event; empty while the session runs
 * @since 2.1
 */
public record BootstrapSessionRecord(
        String endpoint,
        long sessionId,
        Optional<BootstrapSessionEvent.Started> started,
        List<BootstrapSessionEvent.Step> steps,
        int droppedSteps,
        Optional<BootstrapSessionEvent.Ended> ended) {

    public BootstrapSessionRecord {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(started, "started");
        steps = List.copyOf(steps);
        Objects.requireNonNull(ended, "ended");
        if (droppedSteps < 0) {
            throw new IllegalArgumentException("droppedSteps must not be negative");
        }
    }

    /** Whether the session is still running. */
    public boolean live() {
        return ended.isEmpty();
    }
}
