/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/** The operations an object definition allows on a resource from a management server. */
public enum Operations {
    /** No management access (e.g. every resource of the Security object). */
    NONE,
    READ,
    WRITE,
    READ_WRITE,
    EXECUTE;

    public boolean isReadable() {
        return this == READ || this == READ_WRITE;
    }

    public boolean isWritable() {
        return this == WRITE || this == READ_WRITE;
    }

    public boolean isExecutable() {
        return this == EXECUTE;
    }
}
