/**
 * The bootstrap-mode SPI and the bootstrap engine service.
 * <p>
 * A proxied device has an ordered sequence of bootstrap mode names (for example {@code factory},
 * {@code client-initiated}). The {@link io.bootgate.api.bootstrap.BootstrapEngine} tries the modes in order
 * and falls back to the next one when a mode fails or does not apply. Modes are
 * {@link io.bootgate.api.bootstrap.BootstrapMode} services registered with a
 * {@link io.bootgate.api.bootstrap.BootstrapModeName}; they come and go at run time.
 * <p>
 * Each attempt runs against one view of the device's tree, {@link io.bootgate.api.bootstrap.AttemptTree},
 * handed to the mode in its {@link io.bootgate.api.bootstrap.BootstrapContext}; a mode can write it but not
 * commit it. Modes that talk to a bootstrap server forward the
 * server's commands to {@link io.bootgate.api.bootstrap.BootstrapContext#bootstrapInterface()}, the engine's
 * client side of the LwM2M Bootstrap interface; modes that hold the data themselves (factory, smartcard)
 * write the tree and call {@link io.bootgate.api.bootstrap.BootstrapContext#finish()}. Either way the
 * engine checks the configuration for consistency at Finish and commits only a consistent one, so a failed
 * attempt never changes what the device had before.
 * <p>
 * The engine also owns the device's Bootstrap-Server account and the DTLS session to its bootstrap server
 * ({@link io.bootgate.api.bootstrap.BootstrapContext#bootstrapServerAccount()}), and serves the LwM2M 1.1
 * Bootstrap-Request Trigger ({@link io.bootgate.api.bootstrap.BootstrapRequestTrigger}). Mode property keys
 * are in {@link io.bootgate.api.bootstrap.ModeProperties}.
 */
@Export
@Version("2.1.0")
package io.bootgate.api.bootstrap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
