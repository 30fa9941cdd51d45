/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * The LwM2M data types (Core, Appendix C) and the Java type that carries each in a {@link ResourceValue}.
 */
public enum ResourceType {
    /** UTF-8 text: {@link String}. */
    STRING,
    /** Signed 64-bit integer: {@link Long}. */
    INTEGER,
    /** Unsigned 64-bit integer: {@link java.math.BigInteger} in 0..2^64-1. */
    UNSIGNED_INTEGER,
    /** 32- or 64-bit IEEE 754 float: {@link Double}. */
    FLOAT,
    /** {@link Boolean}. */
    BOOLEAN,
    /** Raw bytes: {@code byte[]} (copied in and out). */
    OPAQUE,
    /** Seconds since the Unix epoch: {@link java.time.Instant} with whole seconds. */
    TIME,
    /** Object link: {@link ObjectLink}. */
    OBJLNK,
    /** CoRE Link Format text (RFC 6690): {@link String}. */
    CORELNK,
    /** Executable resources carry no value. */
    NONE
}
