/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapState;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where one device stands in the engine's per-device run state machine. Each state names the
 * {@link BootstrapState} it is reported as; {@link #canMoveTo} is the table of legal transitions, which
 * {@link DeviceRecord#moveTo} enforces.
 * <p>
 * A run tries the device's modes in order; while it goes from one mode to the next it is
 * {@link #ATTEMPTING} (an attempt in flight), {@link #WAITING} (the Client Hold Off Time, or a busy store,
 * before the next attempt), {@link #QUEUED} (for an attempt slot) or it ends: {@link #BOOTSTRAPPED}, {@link #BACKING_OFF} (the next run is
 * scheduled) or {@link #FAILED} (retries spent). A requested run may start from any state but
 * {@link #REMOVED}.
 */
enum RunState {

    /** Just added, not yet looked at. */
    ADDED(BootstrapState.PENDING),
    /** The device's first run is scheduled. */
    SCHEDULED(BootstrapState.PENDING),
    /** Within a run, waiting before the next attempt: the Client Hold Off Time or a busy store. */
    WAITING(BootstrapState.PENDING),
    /**
     * Within a run, waiting for one of the engine's attempt slots ({@code maxConcurrentAttempts}): reported as
     * PENDING, and no EXCHANGE_LIFETIME runs yet.
     */
    QUEUED(BootstrapState.PENDING),
    /** A mode's attempt is in flight. */
    ATTEMPTING(BootstrapState.BOOTSTRAPPING),
    /** The last run committed a consistent configuration (or one survived a restart). */
    BOOTSTRAPPED(BootstrapState.BOOTSTRAPPED),
    /** Every mode of the last run failed; the next run is scheduled. */
    BACKING_OFF(BootstrapState.BACKING_OFF),
    /** Every mode failed and the retry budget is spent; waits for a requested run. */
    FAILED(BootstrapState.FAILED),
    /**
     * The device's stored entry is unreadable; no run is scheduled. A requested run, or the deletion of the entry
     * (the engine then bootstraps the device into a fresh one), starts a run again.
     */
    QUARANTINED(BootstrapState.QUARANTINED),
    /** No longer run by the engine (configuration withdrawn or engine stopped). Final. */
    REMOVED(null);

    private final BootstrapState reported;

    RunState(BootstrapState reported) {
        this.reported = reported;
    }

    /** The state as {@link io.bootgate.api.bootstrap.BootstrapEngine#state} reports it; empty for {@link #REMOVED}. */
    Optional<BootstrapState> reported() {
        return Optional.ofNullable(reported);
    }

    /** Whether a run may end or go on from here (a run in progress, or a requested run starting). */
    private boolean runsFromHere() {
        return this != ADDED && this != REMOVED;
    }

    /** Whether the state machine may go from this state to {@code next}. */
    boolean canMoveTo(RunState next) {
        return switch (next) {
            case ADDED -> false;
            case SCHEDULED -> this == ADDED;
            case BOOTSTRAPPED -> this == ADDED || this == ATTEMPTING;
                // A run goes on with another mode (after an attempt ended), or a requested run starts.
            case ATTEMPTING, WAITING, QUEUED, BACKING_OFF, FAILED, QUARANTINED -> runsFromHere()
                    || next == QUARANTINED && this == ADDED;
            case REMOVED -> this != REMOVED;
        };
    }

    /** The states {@code this} may move to, for messages. */
    Set<RunState> successors() {
        Set<RunState> successors = EnumSet.noneOf(RunState.class);
        for (RunState next : values()) {
            if (canMoveTo(next)) {
                successors.add(next);
            }
        }
        return successors;
    }
}
