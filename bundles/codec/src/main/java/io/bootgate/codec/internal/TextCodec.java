/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * text/plain (Core §6.4.1 / 1.1 §7.4.1, value forms in Appendix C), content format 0: one value of a
 * single resource or resource instance. The payload is strict UTF-8 without surrounding whitespace. Integers
 * and time are ASCII decimals, floats decimal numbers with an optional exponent, booleans {@code 0}/{@code 1},
 * opaque values base64 with the classic alphabet, object links {@code 3:0}. Text carries no type: a resource
 * without a model is decoded as STRING.
 */
public final class TextCodec implements NodeCodec {

    private static final ContentFormat TEXT = ContentFormat.TEXT;
    /** Longer than any decimal that parses to a finite double worth sending; bounds parsing work. */
    private static final int MAX_NUMBER_LENGTH = 400;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** JavaScript's range for plain notation: readable, and what simple clients' strtod handles. */
    private static final double PLAIN_MIN = 1e-7;

    private static final double PLAIN_MAX = 1e21;

    private final CodecLimits limits;

    public TextCodec(CodecLimits limits) {
        this.limits = limits;
    }

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        SingleValueTarget.checkSize(payload, limits.maxPayloadBytes(), TEXT);
        Optional<ResourceModel> model = SingleValueTarget.check(path, models, TEXT);
        String text = Utf8.decode(payload, 0, payload.length, TEXT, null);
        ResourceType type = model.map(ResourceModel::type).orElse(ResourceType.STRING);
        return SingleValueTarget.node(path, parse(text, type, path));
    }

    private static ResourceValue parse(String text, ResourceType type, LwM2mPath path) throws CodecException {
        Site site = Site.at(TEXT, 0);
        return switch (type) {
            case STRING -> ResourceValue.ofString(text);
            case CORELNK -> ResourceValue.ofCoreLink(text);
            case INTEGER -> ResourceValue.ofInteger(integer(text, site));
            case TIME -> Values.time(integer(text, site), site);
            case UNSIGNED_INTEGER -> {
                if (!Values.digits(text, 0, text.length()) || text.length() > 20) {
                    throw site.fail(Kind.MALFORMED, "an unsigned integer is 1 to 20 ASCII digits");
                }
                BigInteger value = new BigInteger(text);
                if (value.compareTo(ResourceValue.MAX_UNSIGNED) > 0) {
                    throw site.fail(Kind.VALUE_OUT_OF_RANGE, "unsigned integer is above 2^64-1");
                }
                yield ResourceValue.ofUnsignedInteger(value);
            }
            case FLOAT -> ResourceValue.ofFloat(floating(text, site));
            case BOOLEAN -> {
                if (!text.equals("0") && !text.equals("1")) {
                    throw site.fail(Kind.INVALID_VALUE, "a boolean is 0 or 1");
                }
                yield ResourceValue.ofBoolean(text.equals("1"));
            }
            case OPAQUE -> {
                byte[] bytes = Base64Values.decodeClassic(text);
                if (bytes == null) {
                    throw site.fail(Kind.INVALID_VALUE, "an opaque value in plain text is base64 (RFC 4648 §4)");
                }
                yield ResourceValue.ofOpaque(bytes);
            }
            case OBJLNK -> ResourceValue.ofObjectLink(Values.objectLink(text, site));
            case NONE -> throw site.fail(Kind.TYPE_MISMATCH, "resource " + path + " is executable and has no value");
        };
    }

    private static long integer(String text, Site site) throws CodecException {
        int digitsFrom = text.startsWith("-") ? 1 : 0;
        if (!Values.digits(text, digitsFrom, text.length()) || text.length() > 20) {
            throw site.fail(Kind.MALFORMED, "an integer is an optional - and 1 to 19 ASCII digits");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "integer is outside the signed 64-bit range");
        }
        return value.longValue();
    }

    private static double floating(String text, Site site) throws CodecException {
        if (text.length() > MAX_NUMBER_LENGTH || !isDecimal(text)) {
            throw site.fail(Kind.MALFORMED, "a float is a decimal number with an optional exponent");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number overflows a 64-bit float");
        }
        if (value == 0.0 && hasNonZeroDigit(text)) {
            throw site.fail(Kind.VALUE_OUT_OF_RANGE, "number underflows a 64-bit float");
        }
        return value;
    }

    /** {@code -?digits(.digits)?([eE][+-]?digits)?}, the JSON number grammar without its leading-zero rule. */
    private static boolean isDecimal(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return false;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            int fraction = ++i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == s.length();
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] encode(LwM2mNode node, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        ResourceValue value = SingleValueTarget.value(node, path, TEXT);
        String text =
                switch (value.type()) {
                    case STRING, CORELNK -> null;
                    case INTEGER -> Long.toString(value.longValue());
                    case UNSIGNED_INTEGER -> value.unsignedValue().toString();
                    case TIME -> Long.toString(value.timeValue().getEpochSecond());
                    case FLOAT -> format(value.doubleValue());
                    case BOOLEAN -> value.booleanValue() ? "1" : "0";
                    case OPAQUE -> Base64Values.encodeClassic(value.opaqueValue());
                    case OBJLNK -> value.objectLinkValue().toString();
                    case NONE -> throw new CodecException(
                            Kind.UNREPRESENTABLE, TEXT, "an executable resource has no value");
                };
        if (text == null) {
            return Utf8.encode(value.stringValue(), TEXT, "string value");
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String format(double d) throws CodecException {
        if (!Double.isFinite(d)) {
            throw new CodecException(Kind.UNREPRESENTABLE, TEXT, "plain text has no form for NaN or infinity");
        }
        if (d == 0.0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
        }
        double magnitude = Math.abs(d);
        if (magnitude >= PLAIN_MIN && magnitude < PLAIN_MAX) {
            // Double.toString gives the digits that parse back to exactly d; BigDecimal only moves the point.
            String plain = new BigDecimal(Double.toString(d)).toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        return Double.toString(d);
    }
}
