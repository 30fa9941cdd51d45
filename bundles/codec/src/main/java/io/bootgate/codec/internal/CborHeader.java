/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

/**
 * The initial byte and argument of one CBOR data item (RFC 8949 §3), read at the offset where Jackson
 * reports a token. Jackson decodes the items; this only looks at how they were encoded, to refuse the
 * encodings LwM2M payloads must not use, which Jackson accepts silently (tags, indefinite lengths, simple
 * values that it reports as numbers).
 *
 * @param majorType 0..7
 * @param additionalInfo the low 5 bits of the initial byte
 * @param argument the argument value, as an unsigned 64-bit number in a long
 * @param headerLength bytes of initial byte plus argument, or -1 if the payload ends inside them
 */
record CborHeader(int majorType, int additionalInfo, long argument, int headerLength) {

    static final int UNSIGNED = 0;
    static final int NEGATIVE = 1;
    static final int BYTES = 2;
    static final int TEXT = 3;
    static final int ARRAY = 4;
    static final int MAP = 5;
    static final int TAG = 6;
    static final int SIMPLE_OR_FLOAT = 7;
    static final int INDEFINITE = 31;

    /** @return the header at {@code offset}, or {@code null} if the offset is outside the payload */
    static CborHeader at(byte[] payload, long offset) {
        if (offset < 0 || offset >= payload.length) {
            return null;
        }
        int pos = (int) offset;
        int initial = payload[pos] & 0xff;
        int info = initial & 0x1f;
        int size = info < 24 ? 0 : info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
        if (pos + 1 + size > payload.length) {
            return new CborHeader(initial >>> 5, info, 0, -1);
        }
        long argument = info < 24 ? info : 0;
        for (int i = 1; i <= size; i++) {
            argument = argument << 8 | (payload[pos + i] & 0xff);
        }
        return new CborHeader(initial >>> 5, info, argument, 1 + size);
    }

    boolean isIndefinite() {
        return additionalInfo == INDEFINITE && majorType >= BYTES && majorType <= MAP;
    }
}
