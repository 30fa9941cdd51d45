/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

/**
 * Sessions of the embedded bootstrap server ({@code io.bootgate:type=BootstrapServerSessions}), by outcome, since
 * the metrics bundle started.
 */
public interface SessionCountersMXBean {

    long getStarted();

    /** Sessions in progress now (started and not ended). */
    long getActive();

    long getSucceeded();

    /** Bootstrap-Finish answered 4.06: the client found the configuration inconsistent. */
    long getInconsistent();

    long getFailed();

    long getCancelled();

    long getTimedOut();

    /** Duration of the last ended session in milliseconds; -1 before the first. */
    long getLastDurationMillis();
}
