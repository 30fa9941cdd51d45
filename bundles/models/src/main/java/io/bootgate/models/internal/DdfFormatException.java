/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

/** A DDF file that is not a well-formed, safe OMA object definition; the message names the file and the element. */
public final class DdfFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public DdfFormatException(String message) {
        super(message);
    }

    public DdfFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
