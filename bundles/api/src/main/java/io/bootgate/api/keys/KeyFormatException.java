/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

import java.util.Objects;

/**
 * Key material that cannot be used: unreadable, of a refused algorithm, or not what was asked for. The
 * message names the source (a file, a configuration field, a resource path) and the reason; it never quotes
 * the key bytes.
 */
public class KeyFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    /**
     * @param source what was read, e.g. a file path or {@code /0/1/5}
     * @param reason why it cannot be used, without key bytes
     */
    public KeyFormatException(String source, String reason) {
        this(source, reason, null);
    }

    public KeyFormatException(String source, String reason, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.source = source;
        this.reason = reason;
    }

    /** The file, field or resource that was read. */
    public String source() {
        return source;
    }

    /** Why it cannot be used, without the source's name. */
    public String reason() {
        return reason;
    }
}
