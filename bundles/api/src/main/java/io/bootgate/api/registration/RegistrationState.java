/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.registration;

/**
 * Where a device stands with one of its LwM2M management servers (OMA LwM2M 1.1 Core 6.2.1 and 6.2.2).
 */
public enum RegistrationState {
    /** A Register is being sent or retried (the 6.2.1.1 retry sequence of /1/x/17-20 is running). */
    REGISTERING,
    /** The server answered 2.01 and the lifetime has not lapsed; Updates keep it alive. */
    REGISTERED,
    /**
     * An Update failed; the device is still counted as registered until its lifetime lapses, and re-registers
     * (Register, not Update) when the server no longer knows the location.
     */
    UPDATE_FAILED,
    /** De-registered (removed account, Disable /1/x/4, device removed, gateway stopping). */
    DEREGISTERED,
    /**
     * Every retry sequence failed, or the server rejected the Register; the device bootstraps again when
     * /1/x/16 (Bootstrap on Registration Failure, default true) says so.
     */
    FAILED,
    /** Disabled by the server through /1/x/4 until the Disable Timeout (/1/x/5) has passed. */
    DISABLED
}
