/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

/** Where a device stands in its bootstrap. */
public enum BootstrapState {
    /** Known, waiting for its first run (or for the Client Hold Off Time). */
    PENDING,
    /** A mode's attempt is in flight. */
    BOOTSTRAPPING,
    /** The last run succeeded; the device's configuration is committed. */
    BOOTSTRAPPED,
    /** Every mode of the last run failed; the next run is scheduled. */
    BACKING_OFF,
    /** Every mode failed and the retry budget is spent; waits for an on-demand bootstrap. */
    FAILED,
    /**
     * The device's stored entry is unreadable (the store quarantined it); the device is not retried until the
     * entry is deleted (the engine then bootstraps it into a fresh entry) or restored from a backup. Since 2.1.
     */
    QUARANTINED
}
