/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Objects;

/**
 * The definition of one resource of an object: id, name, allowed operations, multiplicity, whether it is
 * mandatory, and its data type ({@link ResourceType#NONE} for executable resources).
 */
public record ResourceModel(
        int id, String name, Operations operations, boolean multiple, boolean mandatory, ResourceType type) {

    public ResourceModel {
        LwM2mObject.checkId(id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(type, "type");
        if (operations.isExecutable() != (type == ResourceType.NONE)) {
            throw new IllegalArgumentException(
                    "resource " + id + " (" + name + "): executable resources, and only " + "they, have type NONE");
        }
    }

    /** Read-only for management servers: a bootstrap server may still write it. */
    public boolean readOnly() {
        return !operations.isWritable();
    }
}
