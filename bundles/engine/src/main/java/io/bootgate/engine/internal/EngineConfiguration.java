/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the bootstrap engine (PID {@code io.bootgate.engine}). */
@ObjectClassDefinition(
        id = BootstrapEngineComponent.PID,
        name = "Bootgate bootstrap engine",
        description = "Threads, session timeout and retry back-off of the bootstrap engine. The retry values are"
                + " defaults: a device's Server object resources /1/x/17-20 override them where provisioned.")
public @interface EngineConfiguration {

    @AttributeDefinition(
            name = "Threads",
            min = "1",
            max = "64",
            description = "Size of the one scheduler shared by all devices.")
    int threads() default 2;

    @AttributeDefinition(
            name = "EXCHANGE_LIFETIME (s)",
            min = "1",
            description =
                    "An attempt without Bootstrap-Finish this long after the last command fails and is rolled back.")
    long exchangeLifetimeSeconds() default 247;

    @AttributeDefinition(
            name = "Communication Retry Timer (s)",
            min = "1",
            description = "Base of the exponential back-off between failed runs of the mode sequence.")
    long retryTimerSeconds() default 60;

    @AttributeDefinition(
            name = "Communication Retry Count",
            min = "1",
            description = "Failed runs in one communication sequence.")
    int retryCount() default 5;

    @AttributeDefinition(
            name = "Communication Sequence Delay Timer (s)",
            min = "1",
            description = "Delay after a failed communication sequence.")
    long sequenceDelaySeconds() default 3600;

    @AttributeDefinition(
            name = "Communication Sequence Retry Count",
            min = "0",
            description = "Failed sequences before the engine gives up on a device until a bootstrap is requested;"
                    + " 0 = never give up.")
    int sequenceRetryCount() default 0;

    @AttributeDefinition(name = "Maximum delay (s)", min = "1", description = "Upper bound of every retry delay.")
    long maxDelaySeconds() default 86400;

    @AttributeDefinition(
            name = "Jitter",
            min = "0",
            max = "1",
            description = "Largest random share added to a retry delay, so that devices do not retry in lockstep.")
    double jitter() default 0.1;

    @AttributeDefinition(
            name = "Store busy delay (ms)",
            min = "1",
            description =
                    "Wait before starting an attempt again when the device's store is held by another transaction.")
    long storeBusyDelayMillis() default 1000;

    @AttributeDefinition(
            name = "Maximum concurrent attempts",
            min = "1",
            description = "Bootstrap attempts in flight at most, across all devices. A device whose run would start"
                    + " one more waits its turn (state PENDING); its EXCHANGE_LIFETIME starts when its attempt does."
                    + " Keeps a power-restore storm of thousands of devices from slowing every handshake down.")
    int maxConcurrentAttempts() default 32;

    @AttributeDefinition(
            name = "First start jitter (ms)",
            min = "0",
            description = "A device's first run after it is added starts after a random delay of up to this, so"
                    + " that devices added at once (gateway start, bulk provisioning) do not all start at once."
                    + " 0 starts them at once.")
    long firstStartJitterMillis() default 2000;
}
