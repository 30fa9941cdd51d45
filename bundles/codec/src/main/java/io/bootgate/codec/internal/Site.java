/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.ContentFormat;

/** Where in a payload a value was found, so that any check on it can report the place. */
record Site(ContentFormat format, long offset, String field) {

    static Site at(ContentFormat format, long offset) {
        return new Site(format, offset, null);
    }

    CodecException fail(Kind kind, String detail) {
        return new CodecException(kind, format, detail, offset, field, null);
    }

    CodecException fail(Kind kind, String detail, Throwable cause) {
        return new CodecException(kind, format, detail, offset, field, cause);
    }
}
