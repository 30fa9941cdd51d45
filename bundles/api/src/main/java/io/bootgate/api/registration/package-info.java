/**
 * The LwM2M Registration interface of the proxied devices: state, events and the on-demand re-bootstrap.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.registration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
