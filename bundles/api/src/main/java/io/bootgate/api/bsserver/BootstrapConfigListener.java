/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about changes of a {@link BootstrapConfigStore} (whiteboard: register it as an OSGi service). Called on
 * the store's thread, after the change took effect; implementations must return quickly.
 */
@ConsumerType
public interface BootstrapConfigListener {

    /** A config was added or replaced. */
    void configUpdated(BootstrapConfig config);

    /** An endpoint's config was removed. */
    void configRemoved(String endpoint);

    /**
     * A changed config was refused; the previous one (if any) stays in effect.
     *
     * @param endpoint the endpoint the refused config was for
     * @param error names the file and the field
     */
    default void configRejected(String endpoint, BootstrapConfigException error) {
        // Most listeners only follow configs in effect; the store logs every rejection itself.
    }
}
