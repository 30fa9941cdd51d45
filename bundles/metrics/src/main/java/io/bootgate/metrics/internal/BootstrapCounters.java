/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The counters behind one {@link BootstrapCountersMXBean}; thread-safe, engine events arrive on any thread. */
final class BootstrapCounters implements BootstrapCountersMXBean {

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong notApplicable = new AtomicLong();
    private final AtomicLong lastDurationMillis = new AtomicLong(-1);
    private final AtomicLong successDurationMillisSum = new AtomicLong();

    void started() {
        started.incrementAndGet();
    }

    void ended(BootstrapOutcome.Status status, Duration duration) {
        switch (status) {
            case SUCCESS -> {
                succeeded.incrementAndGet();
                if (duration != null) {
                    successDurationMillisSum.addAndGet(duration.toMillis());
                }
            }
            case FAILURE -> failed.incrementAndGet();
            case NOT_APPLICABLE -> notApplicable.incrementAndGet();
        }
        if (duration != null) {
            lastDurationMillis.set(duration.toMillis());
        }
    }

    @Override
    public long getStarted() {
        return started.get();
    }

    @Override
    public long getSucceeded() {
        return succeeded.get();
    }

    @Override
    public long getFailed() {
        return failed.get();
    }

    @Override
    public long getNotApplicable() {
        return notApplicable.get();
    }

    @Override
    public long getInProgress() {
        return Math.max(0, started.get() - succeeded.get() - failed.get() - notApplicable.get());
    }

    @Override
    public long getLastDurationMillis() {
        return lastDurationMillis.get();
    }

    @Override
    public double getMeanSuccessDurationMillis() {
        long count = succeeded.get();
        return count == 0 ? -1 : (double) successDurationMillisSum.get() / count;
    }
}
