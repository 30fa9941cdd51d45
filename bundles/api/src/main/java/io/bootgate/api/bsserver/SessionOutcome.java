/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

/** How a bootstrap session ended. */
public enum SessionOutcome {
    /** Bootstrap-Finish was answered 2.04 (or the Bootstrap-Pack was delivered). */
    SUCCEEDED,
    /** Bootstrap-Finish was answered 4.06: the client found the configuration inconsistent. */
    INCONSISTENT,
    /** A step failed (error response or transport failure); no Finish was sent, so the client rolls back. */
    FAILED,
    /** A newer request of the same endpoint, an operator or the server's shutdown cancelled the session. */
    CANCELLED,
    /** No response within the session timeout. */
    TIMED_OUT
}
