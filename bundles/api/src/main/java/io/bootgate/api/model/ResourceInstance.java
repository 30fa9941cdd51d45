/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Objects;

/** One instance of a multiple resource, as addressed by a {@code /o/i/r/ri} path. */
public record ResourceInstance(int id, ResourceValue value) implements LwM2mNode {

    public ResourceInstance {
        LwM2mObject.checkId(id);
        Objects.requireNonNull(value, "value");
    }
}
