/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.ClientInitiated;
import io.bootgate.api.codec.LwM2mDecoder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Client Initiated Bootstrap mode: the device asks its bootstrap server for its configuration over DTLS.
 * Marked {@link ClientInitiated} so that the engine waits the Client Hold Off Time before each attempt.
 * <p>
 * Device mode properties (all optional when the device has a Bootstrap-Server account in its Security
 * object): {@code server.uri}, {@code server.securityMode}, {@code server.publicKey}, {@code server.certificate},
 * {@code server.certificateUsage}, {@code server.trustAnchors}, {@code server.name} (see
 * {@link io.bootgate.api.bootstrap.ModeProperties}; the engine resolves the account), {@code pct} and {@code bspack}.
 */
@Component(service = BootstrapMode.class, configurationPid = ClientInitiatedBootstrapMode.PID)
@BootstrapModeName(BootstrapModeName.CLIENT_INITIATED)
@ClientInitiated
@Designate(ocd = ClientInitiatedConfiguration.class)
public final class ClientInitiatedBootstrapMode implements BootstrapMode {

    static final String PID = "io.bootgate.mode.client.initiated";

    private static final Logger LOG = LoggerFactory.getLogger(ClientInitiatedBootstrapMode.class);

    private final LwM2mDecoder decoder;
    private volatile ClientInitiatedSettings settings;

    @Activate
    public ClientInitiatedBootstrapMode(
            @Reference(name = "decoder") LwM2mDecoder decoder, ClientInitiatedConfiguration configuration) {
        this.decoder = decoder;
        this.settings = ClientInitiatedSettings.of(configuration);
    }

    @Modified
    void modified(ClientInitiatedConfiguration configuration) {
        settings = ClientInitiatedSettings.of(configuration);
    }

    @Override
    public String name() {
        return BootstrapModeName.CLIENT_INITIATED;
    }

    @Override
    public CompletionStage<BootstrapOutcome> attempt(BootstrapContext context) {
        ClientInitiatedSettings attemptSettings;
        try {
            attemptSettings = settings.withDeviceProperties(context.configuration());
        } catch (IllegalArgumentException e) {
            String cause = "device " + context.endpoint() + ": " + e.getMessage();
            LOG.warn("{}", cause);
            return CompletableFuture.completedFuture(BootstrapOutcome.failure(cause));
        }
        return new ClientInitiatedAttempt(context, attemptSettings, decoder, context.models()).start();
    }
}
