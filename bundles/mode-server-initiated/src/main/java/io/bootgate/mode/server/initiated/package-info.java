/**
 * The LwM2M 1.1 Bootstrap-Request Trigger: the service the gateway's device-management side calls when a
 * management server executes {@code /1/x/9} on a proxied device, which then bootstraps again (the
 * client-initiated mode runs and sends the Bootstrap-Request).
 */
@Export
@Version("1.0.1")
package io.bootgate.mode.server.initiated;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
