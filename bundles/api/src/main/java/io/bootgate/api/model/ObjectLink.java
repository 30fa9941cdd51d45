/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * The value of an Objlnk resource: an object id and an instance id, each 16 bits. {@code 65535:65535} is
 * the specification's "null" link.
 */
public record ObjectLink(int objectId, int instanceId) {

    public static final int NULL_ID = 65535;

    public ObjectLink {
        if (objectId < 0 || objectId > 0xFFFF || instanceId < 0 || instanceId > 0xFFFF) {
            throw new IllegalArgumentException(
                    "object link ids must be 16-bit unsigned: " + objectId + ":" + instanceId);
        }
    }

    public static ObjectLink nullLink() {
        return new ObjectLink(NULL_ID, NULL_ID);
    }

    public boolean isNull() {
        return objectId == NULL_ID && instanceId == NULL_ID;
    }

    /**
     * Parses the text form {@code "3:0"}.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static ObjectLink parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("invalid object link '" + text + "', expected <object>:<instance>");
        }
        try {
            return new ObjectLink(
                    Integer.parseInt(text, 0, colon, 10), Integer.parseInt(text, colon + 1, text.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid object link '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return objectId + ":" + instanceId;
    }
}
