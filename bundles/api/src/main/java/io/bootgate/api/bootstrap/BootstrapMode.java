/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of obtaining a device's bootstrap information (factory data, smartcard, client-initiated or
 * server-initiated bootstrap). Implementations are registered as OSGi services with a
 * {@link BootstrapModeName} property; the {@link BootstrapEngine} binds them dynamically, so a mode may be
 * installed or removed while devices are being bootstrapped.
 * <p>
 * A mode holds no per-device state between attempts: everything about the device comes from the
 * {@link BootstrapContext}. It must not block the calling thread; long waits (network, timers) are expressed
 * through the returned stage and {@link BootstrapContext#timer()}.
 */
@ConsumerType
public interface BootstrapMode {

    /**
     * The name device configurations use in their mode sequence, e.g. {@code factory}. Must equal the
     * {@link BootstrapModeName} property of the service registration.
     */
    String name();

    /**
     * Attempts to bootstrap the device of {@code context}.
     * <p>
     * The returned stage completes with {@link BootstrapOutcome#success()} only after the configuration was
     * finished consistently ({@link BootstrapContext#finish()} or a Bootstrap-Finish through
     * {@link BootstrapContext#bootstrapInterface()} answered 2.04); the engine commits the attempt's tree then. A
     * success claimed without a consistent Finish is treated as a failure. Completing exceptionally counts as
     * a failure with the exception as cause. The engine may end the attempt first (session timeout, device
     * removed, engine stopped); {@link BootstrapContext#closed()} tells the mode so that it can release its
     * resources.
     *
     * @param context the device, its tree and the services the mode may use; valid until the
     *            returned stage completes or {@link BootstrapContext#closed()} completes
     * @return the outcome; never {@code null}
     */
    CompletionStage<BootstrapOutcome> attempt(BootstrapContext context);
}
