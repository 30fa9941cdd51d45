/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

/**
 * There is nothing to read: no smartcard subsystem, no reader, or no card in the reader. The attempt ends
 * as "not applicable" so that the device's sequence goes on with its next mode.
 */
final class SmartcardAbsentException extends Exception {

    private static final long serialVersionUID = 1L;

    SmartcardAbsentException(String message) {
        super(message);
    }

    SmartcardAbsentException(String message, Throwable cause) {
        super(message, cause);
    }
}
