/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one device's bootstrap state.
 *
 * @param endpoint the device's endpoint name
 * @param state where it stands
 * @param currentMode the mode whose attempt is in flight (state {@link BootstrapState#BOOTSTRAPPING})
 * @param failedRuns runs in a row in which every mode failed, reset by a success
 * @param lastOutcome the outcome of the last attempt, if any
 * @param lastBootstrapped when the last successful bootstrap was committed
 * @param nextRun when the next run is scheduled, if one is
 */
public record DeviceBootstrapStatus(
        String endpoint,
        BootstrapState state,
        Optional<String> currentMode,
        int failedRuns,
        Optional<BootstrapOutcome> lastOutcome,
        Optional<Instant> lastBootstrapped,
        Optional<Instant> nextRun) {

    public DeviceBootstrapStatus {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currentMode, "currentMode");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        Objects.requireNonNull(lastBootstrapped, "lastBootstrapped");
        Objects.requireNonNull(nextRun, "nextRun");
    }
}
