/**
 * Server-side contracts of Bootgate's LwM2M bootstrap server: the per-endpoint bootstrap configurations
 * ({@link io.bootgate.api.bsserver.BootstrapConfig}) and the store that holds them
 * ({@link io.bootgate.api.bsserver.BootstrapConfigStore}), the operator's view of the server
 * ({@link io.bootgate.api.bsserver.BootstrapServer}) with its session history
 * ({@link io.bootgate.api.bsserver.BootstrapSessionHistory}) and config validator
 * ({@link io.bootgate.api.bsserver.BootstrapConfigValidator}), the JSON form every store shares
 * ({@link io.bootgate.api.bsserver.BootstrapConfigCodec}), and the events a bootstrap session reports to
 * {@link io.bootgate.api.bsserver.BootstrapSessionListener} services.
 * <p>
 * Free of Californium and of any file format: the JSON form is behind {@link io.bootgate.api.bsserver.BootstrapConfigCodec},
 * implemented by the bootstrap server bundle.
 */
@Export
@Version("2.2.0")
package io.bootgate.api.bsserver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
