/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

/**
 * Hard limits a decoder applies to untrusted input, so that a hostile or broken peer cannot make it spend
 * unbounded memory or stack. Every limit is checked before the data it guards is materialised.
 *
 * @param maxPayloadBytes largest payload accepted, in bytes; larger ones fail with
 *        {@link CodecException.Kind#PAYLOAD_TOO_LARGE} before any parsing
 * @param maxDepth deepest nesting accepted: TLV entries inside TLV entries, JSON/CBOR arrays and maps. At least
 *        3, the depth TLV itself needs (object instance, multiple resource, resource instance); SenML needs 2
 * @param maxResourceInstances most instances one multiple resource may carry
 * @param maxEntries most entries one payload may carry: TLV entries, SenML records, or links plus their
 *        attributes
 */
public record CodecLimits(int maxPayloadBytes, int maxDepth, int maxResourceInstances, int maxEntries) {

    /**
     * 64 KiB: a full bootstrap write of Security objects with X.509 chains stays well below 16 KiB, and LwM2M
     * payloads above this size only occur for firmware images, which Bootgate does not decode.
     */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    /** The three levels the TLV format allows; no valid LwM2M payload nests deeper. */
    public static final int DEFAULT_MAX_DEPTH = 3;
    /** Far above real multiple resources (ACL entries per server, cipher suites, error codes). */
    public static final int DEFAULT_MAX_RESOURCE_INSTANCES = 1024;
    /** Bounds the objects a decoder allocates per payload to a few hundred KiB. */
    public static final int DEFAULT_MAX_ENTRIES = 4096;
    /** The smallest {@code maxDepth} with which valid TLV can still be decoded. */
    public static final int MIN_DEPTH = 3;

    private static final CodecLimits DEFAULTS = new CodecLimits(
            DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_RESOURCE_INSTANCES, DEFAULT_MAX_ENTRIES);

    /**
     * @throws IllegalArgumentException if a limit is not positive or {@code maxDepth} is below {@link #MIN_DEPTH}
     */
    public CodecLimits {
        if (maxPayloadBytes < 1 || maxResourceInstances < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("codec limits must be positive: " + maxPayloadBytes + " bytes, "
                    + maxResourceInstances + " resource instances, " + maxEntries + " entries");
        }
        if (maxDepth < MIN_DEPTH) {
            throw new IllegalArgumentException(
                    "maxDepth " + maxDepth + " is below " + MIN_DEPTH + ", the nesting the TLV format needs");
        }
    }

    /** The safe defaults described on the constants of this class. */
    public static CodecLimits defaults() {
        return DEFAULTS;
    }

    public CodecLimits withMaxPayloadBytes(int value) {
        return new CodecLimits(value, maxDepth, maxResourceInstances, maxEntries);
    }

    public CodecLimits withMaxDepth(int value) {
        return new CodecLimits(maxPayloadBytes, value, maxResourceInstances, maxEntries);
    }

    public CodecLimits withMaxResourceInstances(int value) {
        return new CodecLimits(maxPayloadBytes, maxDepth, value, maxEntries);
    }

    public CodecLimits withMaxEntries(int value) {
        return new CodecLimits(maxPayloadBytes, maxDepth, maxResourceInstances, value);
    }
}
