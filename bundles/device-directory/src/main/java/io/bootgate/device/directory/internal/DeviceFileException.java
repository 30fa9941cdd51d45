/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

/** A device file is refused: the message names the file, the line when one is at fault, and the cause. */
final class DeviceFileException extends Exception {

    private static final long serialVersionUID = 1L;

    DeviceFileException(String message, Throwable cause) {
        super(message, cause);
    }

    DeviceFileException(String message) {
        super(message);
    }
}
