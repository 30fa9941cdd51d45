/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.ResourceValue;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A number as the payload carried it, converted to an LwM2M type only once the type is known. Keeping the
 * payload's own form matters: a JSON integer above 2^53 must stay exact for an unsigned resource, and a
 * JSON {@code -0.0} must stay negative for a float one.
 */
sealed interface SenmlNumber {

    BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** 10^20 is above 2^64: a decimal with more integer digits fits no LwM2M integer type. */
    int MAX_INTEGER_DIGITS = 20;

    /** An integer literal (JSON) or CBOR major type 0/1. */
    record Exact(BigInteger value) implements SenmlNumber {}

    /** A JSON number with a fraction or exponent: exact decimal value, plus the IEEE double Jackson parsed. */
    record Decimal(BigDecimal value, double approximation) implements SenmlNumber {}

    /** A CBOR half, single or double float. */
    record Binary(double value) implements SenmlNumber {}

    /** Whether the payload wrote this as an integer, the only form untyped decoding reads as INTEGER. */
    default boolean isIntegerLiteral() {
        return this instanceof Exact;
    }

    /**
     * The exact integer value, for integer, unsigned and time resources. Decimals and floats are accepted
     * when they are whole numbers ({@code 3.0}, {@code 1e3}).
     */
    default BigInteger toBigInteger(Site site) throws CodecException {
        BigDecimal decimal;
        if (this instanceof Exact exact) {
            return exact.value();
        } else if (this instanceof Decimal d) {
            decimal = d.value();
        } else {
            double value = ((Binary) this).value();
            if (!Double.isFinite(value)) {
                throw site.fail(Kind.VALUE_OUT_OF_RANGE, "a non-finite float is no integer");
            }
            decimal = new BigDecimal(value);
        }
        // Checked on precision and scale only: BigDecimal arithmetic on 1e999999999 (or rescaling 0e-999999999)
        // would not terminate in useful time.
        if (decimal.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number is too large for any LwM2M integer type");
        }
        if (decimal.stripTrailingZeros().scale() > 0) {
            throw site.fail(Kind.INVALID_VALUE, "number has a fraction where an integer is expected");
        }
        return decimal.toBigIntegerExact();
    }

    default long toLong(Site site) throws CodecException {
        BigInteger value = toBigInteger(site);
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "integer is outside the signed 64-bit range");
        }
        return value.longValue();
    }

    default BigInteger toUnsigned(Site site) throws CodecException {
        BigInteger value = toBigInteger(site);
        if (value.signum() < 0 || value.compareTo(ResourceValue.MAX_UNSIGNED) > 0) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "unsigned integer is outside 0..2^64-1");
        }
        return value;
    }

    /** The value as a 64-bit float; JSON numbers that overflow or underflow a double are refused. */
    default double toDouble(Site site) throws CodecException {
        if (this instanceof Binary binary) {
            return binary.value();
        }
        if (this instanceof Exact exact) {
            // Bounded by the parser's number length limit, so the conversion is cheap and finite.
            double value = exact.value().doubleValue();
            if (Double.isInfinite(value)) {
                throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number overflows a 64-bit float");
            }
            return value;
        }
        Decimal decimal = (Decimal) this;
        double value = decimal.approximation();
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number overflows a 64-bit float");
        }
        if (value == 0.0 && decimal.value().signum() != 0) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number underflows a 64-bit float");
        }
        return value;
    }
}
