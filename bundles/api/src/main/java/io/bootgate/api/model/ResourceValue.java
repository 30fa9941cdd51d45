/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A typed LwM2M value. The Java type of {@link #value()} is fixed by {@link #type()} (see
 * {@link ResourceType}); the factories check it, so a value never carries a type it cannot hold.
 */
public final class ResourceValue {

    /** 2^64 - 1, the largest LwM2M unsigned integer. */
    public static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final ResourceType type;
    private final Object value;

    private ResourceValue(ResourceType type, Object value) {
        this.type = type;
        this.value = value;
    }

    public static ResourceValue ofString(String value) {
        return new ResourceValue(ResourceType.STRING, Objects.requireNonNull(value, "value"));
    }

    public static ResourceValue ofInteger(long value) {
        return new ResourceValue(ResourceType.INTEGER, value);
    }

    /** @throws IllegalArgumentException outside 0..2^64-1 */
    public static ResourceValue ofUnsignedInteger(BigInteger value) {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.compareTo(MAX_UNSIGNED) > 0) {
            throw new IllegalArgumentException("unsigned integer out of range 0..2^64-1: " + value);
        }
        return new ResourceValue(ResourceType.UNSIGNED_INTEGER, value);
    }

    /** @throws IllegalArgumentException for a negative value */
    public static ResourceValue ofUnsignedInteger(long value) {
        return ofUnsignedInteger(BigInteger.valueOf(value));
    }

    public static ResourceValue ofFloat(double value) {
        return new ResourceValue(ResourceType.FLOAT, value);
    }

    public static ResourceValue ofBoolean(boolean value) {
        return new ResourceValue(ResourceType.BOOLEAN, value);
    }

    public static ResourceValue ofOpaque(byte[] value) {
        return new ResourceValue(
                ResourceType.OPAQUE, Objects.requireNonNull(value, "value").clone());
    }

    /** @throws IllegalArgumentException if the instant has a fraction of a second */
    public static ResourceValue ofTime(Instant value) {
        Objects.requireNonNull(value, "value");
        if (value.getNano() != 0) {
            throw new IllegalArgumentException("LwM2M time has whole seconds only: " + value);
        }
        return new ResourceValue(ResourceType.TIME, value);
    }

    public static ResourceValue ofObjectLink(ObjectLink value) {
        return new ResourceValue(ResourceType.OBJLNK, Objects.requireNonNull(value, "value"));
    }

    public static ResourceValue ofCoreLink(String value) {
        return new ResourceValue(ResourceType.CORELNK, Objects.requireNonNull(value, "value"));
    }

    public ResourceType type() {
        return type;
    }

    /** The value as its Java type; opaque values are returned as a copy. */
    public Object value() {
        return value instanceof byte[] bytes ? bytes.clone() : value;
    }

    /** For STRING and CORELNK. */
    public String stringValue() {
        return as(String.class, ResourceType.STRING, ResourceType.CORELNK);
    }

    /** For INTEGER (and UNSIGNED_INTEGER when it fits in a signed long). */
    public long longValue() {
        if (type == ResourceType.UNSIGNED_INTEGER) {
            return ((BigInteger) value).longValueExact();
        }
        return as(Long.class, ResourceType.INTEGER);
    }

    public BigInteger unsignedValue() {
        return as(BigInteger.class, ResourceType.UNSIGNED_INTEGER);
    }

    public double doubleValue() {
        return as(Double.class, ResourceType.FLOAT);
    }

    public boolean booleanValue() {
        return as(Boolean.class, ResourceType.BOOLEAN);
    }

    public byte[] opaqueValue() {
        return as(byte[].class, ResourceType.OPAQUE).clone();
    }

    public Instant timeValue() {
        return as(Instant.class, ResourceType.TIME);
    }

    public ObjectLink objectLinkValue() {
        return as(ObjectLink.class, ResourceType.OBJLNK);
    }

    private <T> T as(Class<T> javaType, ResourceType... allowed) {
        for (ResourceType t : allowed) {
            if (t == type) {
                return javaType.cast(value);
            }
        }
        throw new IllegalStateException("value of type " + type + " read as " + Arrays.toString(allowed));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResourceValue other) || other.type != type) {
            return false;
        }
        if (value instanceof byte[] bytes) {
            return Arrays.equals(bytes, (byte[]) other.value);
        }
        if (value instanceof Double d) {
            // Bit equality: NaN equals NaN and 0.0 differs from -0.0, as a round trip must preserve both.
            return Double.doubleToLongBits(d) == Double.doubleToLongBits((Double) other.value);
        }
        return value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + (value instanceof byte[] bytes ? Arrays.hashCode(bytes) : value.hashCode());
    }

    @Override
    public String toString() {
        return switch (type) {
            case OPAQUE -> "opaque[" + HexFormat.of().formatHex((byte[]) value) + "]";
            case STRING, CORELNK -> type + "\"" + value + "\"";
            default -> type + "(" + value + ")";
        };
    }
}
