/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * The CoAP response codes (RFC 7252 §5.9, RFC 7959, RFC 8132) that LwM2M operations answer with.
 */
public enum ResponseCode {
    CREATED(2, 1),
    DELETED(2, 2),
    VALID(2, 3),
    CHANGED(2, 4),
    CONTENT(2, 5),
    CONTINUE(2, 31),
    BAD_REQUEST(4, 0),
    UNAUTHORIZED(4, 1),
    BAD_OPTION(4, 2),
    FORBIDDEN(4, 3),
    NOT_FOUND(4, 4),
    METHOD_NOT_ALLOWED(4, 5),
    NOT_ACCEPTABLE(4, 6),
    REQUEST_ENTITY_INCOMPLETE(4, 8),
    CONFLICT(4, 9),
    PRECONDITION_FAILED(4, 12),
    REQUEST_ENTITY_TOO_LARGE(4, 13),
    UNSUPPORTED_CONTENT_FORMAT(4, 15),
    INTERNAL_SERVER_ERROR(5, 0),
    NOT_IMPLEMENTED(5, 1),
    BAD_GATEWAY(5, 2),
    SERVICE_UNAVAILABLE(5, 3),
    GATEWAY_TIMEOUT(5, 4);

    private final int codeClass;
    private final int codeDetail;

    ResponseCode(int codeClass, int codeDetail) {
        this.codeClass = codeClass;
        this.codeDetail = codeDetail;
    }

    public int codeClass() {
        return codeClass;
    }

    public int codeDetail() {
        return codeDetail;
    }

    /** The single code byte of the CoAP header: class in the top 3 bits, detail in the low 5. */
    public int value() {
        return codeClass << 5 | codeDetail;
    }

    public boolean isSuccess() {
        return codeClass == 2;
    }

    public boolean isClientError() {
        return codeClass == 4;
    }

    public boolean isServerError() {
        return codeClass == 5;
    }

    /**
     * @throws IllegalArgumentException for a code byte that is not one of the response codes above
     */
    public static ResponseCode fromValue(int value) {
        for (ResponseCode code : values()) {
            if (code.value() == value) {
                return code;
            }
        }
        throw new IllegalArgumentException(
                "unknown CoAP response code " + (value >> 5) + "." + String.format("%02d", value & 0x1f));
    }

    /** The dotted notation used in the specifications, e.g. {@code 4.06}. */
    public String dotted() {
        return codeClass + "." + String.format("%02d", codeDetail);
    }

    @Override
    public String toString() {
        return dotted() + " " + name();
    }
}
