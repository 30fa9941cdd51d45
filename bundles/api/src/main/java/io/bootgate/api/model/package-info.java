/**
 * The LwM2M data model shared by every Bootgate bundle: paths, nodes (objects, instances, resources),
 * typed values, object definitions of the core objects, content formats and response codes.
 * <p>
 * All types are immutable value types and free of any CoAP library, so protocol logic written against
 * them can be tested without a network stack.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
