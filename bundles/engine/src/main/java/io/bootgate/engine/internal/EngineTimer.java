/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapTimer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The modes' {@link BootstrapTimer}: the engine's scheduler without the means to shut it down or to wait for
 * it. Rejections (after the engine stopped) reach the caller as {@link java.util.concurrent.RejectedExecutionException}.
 */
final class EngineTimer implements BootstrapTimer {

    private final ScheduledExecutorService scheduler;

    EngineTimer(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public TimerHandle schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        scheduler.execute(Objects.requireNonNull(task, "task"));
    }
}
