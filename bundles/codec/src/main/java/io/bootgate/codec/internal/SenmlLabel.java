/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

/**
 * The SenML labels an LwM2M pack may carry (LwM2M 1.1 Core §7.4.4/§7.4.5, RFC 8428 §4.3 and §6), with their
 * SenML-CBOR keys. {@code vlo}, the LwM2M object link extension, has no integer key and is a text key in CBOR.
 * <p>
 * The other RFC 8428 labels are refused on purpose: base value, base sum and sum ({@code bv}, {@code bs},
 * {@code s}) change what {@code v} means and units change how it is read, so ignoring them would store a
 * value other than the one sent.
 */
enum SenmlLabel {
    BASE_VERSION("bver", -1),
    BASE_NAME("bn", -2),
    BASE_TIME("bt", -3),
    NAME("n", 0),
    VALUE("v", 2),
    STRING_VALUE("vs", 3),
    BOOLEAN_VALUE("vb", 4),
    TIME("t", 6),
    DATA_VALUE("vd", 8),
    OBJLNK_VALUE("vlo", null);

    private final String json;
    private final Integer cborKey;

    SenmlLabel(String json, Integer cborKey) {
        this.json = json;
        this.cborKey = cborKey;
    }

    String json() {
        return json;
    }

    /** The CBOR integer key, or {@code null} for {@code vlo}, which is keyed by its text. */
    Integer cborKey() {
        return cborKey;
    }

    boolean isValue() {
        return this == VALUE
                || this == STRING_VALUE
                || this == BOOLEAN_VALUE
                || this == DATA_VALUE
                || this == OBJLNK_VALUE;
    }

    static SenmlLabel fromJson(String name) {
        for (SenmlLabel label : values()) {
            if (label.json.equals(name)) {
                return label;
            }
        }
        return null;
    }

    static SenmlLabel fromCborKey(long key) {
        for (SenmlLabel label : values()) {
            if (label.cborKey != null && label.cborKey == key) {
                return label;
            }
        }
        return null;
    }

    static SenmlLabel fromCborText(String name) {
        return OBJLNK_VALUE.json.equals(name) ? OBJLNK_VALUE : null;
    }
}
