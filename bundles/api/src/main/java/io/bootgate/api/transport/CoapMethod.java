/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

/**
 * The CoAP request methods LwM2M uses (RFC 7252 §5.8, RFC 8132 for FETCH and iPATCH).
 */
public enum CoapMethod {
    GET(1),
    POST(2),
    PUT(3),
    DELETE(4),
    FETCH(5),
    IPATCH(7);

    private final int code;

    CoapMethod(int code) {
        this.code = code;
    }

    /** The method code (class 0) carried in the CoAP header. */
    public int code() {
        return code;
    }

    /**
     * @throws IllegalArgumentException for a code that is not one of the methods above (PATCH, 6, is not
     *             used by LwM2M and is refused on purpose)
     */
    public static CoapMethod fromCode(int code) {
        for (CoapMethod method : values()) {
            if (method.code == code) {
                return method;
            }
        }
        throw new IllegalArgumentException("unsupported CoAP method code 0." + String.format("%02d", code));
    }
}
