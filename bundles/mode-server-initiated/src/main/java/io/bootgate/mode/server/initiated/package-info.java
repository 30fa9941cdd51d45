/**
 * The LwM2M 1.1 Bootstrap-Request Trigger: the service the gateway's device-management side calls when a
 * management server executes {@code /1/x/9} on a proxied device, which then bootstraps again (its mode
 * sequence runs, with the client-initiated mode sending the Bootstrap-Request).
 */
@Export
@Version("1.0.0")
package io.bootgate.mode.server.initiated;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
