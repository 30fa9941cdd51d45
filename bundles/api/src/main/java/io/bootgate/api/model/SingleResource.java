/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Objects;

/** A single-instance resource and its value. */
public record SingleResource(int id, ResourceValue value) implements Resource {

    public SingleResource {
        LwM2mObject.checkId(id);
        Objects.requireNonNull(value, "value");
    }

    public static SingleResource of(int id, ResourceValue value) {
        return new SingleResource(id, value);
    }

    public static SingleResource ofString(int id, String value) {
        return new SingleResource(id, ResourceValue.ofString(value));
    }

    public static SingleResource ofInteger(int id, long value) {
        return new SingleResource(id, ResourceValue.ofInteger(value));
    }

    public static SingleResource ofBoolean(int id, boolean value) {
        return new SingleResource(id, ResourceValue.ofBoolean(value));
    }

    public static SingleResource ofOpaque(int id, byte[] value) {
        return new SingleResource(id, ResourceValue.ofOpaque(value));
    }

    @Override
    public ResourceType type() {
        return value.type();
    }
}
