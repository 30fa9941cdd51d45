/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened in a device's bootstrap. Immutable.
 *
 * @param endpoint the device's endpoint name
 * @param type what happened
 * @param time when, by the engine's clock
 * @param mode the mode concerned; empty for events of the whole sequence
 * @param outcome the outcome, for {@link Type#ATTEMPT_ENDED}, {@link Type#BOOTSTRAPPED},
 *            {@link Type#SEQUENCE_FAILED} and {@link Type#GAVE_UP}
 * @param retryDelay the delay before the next run, for {@link Type#SEQUENCE_FAILED}
 */
public record BootstrapEvent(
        String endpoint,
        Type type,
        Instant time,
        Optional<String> mode,
        Optional<BootstrapOutcome> outcome,
        Optional<Duration> retryDelay) {

    /** The kinds of event. */
    public enum Type {
        /** A mode's attempt started (after any hold-off). */
        ATTEMPT_STARTED,
        /** A mode of the sequence was skipped because no such mode is installed. */
        MODE_SKIPPED,
        /** A mode's attempt ended, with its outcome. */
        ATTEMPT_ENDED,
        /** The device was bootstrapped; the configuration is committed. */
        BOOTSTRAPPED,
        /** Every mode of the sequence failed; a new run is scheduled after {@code retryDelay}. */
        SEQUENCE_FAILED,
        /** Every mode failed and the retry budget is spent; only {@link BootstrapEngine#requestBootstrap} resumes. */
        GAVE_UP,
        /** The Bootstrap-Server account was purged after its Bootstrap-Server Account Timeout (/0/x/12). */
        BOOTSTRAP_ACCOUNT_PURGED
    }

    public BootstrapEvent {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryDelay, "retryDelay");
    }
}
