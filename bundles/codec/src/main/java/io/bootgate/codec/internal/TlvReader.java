/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a TLV payload into entries, recursing into object instance and multiple resource TLVs, without
 * judging whether the nesting makes sense (the decoder does that with better messages). Depth and entry
 * count are limited here, before anything is allocated for them, so recursion and memory stay bounded.
 */
final class TlvReader {

    /** RFC/Core: the identifier 65535 (MAX_ID) is reserved and addresses nothing. */
    private static final int RESERVED_ID = 0xFFFF;

    private final byte[] payload;
    private final CodecLimits limits;
    private int entries;

    private TlvReader(byte[] payload, CodecLimits limits) {
        this.payload = payload;
        this.limits = limits;
    }

    static List<TlvEntry> read(byte[] payload, CodecLimits limits) throws CodecException {
        return new TlvReader(payload, limits).sequence(0, payload.length, 1);
    }

    private CodecException fail(Kind kind, int offset, String detail) {
        return CodecException.atOffset(kind, ContentFormat.TLV, offset, detail);
    }

    private List<TlvEntry> sequence(int start, int end, int depth) throws CodecException {
        List<TlvEntry> list = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            if (depth > limits.maxDepth()) {
                throw fail(Kind.NESTING_TOO_DEEP, pos, "TLV nesting is deeper than " + limits.maxDepth() + " levels");
            }
            if (++entries > limits.maxEntries()) {
                throw fail(Kind.TOO_MANY_ENTRIES, pos, "payload has more than " + limits.maxEntries() + " TLVs");
            }
            int typeByte = payload[pos] & 0xff;
            int type = typeByte >>> 6;
            int idLength = (typeByte & 0x20) != 0 ? 2 : 1;
            int lengthType = (typeByte >>> 3) & 0x3;
            int headerLength = 1 + idLength + lengthType;
            if (pos + headerLength > end) {
                if (end == payload.length) {
                    throw fail(Kind.TRUNCATED, pos, "payload ends inside a TLV header of " + headerLength + " bytes");
                }
                throw fail(
                        Kind.LENGTH_OUT_OF_BOUNDS,
                        pos,
                        "TLV header of " + headerLength + " bytes crosses the end of the enclosing TLV at offset "
                                + end);
            }
            int id = payload[pos + 1] & 0xff;
            if (idLength == 2) {
                id = id << 8 | payload[pos + 2] & 0xff;
            }
            if (id == RESERVED_ID) {
                throw fail(Kind.INVALID_PATH, pos, "TLV id 65535 is reserved");
            }
            int length;
            if (lengthType == 0) {
                length = typeByte & 0x7;
            } else {
                // Bits 2-0 "MUST be ignored" when a length field is present (Core Table 21).
                length = 0;
                for (int i = 0; i < lengthType; i++) {
                    length = length << 8 | payload[pos + 1 + idLength + i] & 0xff;
                }
            }
            int valueOffset = pos + headerLength;
            if (length > end - valueOffset) {
                throw fail(
                        Kind.LENGTH_OUT_OF_BOUNDS,
                        pos,
                        "TLV value of " + length + " bytes runs past "
                                + (end == payload.length ? "the end of the payload" : "the end of the enclosing TLV")
                                + " (" + (end - valueOffset) + " bytes left)");
            }
            List<TlvEntry> children =
                    TlvEntry.isContainer(type) ? sequence(valueOffset, valueOffset + length, depth + 1) : List.of();
            list.add(new TlvEntry(type, id, pos, valueOffset, length, children));
            pos = valueOffset + length;
        }
        return list;
    }
}
