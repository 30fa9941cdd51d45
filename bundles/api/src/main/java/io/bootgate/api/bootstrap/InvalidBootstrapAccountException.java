/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.SecurityPolicyException;

/**
 * A device's Bootstrap-Server account cannot be used: a resource is missing or unreadable, there are several
 * Bootstrap-Server accounts, or the security policy of the Bootstrap interface refuses it (coap://, PSK,
 * NoSec). The message names the device, where the account came from and the cause, never key bytes.
 *
 * @since 2.0
 */
public class InvalidBootstrapAccountException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidBootstrapAccountException(String message) {
        super(message);
    }

    public InvalidBootstrapAccountException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the account was refused by {@link BootstrapSecurityPolicy}. */
    public boolean isPolicyViolation() {
        return getCause() instanceof SecurityPolicyException;
    }
}
