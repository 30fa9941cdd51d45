/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

import java.util.Objects;

/**
 * A byte value in a JSON file that cannot be resolved. The message names the field (e.g.
 * {@code devices[0].identity.rpkPublicKey.file}) and the reason; the caller adds the JSON file's name.
 */
public class ByteValueException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public ByteValueException(String field, String reason) {
        this(field, reason, null);
    }

    public ByteValueException(String field, String reason, Throwable cause) {
        super(Objects.requireNonNull(field, "field") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.field = field;
        this.reason = reason;
    }

    /** The JSON field whose value is wrong. */
    public String field() {
        return field;
    }

    /** Why, without the field's name. */
    public String reason() {
        return reason;
    }
}
