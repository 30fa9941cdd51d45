/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.model;

import java.util.Collection;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes object definitions, registered as an OSGi service (whiteboard): a bundle that knows objects
 * (a vendor object of a proxied device, an OMA registry object) registers one, and the {@link ObjectModels}
 * service merges every provider's definitions into the registry the store, the codecs and the bootstrap server
 * use. Register it with a {@code service.ranking}: when two providers define one object id differently, the
 * higher ranking wins and the other definition is refused with a log line.
 * <p>
 * The set of definitions is read when the service is registered or modified; a provider with new definitions
 * re-registers (or modifies its service properties) to have them read again.
 */
@ConsumerType
public interface ObjectModelProvider {

    /** The definitions this provider contributes; each object id at most once. */
    Collection<ObjectModel> models();
}
