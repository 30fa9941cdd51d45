/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

/**
 * No session to the bootstrap server could be opened: no DTLS bundle is active, the device has no credentials
 * of the account's Security Mode, the security policy refuses the endpoint, or the transport could not create
 * it. The message names the device and the cause; it is meant to be the attempt's failure detail.
 *
 * @since 2.0
 */
public class BootstrapServerSessionException extends Exception {

    private static final long serialVersionUID = 1L;

    public BootstrapServerSessionException(String message) {
        super(message);
    }

    public BootstrapServerSessionException(String message, Throwable cause) {
        super(message, cause);
    }
}
