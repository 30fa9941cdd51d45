/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceValue;
import java.util.Objects;

/**
 * One value at its full path, as a SenML record carries it: the unit of the formats that can mix paths of
 * several objects in one payload (Read-Composite, Send).
 *
 * @param path a resource ({@code /o/i/r}) or resource instance ({@code /o/i/r/ri}) path
 * @param value the value
 */
public record PathValue(LwM2mPath path, ResourceValue value) {

    /** @throws IllegalArgumentException if the path is above the resource level */
    public PathValue {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        if (path.depth() < 3) {
            throw new IllegalArgumentException("a value lives at a resource or resource instance, not at " + path);
        }
    }
}
