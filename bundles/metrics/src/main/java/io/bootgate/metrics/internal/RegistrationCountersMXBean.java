/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

/**
 * Registrations of the devices with their LwM2M management servers ({@code io.bootgate:type=Registrations}),
 * one per device and server (short server id), since the metrics bundle started.
 */
public interface RegistrationCountersMXBean {

    /** Device-server pairs registered now (REGISTERED, or UPDATE_FAILED while the lifetime lasts). */
    long getRegisteredNow();

    /** Times a device-server pair became REGISTERED (a Register answered 2.01; Updates do not count). */
    long getRegistrations();

    /** Times an Update failed. */
    long getUpdateFailures();

    /** Times a registration ended FAILED (the retry sequence gave up). */
    long getFailures();

    /** Times a pair was de-registered. */
    long getDeregistrations();
}
