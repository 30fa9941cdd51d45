/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Optional;

/**
 * CoAP content formats (the IANA "CoAP Content-Formats" registry) used by LwM2M 1.0/1.1.
 */
public enum ContentFormat {
    TEXT(0, "text/plain"),
    LINK(40, "application/link-format"),
    OPAQUE(42, "application/octet-stream"),
    CBOR(60, "application/cbor"),
    SENML_JSON(110, "application/senml+json"),
    SENML_CBOR(112, "application/senml+cbor"),
    TLV(11542, "application/vnd.oma.lwm2m+tlv"),
    /** The LwM2M 1.0 JSON format; recognised so that it can be refused with 4.15, not decoded. */
    OMA_JSON(11543, "application/vnd.oma.lwm2m+json");

    private final int code;
    private final String mediaType;

    ContentFormat(int code, String mediaType) {
        this.code = code;
        this.mediaType = mediaType;
    }

    /** The numeric id carried in the Content-Format / Accept options and in the {@code pct} parameter. */
    public int code() {
        return code;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ContentFormat> fromCode(int code) {
        for (ContentFormat format : values()) {
            if (format.code == code) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
