/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The back-off between failed runs of a device's mode sequence, after the communication retry resources of
 * the LwM2M Server object (/1/x/17-20, Core 6.2.1.1) and bounded by the engine configuration.
 * <p>
 * Runs are grouped in "communication sequences" of {@code retryCount} runs. Within a sequence, the n-th
 * failed run waits {@code retryTimer × 2^(n-1)} (capped at {@code maxDelay}); after the last run of a
 * sequence the engine waits {@code sequenceDelay} and starts a new sequence. After {@code sequenceRetryCount}
 * failed sequences it gives up until an on-demand bootstrap ({@code 0}: never gives up). A random share of
 * up to {@code jitter} of every delay is added, so that devices that failed together (a bootstrap server
 * outage) do not retry in lockstep.
 *
 * @param retryTimer the base delay (Communication Retry Timer, /1/x/18)
 * @param retryCount runs per sequence (Communication Retry Count, /1/x/17), at least 1
 * @param sequenceDelay delay after a failed sequence (Communication Sequence Delay Timer, /1/x/19)
 * @param sequenceRetryCount sequences before giving up (Communication Sequence Retry Count, /1/x/20); 0 =
 *            unlimited
 * @param maxDelay upper bound of every delay, jitter included
 * @param jitter the largest random share added to a delay, 0..1
 */
public record RetrySettings(
        Duration retryTimer,
        int retryCount,
        Duration sequenceDelay,
        int sequenceRetryCount,
        Duration maxDelay,
        double jitter) {

    public RetrySettings {
        EngineSettings.positive(retryTimer, "retryTimer");
        EngineSettings.positive(sequenceDelay, "sequenceDelay");
        EngineSettings.positive(maxDelay, "maxDelay");
        if (retryCount < 1) {
            throw new IllegalArgumentException("retryCount must be at least 1, got " + retryCount);
        }
        if (sequenceRetryCount < 0) {
            throw new IllegalArgumentException(
                    "sequenceRetryCount must be 0 (unlimited) or more, got " + sequenceRetryCount);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
        }
    }

    /**
     * The engine's defaults: the specification's 60 s retry timer and 5 retries, then an hour between
     * sequences and no giving up, because an unattended gateway must keep trying after an outage.
     */
    public static RetrySettings defaults() {
        return new RetrySettings(Duration.ofSeconds(60), 5, Duration.ofHours(1), 0, Duration.ofDays(1), 0.1);
    }

    /** These settings with the values a device's Server object provisions in place of the defaults. */
    public RetrySettings withProvisioned(ProvisionedRetry provisioned) {
        Objects.requireNonNull(provisioned, "provisioned");
        return new RetrySettings(
                provisioned.retryTimer().filter(d -> !d.isZero()).orElse(retryTimer),
                provisioned.retryCount().filter(n -> n >= 1).orElse(retryCount),
                provisioned.sequenceDelay().filter(d -> !d.isZero()).orElse(sequenceDelay),
                provisioned.sequenceRetryCount().filter(n -> n >= 1).orElse(sequenceRetryCount),
                maxDelay,
                jitter);
    }
}
