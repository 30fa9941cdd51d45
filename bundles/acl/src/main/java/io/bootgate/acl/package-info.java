/**
 * {@link io.bootgate.acl.DefaultAccessControl}, the access control rules as a plain class for use without
 * OSGi (unit tests of other bundles reach it through a test-scope Maven dependency). Not exported: in OSGi use
 * the {@link io.bootgate.api.acl.AccessControlService} service.
 */
package io.bootgate.acl;
