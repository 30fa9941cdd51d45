/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The engine's state of one device: its place in the run state machine ({@link RunState}, changed only by
 * {@link #moveTo}, which refuses an illegal transition), the attempt in flight and the run's progress. Every
 * field is guarded by the record's monitor; the engine never holds two device monitors at once.
 */
final class DeviceRecord {

    final String endpoint;
    DeviceBootstrapConfig config;
    private RunState state = RunState.ADDED;
    /** The last reportable state: {@link RunState#REMOVED} keeps reporting the state before it. */
    private BootstrapState reported = BootstrapState.PENDING;
    /** The attempt in flight, if any. */
    Attempt current;
    /** The next run, a hold-off or a store-busy retry. */
    ScheduledFuture<?> pending;
    /**
     * Bumped by every {@link #cancelPending()}: a scheduled run compares it under the device's lock, because
     * {@code cancel} cannot stop a task that has already started and is waiting for that lock.
     */
    long pendingGeneration;

    Instant nextRun;
    /** The device's place in the attempt admission queue while {@link RunState#QUEUED}. */
    AttemptAdmission.Ticket queued;
    /** An admission slot granted and not yet handed to an attempt (or given back). */
    AttemptAdmission.Slot slot;

    ScheduledFuture<?> purge;
    int failedRuns;
    /**
     * The modes the current run tries: the device's sequence, or the single mode a run was requested for
     * ({@code BootstrapEngine.requestBootstrap(endpoint, mode)}).
     */
    List<String> runSequence = List.of();
    /** Index in {@link #runSequence} of the mode being tried in the current run. */
    int modeIndex;
    /** The index whose Client Hold Off Time has been waited already in this run; -1 for none. */
    int heldOffIndex = -1;
    /** Whether a mode of the current run got to make an attempt (or all were skipped). */
    boolean runAttempted;

    BootstrapOutcome lastOutcome;
    /** Whether the last run failed on the object store (not on a mode): retried as soon as the store heals. */
    boolean storeFault;

    Instant lastBootstrapped;
    CompletableFuture<BootstrapOutcome> runResult = new CompletableFuture<>();

    DeviceRecord(DeviceBootstrapConfig config) {
        this.endpoint = config.endpoint();
        this.config = config;
    }

    RunState state() {
        return state;
    }

    /**
     * Moves the device to {@code next}.
     *
     * @throws IllegalStateException when the state machine does not allow that transition
     */
    void moveTo(RunState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("device " + endpoint + ": no transition from " + state + " to " + next
                    + " (allowed: " + state.successors() + ")");
        }
        state = next;
        next.reported().ifPresent(r -> reported = r);
    }

    void cancelPending() {
        pendingGeneration++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (queued != null) {
            queued.cancel();
            queued = null;
        }
        releaseSlot();
        nextRun = null;
    }

    /** Gives back an admission slot that no attempt took. */
    void releaseSlot() {
        if (slot != null) {
            slot.release();
            slot = null;
        }
    }

    void cancelPurge() {
        if (purge != null) {
            purge.cancel(false);
            purge = null;
        }
    }

    DeviceBootstrapStatus status() {
        return new DeviceBootstrapStatus(
                endpoint,
                reported,
                current == null ? Optional.empty() : Optional.of(current.modeName()),
                failedRuns,
                Optional.ofNullable(lastOutcome),
                Optional.ofNullable(lastBootstrapped),
                Optional.ofNullable(nextRun));
    }
}
