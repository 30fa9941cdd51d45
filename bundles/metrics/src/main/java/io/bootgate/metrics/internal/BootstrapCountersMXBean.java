/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

/**
 * Bootstrap attempts of the engine, all modes together ({@code io.bootgate:type=Bootstraps}) or of one mode
 * ({@code io.bootgate:type=Bootstraps,mode=<name>}). Counts since the metrics bundle started.
 */
public interface BootstrapCountersMXBean {

    /** Attempts started (one per mode tried). */
    long getStarted();

    /** Attempts that ended with the device bootstrapped. */
    long getSucceeded();

    /** Attempts that ended failed. */
    long getFailed();

    /** Attempts whose mode did not apply to the device (the engine went on with the next mode). */
    long getNotApplicable();

    /** Attempts started and not yet ended. */
    long getInProgress();

    /** Duration of the last ended attempt in milliseconds; -1 before the first. */
    long getLastDurationMillis();

    /** Mean duration of the succeeded attempts in milliseconds; -1 before the first. */
    double getMeanSuccessDurationMillis();
}
