/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ResourceValue;
import java.time.Instant;

/** Checks shared by all formats for values whose text or numeric form has LwM2M-specific rules. */
final class Values {

    /** {@link Instant} cannot hold every long; LwM2M time values beyond it are refused, not wrapped. */
    private static final long MIN_EPOCH_SECOND = Instant.MIN.getEpochSecond();

    private static final long MAX_EPOCH_SECOND = Instant.MAX.getEpochSecond();

    private Values() {}

    static ResourceValue time(long epochSeconds, Site site) throws CodecException {
        if (epochSeconds < MIN_EPOCH_SECOND || epochSeconds > MAX_EPOCH_SECOND) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "time is outside the range of representable instants");
        }
        return ResourceValue.ofTime(Instant.ofEpochSecond(epochSeconds));
    }

    /**
     * Parses the text form of an object link, {@code <object id>:<instance id>} with each id a decimal in
     * 0..65535 (Core Appendix C). Stricter than {@link ObjectLink#parse}: no signs, no spaces.
     */
    static ObjectLink objectLink(String text, Site site) throws CodecException {
        int colon = text.indexOf(':');
        if (colon < 1
                || colon > 5
                || text.length() - colon - 1 < 1
                || text.length() - colon - 1 > 5
                || !digits(text, 0, colon)
                || !digits(text, colon + 1, text.length())) {
            throw site.fail(Kind.INVALID_VALUE, "object link is not <object id>:<instance id>");
        }
        int objectId = Integer.parseInt(text, 0, colon, 10);
        int instanceId = Integer.parseInt(text, colon + 1, text.length(), 10);
        if (objectId > ObjectLink.NULL_ID || instanceId > ObjectLink.NULL_ID) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "object link ids must be in 0..65535");
        }
        return new ObjectLink(objectId, instanceId);
    }

    static boolean digits(CharSequence text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses an LwM2M path, turning the model's IllegalArgumentException into a typed error. */
    static LwM2mPath path(String text, Site site) throws CodecException {
        // "/65534/65534/65534/65534" is the longest path; checking first keeps messages short.
        if (text.length() > 24) {
            throw site.fail(Kind.INVALID_PATH, "a name of " + text.length() + " characters is no LwM2M path");
        }
        if (!text.startsWith("/")) {
            throw site.fail(Kind.INVALID_PATH, "path '" + text + "' does not start with /");
        }
        if (text.length() > 1 && text.endsWith("/")) {
            throw site.fail(Kind.INVALID_PATH, "path '" + text + "' ends with /");
        }
        try {
            return LwM2mPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw site.fail(Kind.INVALID_PATH, e.getMessage(), e);
        }
    }
}
