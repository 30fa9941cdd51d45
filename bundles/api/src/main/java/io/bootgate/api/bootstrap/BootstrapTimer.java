/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine's timers and continuations, as a mode may use them: run a task soon ({@link #execute}) or after
 * a delay ({@link #schedule}). Backed by the engine's scheduler, which is bounded and shared by every device:
 * never block in a task. A mode cannot stop it; the engine does when it stops, and then refuses new tasks.
 * <p>
 * An {@link Executor}, so that a mode can continue a stage on it ({@code stage.whenCompleteAsync(f, timer)}),
 * never on a transport's thread. Thread safe.
 *
 * @since 2.0
 */
@ProviderType
public interface BootstrapTimer extends Executor {

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @return a handle that cancels the task if it has not started yet
     * @throws RejectedExecutionException when the engine has stopped
     */
    TimerHandle schedule(Runnable task, Duration delay);

    /**
     * Runs {@code task} soon on the engine's scheduler.
     *
     * @throws RejectedExecutionException when the engine has stopped
     */
    @Override
    void execute(Runnable task);

    /** A scheduled task. */
    @ProviderType
    interface TimerHandle {

        /**
         * Cancels the task unless it has started. Does nothing when it already ran or was cancelled.
         *
         * @return whether this call kept the task from running
         */
        boolean cancel();
    }
}
