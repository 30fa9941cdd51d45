/**
 * {@link io.bootgate.acl.DefaultAccessControl}, the access control rules as a plain class for use without
 * OSGi (tests of other bundles). In OSGi use the {@link io.bootgate.api.acl.AccessControlService} service.
 */
@Export
@Version("1.0.0")
package io.bootgate.acl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
