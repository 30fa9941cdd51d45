/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

import java.util.Objects;

/**
 * One link parameter of a CoRE link (RFC 6690 §2): {@code ssid=101}, {@code uri="coaps://host"} or a bare
 * {@code obs}.
 *
 * @param name the parameter name (RFC 8288 {@code parmname}, optionally ending in {@code *})
 * @param value the value with any quoting and escaping removed, or {@code null} for a parameter without value
 * @param quoted whether the value is written as a quoted-string; a value that is not a valid {@code ptoken}
 *        must be quoted
 */
public record LinkAttribute(String name, String value, boolean quoted) {

    /** @throws IllegalArgumentException if the name, or the value in its chosen form, cannot be written */
    public LinkAttribute {
        Objects.requireNonNull(name, "name");
        if (!isParmName(name)) {
            throw new IllegalArgumentException("invalid link parameter name '" + name + "'");
        }
        if (value == null) {
            if (quoted) {
                throw new IllegalArgumentException("link parameter " + name + " has no value to quote");
            }
        } else if (quoted) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new IllegalArgumentException("link parameter " + name + " has a control character");
                }
            }
        } else if (!isPtoken(value)) {
            throw new IllegalArgumentException("link parameter " + name + " needs a quoted value");
        }
    }

    /** A parameter without value, e.g. {@code obs}. */
    public static LinkAttribute of(String name) {
        return new LinkAttribute(name, null, false);
    }

    /** A parameter whose value is written as a token if it can be, quoted otherwise. */
    public static LinkAttribute of(String name, String value) {
        Objects.requireNonNull(value, "value");
        return new LinkAttribute(name, value, !isPtoken(value));
    }

    /** A parameter whose value is always written quoted, e.g. {@code uri="coaps://host"}. */
    public static LinkAttribute quoted(String name, String value) {
        return new LinkAttribute(name, Objects.requireNonNull(value, "value"), true);
    }

    public boolean hasValue() {
        return value != null;
    }

    /** RFC 8288 attr-char, plus a trailing {@code *} for the ext-name-star form. */
    public static boolean isParmName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean star = c == '*' && i == s.length() - 1 && i > 0;
            if (!isAttrChar(c) && !star) {
                return false;
            }
        }
        return true;
    }

    static boolean isAttrChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }

    /** RFC 6690 ptoken: one or more ptokenchar. */
    public static boolean isPtoken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isPtokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 6690 ptokenchar. */
    public static boolean isPtokenChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "!#$%&'()*+-./:<=>?@[]^_`{|}~".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        if (value == null) {
            return name;
        }
        if (!quoted) {
            return name + "=" + value;
        }
        StringBuilder sb = new StringBuilder(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
