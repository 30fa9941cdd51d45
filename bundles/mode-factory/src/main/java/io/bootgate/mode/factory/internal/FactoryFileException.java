/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

/** A factory file that cannot be used; the message names the file and the place, never a key value. */
final class FactoryFileException extends Exception {

    private static final long serialVersionUID = 1L;

    FactoryFileException(String message) {
        super(message);
    }

    FactoryFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
