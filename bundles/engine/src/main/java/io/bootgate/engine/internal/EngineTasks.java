/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own tasks on its shared scheduler, for one device each: a failing task is logged and does not
 * kill a scheduler thread nor stop other devices; a task refused because the engine stopped is dropped.
 */
final class EngineTasks {

    private static final Logger LOG = LoggerFactory.getLogger(EngineTasks.class);

    private final ScheduledExecutorService scheduler;

    EngineTasks(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** @return the scheduled task, or {@code null} when the engine stopped */
    ScheduledFuture<?> schedule(Runnable task, Duration delay, String endpoint) {
        try {
            return scheduler.schedule(guarded(task, endpoint), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("device {}: nothing scheduled, engine stopped", endpoint);
            return null;
        }
    }

    void dispatch(Runnable task, String endpoint) {
        try {
            scheduler.execute(guarded(task, endpoint));
        } catch (RejectedExecutionException e) {
            LOG.debug("device {}: outcome not processed, engine stopped", endpoint);
        }
    }

    private static Runnable guarded(Runnable task, String endpoint) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("device {}: bootstrap engine task failed", endpoint, e);
            }
        };
    }
}
