/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Computes the delay before the next run of a device's mode sequence from the number of runs in a row that
 * failed. See {@link RetrySettings} for the schedule.
 */
public final class RetryPolicy {

    private final DoubleSupplier random;

    /** @param random uniform values in [0, 1) for the jitter */
    public RetryPolicy(DoubleSupplier random) {
        this.random = random;
    }

    /**
     * @param failedRuns runs in a row in which every mode failed, at least 1
     * @return the delay before the next run, or empty when the retry budget is spent
     */
    public Optional<Duration> nextDelay(RetrySettings settings, int failedRuns) {
        if (failedRuns < 1) {
            throw new IllegalArgumentException("failedRuns must be at least 1, got " + failedRuns);
        }
        Duration base = baseDelay(settings, failedRuns).orElse(null);
        if (base == null) {
            return Optional.empty();
        }
        long baseMillis = base.toMillis();
        long jitterMillis = (long) (baseMillis * settings.jitter() * random.getAsDouble());
        long total = Math.min(settings.maxDelay().toMillis(), saturatedAdd(baseMillis, jitterMillis));
        return Optional.of(Duration.ofMillis(total));
    }

    /** The delay without jitter (capped at the maximum), or empty when the retry budget is spent. */
    public static Optional<Duration> baseDelay(RetrySettings settings, int failedRuns) {
        int positionInSequence = (failedRuns - 1) % settings.retryCount() + 1;
        int sequence = (failedRuns - 1) / settings.retryCount() + 1;
        if (positionInSequence < settings.retryCount()) {
            // 2^(n-1) overflows long milliseconds after n = 63: cap the exponent, the result is capped anyway.
            int exponent = Math.min(positionInSequence - 1, 40);
            long millis = saturatedMultiply(settings.retryTimer().toMillis(), 1L << exponent);
            return Optional.of(
                    Duration.ofMillis(Math.min(millis, settings.maxDelay().toMillis())));
        }
        if (settings.sequenceRetryCount() > 0 && sequence >= settings.sequenceRetryCount()) {
            return Optional.empty();
        }
        return Optional.of(
                settings.sequenceDelay().compareTo(settings.maxDelay()) > 0
                        ? settings.maxDelay()
                        : settings.sequenceDelay());
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
