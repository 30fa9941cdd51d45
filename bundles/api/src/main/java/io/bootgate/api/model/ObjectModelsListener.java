/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the {@link ObjectModels} registry changes (a provider registered, modified or gone). Register it as
 * an OSGi service (whiteboard). Called on the thread that changed the providers; it must return quickly.
 */
@ConsumerType
public interface ObjectModelsListener {

    /** The registry changed; {@code registry} is the new one, the same as {@link ObjectModels#registry()}. */
    void modelsChanged(ObjectModelRegistry registry);
}
