/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

/**
 * How {@link StoreTransaction#write} combines the given node with what is stored (OMA LwM2M Core, Write:
 * "Replace" and "Partial Update").
 */
public enum WriteMode {
    /**
     * The target becomes exactly the given node: an object keeps only the given instances, an instance only
     * the given resources, a multiple resource only the given resource instances.
     */
    REPLACE,
    /**
     * The given content is added to the target or replaces the parts of the same id; everything else is
     * kept. At object level each given instance is itself partially updated; a given multiple resource adds
     * or replaces the given resource instances and keeps the others. A single resource or a resource instance
     * is simply set, as in {@link #REPLACE}.
     */
    UPDATE
}
