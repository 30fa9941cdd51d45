/**
 * A device's Bootstrap-Server account as the Bootstrap interface needs it: where the bootstrap server is
 * (URI), how the session is secured (Raw Public Key or X.509, checked against
 * {@link io.bootgate.api.security.BootstrapSecurityPolicy}), the trust in the server and the device's own
 * credentials, read from the device's Security object (the instance with Bootstrap-Server = true) or, for a
 * device that has no such instance yet, from its mode properties.
 * <p>
 * Shared by the client-initiated mode (whose client endpoint connects to that server) and the server-initiated
 * mode (which accepts LwM2M 1.0 pushes only from that server's identity). Both reach the server as DTLS client
 * through {@link io.bootgate.mode.client.initiated.account.BootstrapServerConnection}, so that they refuse,
 * fail and end their sessions alike.
 */
@Export
@Version("1.1.0")
package io.bootgate.mode.client.initiated.account;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
