/**
 * The LwM2M data model shared by every Bootgate bundle: paths, nodes (objects, instances, resources),
 * typed values, object definitions of the core objects, content formats and response codes.
 * <p>
 * Object definitions reach the other bundles through services: {@link io.bootgate.api.model.ObjectModelProvider}
 * (whiteboard, a bundle contributes the definitions of its objects) and {@link io.bootgate.api.model.ObjectModels}
 * (the merged, current {@link io.bootgate.api.model.ObjectModelRegistry}).
 * <p>
 * All types are immutable value types and free of any CoAP library, so protocol logic written against
 * them can be tested without a network stack.
 */
@Export
@Version("1.1.0")
package io.bootgate.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
