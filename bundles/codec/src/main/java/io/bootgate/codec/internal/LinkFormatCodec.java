/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkAttribute;
import io.bootgate.api.model.ContentFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CoRE Link Format (RFC 6690 §2), content format 40, as a hand-written parser: the grammar is a handful of
 * productions and no JSON/CBOR library covers it.
 * <p>
 * Accepted: {@code <uri>} followed by {@code ;name}, {@code ;name=ptoken} or {@code ;name="quoted"} parameters
 * (with {@code \} escapes in quoted strings), links separated by {@code ,}. Spaces and tabs around the
 * separators are tolerated, because the LwM2M Core specification's own Discover examples contain them
 * ({@code </3/0/1>, </3/0/2>}); nothing else outside the grammar is.
 */
public final class LinkFormatCodec {

    private static final ContentFormat LINK = ContentFormat.LINK;

    private final CodecLimits limits;

    public LinkFormatCodec(CodecLimits limits) {
        this.limits = limits;
    }

    public byte[] serialize(List<Link> links) {
        StringBuilder sb = new StringBuilder();
        for (Link link : links) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(link);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public List<Link> parse(byte[] payload) throws CodecException {
        if (payload.length > limits.maxPayloadBytes()) {
            throw CodecException.atOffset(
                    Kind.PAYLOAD_TOO_LARGE,
                    LINK,
                    limits.maxPayloadBytes(),
                    "payload of " + payload.length + " bytes is above the limit of " + limits.maxPayloadBytes());
        }
        // RFC 6690 §2: link format is UTF-8; checking first also lets the parser work on bytes.
        Utf8.validate(payload, LINK);
        return new Parser(payload).links();
    }

    /** RFC 8288 attr-char, the characters of a parameter name. */
    private static boolean isAttrChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "!#$&+-.^_`|~".indexOf(b) >= 0;
    }

    private final class Parser {
        private final byte[] in;
        private int pos;
        private int entries;

        Parser(byte[] in) {
            this.in = in;
        }

        private CodecException fail(Kind kind, int offset, String detail) {
            return CodecException.atOffset(kind, LINK, offset, detail);
        }

        private boolean atEnd() {
            return pos >= in.length;
        }

        private void skipSpace() {
            while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t')) {
                pos++;
            }
        }

        private void count(int offset) throws CodecException {
            if (++entries > limits.maxEntries()) {
                throw fail(
                        Kind.TOO_MANY_ENTRIES,
                        offset,
                        "payload has more than " + limits.maxEntries() + " links and parameters");
            }
        }

        List<Link> links() throws CodecException {
            List<Link> links = new ArrayList<>();
            skipSpace();
            if (atEnd()) {
                return links;
            }
            while (true) {
                links.add(link());
                skipSpace();
                if (atEnd()) {
                    return links;
                }
                if (in[pos] != ',') {
                    throw fail(Kind.MALFORMED, pos, "expected , or ; after a link");
                }
                pos++;
                skipSpace();
                if (atEnd()) {
                    throw fail(Kind.MALFORMED, pos, "payload ends after ,");
                }
            }
        }

        private Link link() throws CodecException {
            int start = pos;
            count(start);
            if (in[pos] != '<') {
                throw fail(Kind.MALFORMED, pos, "a link starts with <");
            }
            pos++;
            int uriStart = pos;
            while (pos < in.length && in[pos] != '>') {
                if (!Link.isUriChar((char) (in[pos] & 0xff))) {
                    throw fail(Kind.MALFORMED, pos, "character not allowed in a URI reference");
                }
                pos++;
            }
            if (atEnd()) {
                throw fail(Kind.MALFORMED, start, "URI reference opened with < is not closed with >");
            }
            String uri = new String(in, uriStart, pos - uriStart, StandardCharsets.US_ASCII);
            pos++;
            List<LinkAttribute> attributes = new ArrayList<>();
            while (true) {
                skipSpace();
                if (atEnd() || in[pos] != ';') {
                    return new Link(uri, attributes);
                }
                pos++;
                skipSpace();
                attributes.add(attribute());
            }
        }

        private LinkAttribute attribute() throws CodecException {
            int start = pos;
            count(start);
            while (pos < in.length && (isAttrChar(in[pos]) || in[pos] == '*' && pos > start)) {
                pos++;
            }
            if (pos == start) {
                throw fail(Kind.MALFORMED, pos, "expected a parameter name after ;");
            }
            String name = new String(in, start, pos - start, StandardCharsets.US_ASCII);
            if (!LinkAttribute.isParmName(name)) {
                throw fail(Kind.MALFORMED, start, "invalid parameter name");
            }
            if (atEnd() || in[pos] != '=') {
                return LinkAttribute.of(name);
            }
            pos++;
            if (atEnd()) {
                throw fail(Kind.MALFORMED, pos, "payload ends after =");
            }
            if (in[pos] == '"') {
                return new LinkAttribute(name, quoted(), true);
            }
            int valueStart = pos;
            while (pos < in.length && in[pos] >= 0 && LinkAttribute.isPtokenChar((char) in[pos])) {
                pos++;
            }
            if (pos == valueStart) {
                throw fail(Kind.MALFORMED, pos, "parameter " + name + " has = but no value");
            }
            return new LinkAttribute(
                    name, new String(in, valueStart, pos - valueStart, StandardCharsets.US_ASCII), false);
        }

        /** A quoted-string (RFC 7230 §3.2.6): any text but {@code "} and {@code \}, which are escaped. */
        private String quoted() throws CodecException {
            int open = pos;
            pos++;
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            while (true) {
                if (atEnd()) {
                    throw fail(Kind.MALFORMED, open, "quoted string opened at offset " + open + " is not terminated");
                }
                int b = in[pos] & 0xff;
                if (b == '"') {
                    pos++;
                    // The payload was validated as UTF-8 and escapes only drop ASCII backslashes.
                    return value.toString(StandardCharsets.UTF_8);
                }
                if (b == '\\') {
                    pos++;
                    if (atEnd()) {
                        throw fail(
                                Kind.MALFORMED, open, "quoted string opened at offset " + open + " is not terminated");
                    }
                    b = in[pos] & 0xff;
                }
                if (b < 0x20 && b != '\t' || b == 0x7f) {
                    throw fail(Kind.MALFORMED, pos, "control character in a quoted string");
                }
                value.write(b);
                pos++;
            }
        }
    }
}
