/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.store.StoreCorruptedException;
import java.io.IOException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * Tells what kind of fault an exception of the storage stack is, in words safe to show to a peer: no local
 * path, no library text. The full exception goes to the local log only.
 */
final class StoreFaults {

    static final String NO_SPACE = "no space left on the device";
    static final String NOT_WRITABLE = "the store's file system or directory is read-only or not writable";
    static final String DAMAGED = "the store file is damaged (details in the gateway's log)";
    static final String LOCKED = "the store file is locked by another process";
    static final String IO_ERROR = "an I/O error (details in the gateway's log)";

    private StoreFaults() {}

    /**
     * Whether the fault is that the store cannot write (no space, read-only file system, no permission), as
     * opposed to damage or a lock: the store may then run read-only and retry.
     */
    static boolean isUnwritable(Throwable error) {
        String kind = describe(error);
        return kind.equals(NO_SPACE) || kind.equals(NOT_WRITABLE);
    }

    /** The kind of fault, safe to show. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreCorruptedException) {
                return DAMAGED;
            }
            if (t instanceof MVStoreException mv && mv.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return LOCKED;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason()
                    : String.valueOf(t.getMessage());
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.contains("no space left") || lower.contains("disk quota") || lower.contains("not enough space")) {
                return NO_SPACE;
            }
            if (t instanceof AccessDeniedException
                    || t instanceof ReadOnlyFileSystemException
                    || t instanceof NonWritableChannelException
                    || lower.contains("read-only file system")
                    || lower.contains("permission denied")) {
                return NOT_WRITABLE;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return IO_ERROR;
            }
        }
        return IO_ERROR;
    }
}
