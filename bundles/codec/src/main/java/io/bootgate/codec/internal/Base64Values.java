/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import java.util.Base64;

/**
 * Base64 as LwM2M uses it: the classic alphabet with padding in plain text (Core Appendix C), and the
 * URL-safe alphabet without padding for the SenML {@code vd} field (RFC 8428 §4.3, confirmed by OMA for
 * LwM2M 1.1 SenML-JSON). Decoding accepts either alphabet with or without padding in SenML, because
 * deployed clients (older Zephyr and Wakaama) send the classic form, but refuses mixed alphabets and
 * non-canonical trailing bits, so that one byte string has exactly one accepted text per alphabet.
 */
final class Base64Values {

    private Base64Values() {}

    static String encodeUrl(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String encodeClassic(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @return the bytes, or {@code null} if the text is not canonical base64 in either alphabet */
    static byte[] decodeEither(String text) {
        boolean classic = text.indexOf('+') >= 0 || text.indexOf('/') >= 0;
        boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        if (classic && url) {
            return null;
        }
        return decode(
                text,
                url ? Base64.getUrlDecoder() : Base64.getDecoder(),
                url ? Base64.getUrlEncoder() : Base64.getEncoder());
    }

    /** @return the bytes, or {@code null} if the text is not canonical classic base64 */
    static byte[] decodeClassic(String text) {
        return decode(text, Base64.getDecoder(), Base64.getEncoder());
    }

    private static byte[] decode(String text, Base64.Decoder decoder, Base64.Encoder encoder) {
        byte[] bytes;
        try {
            bytes = decoder.decode(text);
        } catch (IllegalArgumentException notBase64) {
            // The JDK signals bad characters and bad padding only this way; the caller reports it typed.
            return null;
        }
        // Re-encoding exposes non-zero trailing bits ("AB==" and "AA==" would otherwise both mean 0x00).
        String canonical = encoder.withoutPadding().encodeToString(bytes);
        String unpadded = text.endsWith("==")
                ? text.substring(0, text.length() - 2)
                : text.endsWith("=") ? text.substring(0, text.length() - 1) : text;
        return canonical.equals(unpadded) ? bytes : null;
    }
}
