/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

/**
 * The card's content does not have the structure LwM2M Core Appendix G and PKCS#15 define (a malformed
 * directory file, a bootstrap file whose lengths do not add up, TLV that does not decode). The message names
 * the file or structure and what is wrong with it.
 */
final class CardDataException extends Exception {

    private static final long serialVersionUID = 1L;

    CardDataException(String message) {
        super(message);
    }

    CardDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
