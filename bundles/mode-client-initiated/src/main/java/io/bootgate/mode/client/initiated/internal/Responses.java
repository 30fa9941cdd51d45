/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.transport.CoapResponse;
import java.nio.charset.StandardCharsets;

/** Describes a bootstrap server's answer for logs and failure causes. */
final class Responses {

    /** Enough of a server's explanation to act on, short enough for one log line. */
    private static final int MAX_TEXT = 200;

    private Responses() {}

    /**
     * The code and the server's explanation: its diagnostic, or a text/plain payload of an error answer (as
     * Leshan sends one), with control characters replaced so that a hostile text cannot forge log lines.
     */
    static String describe(CoapResponse response) {
        String text = response.diagnostic().orElse(null);
        if (text == null && !response.isSuccess() && response.contentFormat().orElse(-1) == ContentFormat.TEXT.code()) {
            text = new String(response.payload(), StandardCharsets.UTF_8);
        }
        if (text == null || text.isBlank()) {
            return response.code().toString();
        }
        String clean = text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .limit(MAX_TEXT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return response.code() + " \"" + clean + (text.length() > MAX_TEXT ? "...\"" : "\"");
    }
}
