/**
 * Credentials, trust and policy of the Bootstrap interface, and the factory of its secure endpoints.
 * <p>
 * Bootgate narrows the LwM2M specification: the Bootstrap interface carries the device's future
 * credentials, so it runs over DTLS with Raw Public Key ({@link io.bootgate.api.security.RpkCredentials})
 * or X.509 certificates ({@link io.bootgate.api.security.X509Credentials}) only. Pre-shared keys and NoSec
 * cannot even be expressed by these types, and {@link io.bootgate.api.security.BootstrapSecurityPolicy}
 * refuses them where they come in as data (the Security object's URI and Security Mode).
 * <p>
 * Since 1.1 the same factory creates client endpoints towards LwM2M management servers
 * ({@link io.bootgate.api.security.ManagementClientConfig}); there PSK
 * ({@link io.bootgate.api.security.PskCredentials}) and NoSec are possible, but only when the operator allows
 * them ({@link io.bootgate.api.security.ManagementSecurityPolicy}). The Bootstrap interface is unchanged.
 * <p>
 * Since 1.2 the factory's bundle also registers {@link io.bootgate.api.security.HandshakeStatistics}, the counters
 * of its server handshakes (admission drops included) for health checks and metrics.
 * <p>
 * The types are free of any DTLS library; the {@code io.bootgate.dtls} bundle implements
 * {@link io.bootgate.api.security.DtlsEndpointFactory}.
 */
@Export
@Version("1.4.0")
package io.bootgate.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
