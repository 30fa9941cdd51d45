/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Gives a SenML value its LwM2M type. With a model, the model's type decides and the SenML field must fit
 * it ({@code v} for numbers and time, {@code vs} for strings and core links, {@code vb}, {@code vd},
 * {@code vlo}). Without a model the field decides: {@code v} written as an integer is INTEGER (UNSIGNED_INTEGER
 * above 2^63-1), any other {@code v} is FLOAT, {@code vs} is STRING.
 */
final class SenmlTyping {

    private SenmlTyping() {}

    static ResourceValue type(RawRecord record, ObjectModelRegistry models, ContentFormat format)
            throws CodecException {
        Site site = new Site(format, record.offset(), record.field());
        Optional<ResourceModel> model =
                models.resource(record.path().objectId(), record.path().resourceId());
        if (model.isEmpty()) {
            return untyped(record, site);
        }
        ResourceType type = model.get().type();
        SenmlLabel expected =
                switch (type) {
                    case STRING, CORELNK -> SenmlLabel.STRING_VALUE;
                    case INTEGER, UNSIGNED_INTEGER, FLOAT, TIME -> SenmlLabel.VALUE;
                    case BOOLEAN -> SenmlLabel.BOOLEAN_VALUE;
                    case OPAQUE -> SenmlLabel.DATA_VALUE;
                    case OBJLNK -> SenmlLabel.OBJLNK_VALUE;
                    case NONE -> null;
                };
        if (expected == null) {
            throw site.fail(Kind.TYPE_MISMATCH, "resource " + record.path() + " is executable and has no value");
        }
        if (record.label() != expected) {
            throw site.fail(
                    Kind.TYPE_MISMATCH,
                    "resource " + record.path() + " is " + type + ", carried in " + expected.json() + ", not "
                            + record.label().json());
        }
        Object raw = record.value();
        return switch (type) {
            case STRING -> ResourceValue.ofString((String) raw);
            case CORELNK -> ResourceValue.ofCoreLink((String) raw);
            case INTEGER -> ResourceValue.ofInteger(((SenmlNumber) raw).toLong(site));
            case UNSIGNED_INTEGER -> ResourceValue.ofUnsignedInteger(((SenmlNumber) raw).toUnsigned(site));
            case FLOAT -> ResourceValue.ofFloat(((SenmlNumber) raw).toDouble(site));
            case TIME -> Values.time(((SenmlNumber) raw).toLong(site), site);
            case BOOLEAN -> ResourceValue.ofBoolean((Boolean) raw);
            case OPAQUE -> ResourceValue.ofOpaque((byte[]) raw);
            case OBJLNK -> ResourceValue.ofObjectLink((ObjectLink) raw);
            case NONE -> throw new IllegalStateException("executable resources were refused above");
        };
    }

    private static ResourceValue untyped(RawRecord record, Site site) throws CodecException {
        Object raw = record.value();
        return switch (record.label()) {
            case STRING_VALUE -> ResourceValue.ofString((String) raw);
            case BOOLEAN_VALUE -> ResourceValue.ofBoolean((Boolean) raw);
            case DATA_VALUE -> ResourceValue.ofOpaque((byte[]) raw);
            case OBJLNK_VALUE -> ResourceValue.ofObjectLink((ObjectLink) raw);
            case VALUE -> {
                SenmlNumber number = (SenmlNumber) raw;
                if (!number.isIntegerLiteral()) {
                    yield ResourceValue.ofFloat(number.toDouble(site));
                }
                BigInteger value = number.toBigInteger(site);
                if (value.bitLength() < 64) {
                    yield ResourceValue.ofInteger(value.longValue());
                }
                yield ResourceValue.ofUnsignedInteger(number.toUnsigned(site));
            }
            default -> throw new IllegalStateException("not a value label: " + record.label());
        };
    }
}
