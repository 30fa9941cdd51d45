/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The object definitions currently known to the gateway: the merge of every registered
 * {@link ObjectModelProvider}. An OSGi service; consumers read {@link #registry()} at each use, so that an
 * object model added later applies to later writes and decodes, and {@link ObjectModelsListener} services are
 * told of each change.
 */
@ProviderType
public interface ObjectModels {

    /** The current registry: immutable, replaced as a whole when a provider comes or goes. */
    ObjectModelRegistry registry();
}
