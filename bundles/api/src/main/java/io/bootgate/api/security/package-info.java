/**
 * Credentials, trust and policy of the Bootstrap interface, and the factory of its secure endpoints.
 * <p>
 * Bootgate narrows the LwM2M specification: the Bootstrap interface carries the device's future
 * credentials, so it runs over DTLS with Raw Public Key ({@link io.bootgate.api.security.RpkCredentials})
 * or X.509 certificates ({@link io.bootgate.api.security.X509Credentials}) only. Pre-shared keys and NoSec
 * cannot even be expressed by these types, and {@link io.bootgate.api.security.BootstrapSecurityPolicy}
 * refuses them where they come in as data (the Security object's URI and Security Mode).
 * <p>
 * The types are free of any DTLS library; the {@code io.bootgate.dtls} bundle implements
 * {@link io.bootgate.api.security.DtlsEndpointFactory}.
 */
@Export
@Version("1.1.0")
package io.bootgate.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
