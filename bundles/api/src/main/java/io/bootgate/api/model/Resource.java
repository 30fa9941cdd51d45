/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

/**
 * A resource: either a single value ({@link SingleResource}) or a set of resource instances
 * ({@link MultipleResource}).
 */
public sealed interface Resource extends LwM2mNode permits SingleResource, MultipleResource {

    /** The data type of the value(s). */
    ResourceType type();

    default boolean isMultiple() {
        return this instanceof MultipleResource;
    }
}
