/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

/**
 * The store's file is corrupted, unreadable, not a Bootgate object store, or cannot be decrypted with the
 * configured key. The store refuses to start rather than replace it: the file is left untouched for the
 * operator to restore from a backup or to move away.
 */
public class StoreCorruptedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String file;

    public StoreCorruptedException(String file, String message, Throwable cause) {
        super("object store " + file + " is unusable: " + message, cause);
        this.file = file;
    }

    /** The file that could not be used. */
    public String file() {
        return file;
    }
}
