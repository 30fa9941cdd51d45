/**
 * Access control of the LwM2M management interface (OMA LwM2M Core 1.1, section 7.1 "Access Control" and
 * the Access Control object /2, Appendix E.3), and unbootstrapping (Appendix E.1.3): deciding which server
 * may do what on an endpoint's objects, keeping Access Control instances in step when servers create or
 * delete instances, and removing a server account from an endpoint.
 */
@Export
@Version("1.0.0")
package io.bootgate.api.acl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
