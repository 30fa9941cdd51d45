/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import java.util.List;

/**
 * One TLV as read from a payload (Core §6.4.3 / 1.1 §7.4.3), its value left in place.
 *
 * @param type one of the four identifier types
 * @param id object instance, resource or resource instance id
 * @param offset offset of the type byte
 * @param valueOffset offset of the value
 * @param length length of the value
 * @param children the nested TLVs of an object instance or multiple resource, empty for the others
 */
record TlvEntry(int type, int id, int offset, int valueOffset, int length, List<TlvEntry> children) {

    static final int OBJECT_INSTANCE = 0;
    static final int RESOURCE_INSTANCE = 1;
    static final int MULTIPLE_RESOURCE = 2;
    static final int RESOURCE = 3;

    static boolean isContainer(int type) {
        return type == OBJECT_INSTANCE || type == MULTIPLE_RESOURCE;
    }

    static String typeName(int type) {
        return switch (type) {
            case OBJECT_INSTANCE -> "object instance";
            case RESOURCE_INSTANCE -> "resource instance";
            case MULTIPLE_RESOURCE -> "multiple resource";
            default -> "resource";
        };
    }
}
