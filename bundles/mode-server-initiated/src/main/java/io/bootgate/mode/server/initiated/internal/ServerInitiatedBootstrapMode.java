/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.server.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Server Initiated Bootstrap mode of LwM2M 1.0: the device connects to its bootstrap server as DTLS client
 * (handshake only, no Bootstrap-Request) and applies what that server pushes during the hold-off window (see
 * {@link ServerInitiatedAttempt}). The LwM2M 1.1 form, the Bootstrap-Request Trigger, is
 * {@link BootstrapRequestTriggerComponent}.
 * <p>
 * Device mode properties: {@code window.seconds}, and the bootstrap server account properties of the
 * client-initiated mode when the device has no Bootstrap-Server account in its Security object.
 */
@Component(service = BootstrapMode.class, configurationPid = ServerInitiatedBootstrapMode.PID)
@BootstrapModeName(BootstrapModeName.SERVER_INITIATED)
@Designate(ocd = ServerInitiatedConfiguration.class)
public final class ServerInitiatedBootstrapMode implements BootstrapMode {

    static final String PID = "io.bootgate.mode.server.initiated";

    private volatile Duration defaultWindow;
    private volatile Duration handshakeTimeout;
    private volatile Duration finishLinger;

    @Activate
    public ServerInitiatedBootstrapMode(ServerInitiatedConfiguration configuration) {
        modified(configuration);
    }

    @Modified
    void modified(ServerInitiatedConfiguration configuration) {
        if (configuration.defaultWindowSeconds() <= 0) {
            throw new IllegalArgumentException(
                    "defaultWindowSeconds must be positive, got " + configuration.defaultWindowSeconds());
        }
        if (configuration.handshakeTimeoutSeconds() <= 0) {
            throw new IllegalArgumentException(
                    "handshakeTimeoutSeconds must be positive, got " + configuration.handshakeTimeoutSeconds());
        }
        defaultWindow = Duration.ofSeconds(configuration.defaultWindowSeconds());
        handshakeTimeout = Duration.ofSeconds(configuration.handshakeTimeoutSeconds());
        finishLinger = Duration.ofMillis(Math.max(0, configuration.finishLingerMillis()));
    }

    @Override
    public String name() {
        return BootstrapModeName.SERVER_INITIATED;
    }

    @Override
    public CompletionStage<BootstrapOutcome> attempt(BootstrapContext context) {
        return new ServerInitiatedAttempt(context, defaultWindow, handshakeTimeout, finishLinger).start();
    }
}
