/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.codec.LinkAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The notification attributes of Core 5.1.1 (pmin, pmax, gt, lt, st) set by one server on one path; a null field
 * is not set. Attributes of a more specific level override those of the levels above it.
 */
record NotificationAttributes(Long pmin, Long pmax, Double gt, Double lt, Double st) {

    static final NotificationAttributes NONE = new NotificationAttributes(null, null, null, null, null);

    /** Thrown for a Write-Attributes query that is malformed or inconsistent (answered 4.00). */
    static final class InvalidAttributesException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidAttributesException(String message) {
            super(message);
        }
    }

    /**
     * Applies the query of a Write-Attributes to these attributes: {@code name=value} sets, a bare {@code name}
     * removes (Core 5.4.3 "attribute without value").
     */
    NotificationAttributes apply(List<String> query) throws InvalidAttributesException {
        Long pmin = this.pmin;
        Long pmax = this.pmax;
        Double gt = this.gt;
        Double lt = this.lt;
        Double st = this.st;
        for (String option : query) {
            int eq = option.indexOf('=');
            String name = (eq < 0 ? option : option.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : option.substring(eq + 1);
            switch (name) {
                case "pmin" -> pmin = period(name, value);
                case "pmax" -> pmax = period(name, value);
                case "gt" -> gt = number(name, value);
                case "lt" -> lt = number(name, value);
                case "st" -> st = number(name, value);
                default -> throw new InvalidAttributesException("unknown notification attribute '" + name + "'");
            }
        }
        NotificationAttributes result = new NotificationAttributes(pmin, pmax, gt, lt, st);
        result.validate();
        return result;
    }

    /** Core 5.1.1's consistency rules: pmin ≤ pmax, lt < gt, lt + 2·st < gt, st ≥ 0. */
    void validate() throws InvalidAttributesException {
        if (pmin != null && pmax != null && pmax > 0 && pmin > pmax) {
            throw new InvalidAttributesException("pmin " + pmin + " is greater than pmax " + pmax);
        }
        if (st != null && st < 0) {
            throw new InvalidAttributesException("st " + st + " is negative");
        }
        if (lt != null && gt != null) {
            if (lt >= gt) {
                throw new InvalidAttributesException("lt " + lt + " is not less than gt " + gt);
            }
            if (st != null && lt + 2 * st >= gt) {
                throw new InvalidAttributesException("lt + 2*st (" + (lt + 2 * st) + ") is not less than gt " + gt);
            }
        }
    }

    boolean hasValueConditions() {
        return gt != null || lt != null || st != null;
    }

    boolean isEmpty() {
        return pmin == null && pmax == null && !hasValueConditions();
    }

    /** These attributes where set, {@code fallback}'s elsewhere. */
    NotificationAttributes over(NotificationAttributes fallback) {
        return new NotificationAttributes(
                pmin != null ? pmin : fallback.pmin,
                pmax != null ? pmax : fallback.pmax,
                gt != null ? gt : fallback.gt,
                lt != null ? lt : fallback.lt,
                st != null ? st : fallback.st);
    }

    /** The attributes as link-format attributes, for Discover. */
    List<LinkAttribute> asLinkAttributes() {
        List<LinkAttribute> attributes = new ArrayList<>();
        if (pmin != null) {
            attributes.add(LinkAttribute.of("pmin", Long.toString(pmin)));
        }
        if (pmax != null) {
            attributes.add(LinkAttribute.of("pmax", Long.toString(pmax)));
        }
        if (gt != null) {
            attributes.add(LinkAttribute.of("gt", format(gt)));
        }
        if (lt != null) {
            attributes.add(LinkAttribute.of("lt", format(lt)));
        }
        if (st != null) {
            attributes.add(LinkAttribute.of("st", format(st)));
        }
        return attributes;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static Long period(String name, String value) throws InvalidAttributesException {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw new InvalidAttributesException(name + " must not be negative: " + value);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new InvalidAttributesException(name + " is not a number of seconds: '" + value + "'");
        }
    }

    private static Double number(String name, String value) throws InvalidAttributesException {
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new InvalidAttributesException(name + " is not a finite number: '" + value + "'");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidAttributesException(name + " is not a number: '" + value + "'");
        }
    }
}
