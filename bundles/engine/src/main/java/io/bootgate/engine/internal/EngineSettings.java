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
 */
public record EngineSettings(Duration exchangeLifetime, RetrySettings retry, Duration storeBusyDelay) {

    public static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(247);

    public EngineSettings {
        positive(exchangeLifetime, "exchangeLifetime");
        Objects.requireNonNull(retry, "retry");
        positive(storeBusyDelay, "storeBusyDelay");
    }

    public static EngineSettings defaults() {
        return new EngineSettings(EXCHANGE_LIFETIME, RetrySettings.defaults(), Duration.ofSeconds(1));
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
