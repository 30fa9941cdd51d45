/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

import io.bootgate.api.model.LwM2mPath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of a CoRE Link Format document: a URI reference and its parameters in payload order, e.g.
 * {@code </0/0>;ssid=101;uri="coaps://bs.example"}.
 *
 * @param uriReference the text between {@code <} and {@code >}: printable ASCII without {@code <}, {@code >}
 *        or spaces (RFC 3986 URI-reference)
 * @param attributes the parameters, in order; names may repeat
 */
public record Link(String uriReference, List<LinkAttribute> attributes) {

    /** @throws IllegalArgumentException if the URI reference cannot be written between angle brackets */
    public Link {
        Objects.requireNonNull(uriReference, "uriReference");
        for (int i = 0; i < uriReference.length(); i++) {
            if (!isUriChar(uriReference.charAt(i))) {
                throw new IllegalArgumentException(
                        "URI reference of a link has a character that is not allowed" + " at index " + i);
            }
        }
        attributes = List.copyOf(attributes);
    }

    public static Link of(String uriReference, LinkAttribute... attributes) {
        return new Link(uriReference, List.of(attributes));
    }

    /** A link to an LwM2M path, e.g. {@code </3/0>}. */
    public static Link of(LwM2mPath path, LinkAttribute... attributes) {
        return new Link(path.toString(), List.of(attributes));
    }

    /** Printable ASCII except space, {@code <} and {@code >}: what may stand between the brackets. */
    public static boolean isUriChar(char c) {
        return c > 0x20 && c < 0x7f && c != '<' && c != '>';
    }

    /** The first parameter of that name. */
    public Optional<LinkAttribute> attribute(String name) {
        for (LinkAttribute a : attributes) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The value of the first parameter of that name, if it has one. */
    public Optional<String> attributeValue(String name) {
        return attribute(name).map(LinkAttribute::value);
    }

    /** The LwM2M path this link names, if its URI reference is one ({@code </>} is the root). */
    public Optional<LwM2mPath> lwm2mPath() {
        if (!uriReference.startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LwM2mPath.parse(uriReference));
        } catch (IllegalArgumentException notAPath) {
            // A link to something other than an object tree node (e.g. "/rd"): no LwM2M path, by design.
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append('<').append(uriReference).append('>');
        for (LinkAttribute a : attributes) {
            sb.append(';').append(a);
        }
        return sb.toString();
    }
}
