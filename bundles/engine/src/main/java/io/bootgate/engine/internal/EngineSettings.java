/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's tunables, from its Config Admin configuration ({@link EngineConfiguration}).
 *
 * @param exchangeLifetime how long an attempt may go without a Bootstrap-Interface command before it fails
 *            (EXCHANGE_LIFETIME, RFC 7252: 247 s)
 * @param retry the back-off between runs of a device's mode sequence
 * @param storeBusyDelay how long to wait before trying again when the device's store is held by another
 *            transaction (for example a management write) at the start of an attempt
 * @param maxConcurrentAttempts bootstrap attempts in flight at most, across all devices; others wait their
 *            turn (state PENDING) before their attempt, and its EXCHANGE_LIFETIME, starts
 * @param firstStartJitter a device's first run after it is added starts after a random delay up to this,
 *            so that devices added at once do not all handshake at once; zero for none
 */
public record EngineSettings(
        Duration exchangeLifetime,
        RetrySettings retry,
        Duration storeBusyDelay,
        int maxConcurrentAttempts,
        Duration firstStartJitter) {

    public static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(247);

    /** The default of {@code maxConcurrentAttempts}: enough to keep 2 cores busy with handshakes. */
    public static final int MAX_CONCURRENT_ATTEMPTS = 32;

    /** The default of {@code firstStartJitter}. */
    public static final Duration FIRST_START_JITTER = Duration.ofMillis(2000);

    public EngineSettings {
        positive(exchangeLifetime, "exchangeLifetime");
        Objects.requireNonNull(retry, "retry");
        positive(storeBusyDelay, "storeBusyDelay");
        if (maxConcurrentAttempts < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentAttempts must be at least 1, got " + maxConcurrentAttempts);
        }
        Objects.requireNonNull(firstStartJitter, "firstStartJitter");
        if (firstStartJitter.isNegative()) {
            throw new IllegalArgumentException("firstStartJitter must not be negative, got " + firstStartJitter);
        }
    }

    /**
     * Settings without admission control (no attempt limit, no first-start jitter), as the engine ran before
     * it had them: for tests that time attempts exactly.
     */
    public EngineSettings(Duration exchangeLifetime, RetrySettings retry, Duration storeBusyDelay) {
        this(exchangeLifetime, retry, storeBusyDelay, Integer.MAX_VALUE, Duration.ZERO);
    }

    /** The defaults of {@link EngineConfiguration}. */
    public static EngineSettings defaults() {
        return new EngineSettings(
                EXCHANGE_LIFETIME,
                RetrySettings.defaults(),
                Duration.ofSeconds(1),
                MAX_CONCURRENT_ATTEMPTS,
                FIRST_START_JITTER);
    }

    /** These settings with another attempt limit and first-start jitter. */
    public EngineSettings withAdmission(int maxConcurrentAttempts, Duration firstStartJitter) {
        return new EngineSettings(exchangeLifetime, retry, storeBusyDelay, maxConcurrentAttempts, firstStartJitter);
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
