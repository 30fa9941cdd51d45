/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.ContentFormat;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: String's own constructor replaces bad bytes with U+FFFD, which would let a corrupted value
 * be stored as if it were what the peer meant.
 */
final class Utf8 {

    private Utf8() {}

    /**
     * Decodes {@code length} bytes at {@code offset}, rejecting malformed sequences, overlong forms and
     * encoded surrogates.
     *
     * @throws CodecException {@link Kind#INVALID_UTF8} at the offset of the first bad byte
     */
    static String decode(byte[] bytes, int offset, int length, ContentFormat format, String field)
            throws CodecException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        // A UTF-8 sequence never yields more UTF-16 units than it has bytes.
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new CodecException(Kind.INVALID_UTF8, format, "invalid UTF-8 sequence", in.position(), field, null);
        }
        return out.flip().toString();
    }

    /** Checks a whole payload, for formats that are UTF-8 text throughout (JSON, link format). */
    static void validate(byte[] bytes, ContentFormat format) throws CodecException {
        decode(bytes, 0, bytes.length, format, null);
    }

    /**
     * Encodes a string, refusing unpaired surrogates, which have no UTF-8 form.
     *
     * @throws CodecException {@link Kind#UNREPRESENTABLE}
     */
    static byte[] encode(String value, ContentFormat format, String what) throws CodecException {
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer out = encoder.encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CodecException(
                    Kind.UNREPRESENTABLE,
                    format,
                    what + " has an unpaired surrogate, which UTF-8" + " cannot carry",
                    -1,
                    null,
                    e);
        }
    }
}
