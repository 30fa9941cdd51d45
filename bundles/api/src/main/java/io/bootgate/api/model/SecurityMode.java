/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * Values of the Security object's "Security Mode" resource (/0/x/2).
 */
public enum SecurityMode {
    PRE_SHARED_KEY(0),
    RAW_PUBLIC_KEY(1),
    CERTIFICATE(2),
    NO_SEC(3),
    CERTIFICATE_WITH_EST(4);

    private final int code;

    SecurityMode(int code) {
        this.code = code;
    }

    /** The integer stored in resource /0/x/2. */
    public int code() {
        return code;
    }

    /**
     * @throws IllegalArgumentException for a code the specification does not define
     */
    public static SecurityMode fromCode(long code) {
        for (SecurityMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown LwM2M security mode " + code + " (defined: 0..4)");
    }

    /**
     * Whether this mode may be used on the Bootstrap interface. Bootgate narrows the specification: the
     * bootstrap data carries the device's credentials, so only public-key based DTLS is allowed there.
     */
    public boolean allowedForBootstrap() {
        return this == RAW_PUBLIC_KEY || this == CERTIFICATE;
    }
}
