/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every committed change of the object store. Register it as an OSGi service (whiteboard).
 * <p>
 * Called on the committing thread after the change is durable and the endpoint's writer slot is released,
 * so a listener may read the store or begin a transaction. It must return quickly; an exception it throws
 * is logged and does not affect the commit. Events of one endpoint come in revision order unless two
 * commits of that endpoint race; use {@link StoreEvent#revision()} to order them.
 */
@ConsumerType
public interface ObjectStoreListener {

    void changed(StoreEvent event);
}
