/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

/**
 * The card answered a command with an error status word (ISO 7816-4 / ETSI TS 102 221 SW1-SW2). The message
 * names the command, the file or application it addressed and the status word with its meaning.
 */
final class CardStatusException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int statusWord;

    CardStatusException(String command, int statusWord) {
        super(command + " answered " + StatusWords.describe(statusWord));
        this.statusWord = statusWord;
    }

    int statusWord() {
        return statusWord;
    }

    /** Whether the card said the file or application does not exist (6A82). */
    boolean notFound() {
        return statusWord == StatusWords.FILE_NOT_FOUND;
    }
}
