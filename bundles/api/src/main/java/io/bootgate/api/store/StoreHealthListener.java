/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every change of the store's {@link StoreHealth} (once per change, not per operation). Register it
 * as an OSGi service (whiteboard). Called on a notification thread of the store, in order; it may use the
 * store. An exception it throws is logged.
 */
@ConsumerType
public interface StoreHealthListener {

    void healthChanged(StoreHealth health);
}
