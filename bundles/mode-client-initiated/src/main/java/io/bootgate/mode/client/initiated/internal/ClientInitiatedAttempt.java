/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.BootstrapServerSession;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-initiated bootstrap of one device (LwM2M Core 5.2.7.1 / Transport 6.1):
 * <ol>
 * <li>find the device's bootstrap server (its Bootstrap-Server account, else its mode properties) and check
 * it against the Bootstrap-interface security policy;</li>
 * <li>open a DTLS session to it (Raw Public Key or X.509);</li>
 * <li>when configured, ask for a Bootstrap-Pack ({@code GET /bspack}); a pack is written into the
 * attempt's tree and finished directly, without a Finish message; any error answer falls back to</li>
 * <li>the Bootstrap-Request ({@code POST /bs?ep=..&pct=..}); a server that refuses the {@code pct} (4.00 or
 * 4.15) is asked again as a LwM2M 1.0 server would be, without it;</li>
 * <li>relay the server's Discover / Read / Delete / Write / Finish to the engine's Bootstrap interface until
 * the Finish is answered.</li>
 * </ol>
 * The outcome is a success once a Finish (or the pack's direct finish) was answered 2.04, and a failure on a
 * refused account, a failed handshake, an error answer to the Bootstrap-Request, a 4.06 Finish, or the engine
 * ending the attempt first (EXCHANGE_LIFETIME without a command).
 * <p>
 * Continuations run on the engine's scheduler, never on the transport's threads, because applying a pack
 * commits the store.
 */
final class ClientInitiatedAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(ClientInitiatedAttempt.class);

    private final BootstrapContext context;
    private final ClientInitiatedSettings settings;
    private final LwM2mDecoder decoder;
    private final ObjectModelRegistry models;
    private final String device;
    private final BootstrapServerConnection connection;
    private volatile BootstrapServerAccount account;
    /** Whether the DTLS session with the server stood: a request failing before that failed the handshake. */
    private volatile boolean sessionUp;

    ClientInitiatedAttempt(
            BootstrapContext context,
            ClientInitiatedSettings settings,
            LwM2mDecoder decoder,
            ObjectModelRegistry models) {
        this.context = context;
        this.settings = settings;
        this.decoder = decoder;
        this.models = models;
        this.device = context.endpoint();
        this.connection = new BootstrapServerConnection(context, settings.finishLinger(), LOG);
    }

    CompletionStage<BootstrapOutcome> start() {
        Optional<BootstrapServerAccount> resolved;
        try {
            resolved = connection.resolveAccount();
        } catch (InvalidBootstrapAccountException e) {
            return connection.refuse(e);
        }
        if (resolved.isEmpty()) {
            String reason = "device " + device + " has no Bootstrap-Server account (no Security instance with"
                    + " Bootstrap-Server = true) and no " + ModeProperties.SERVER_URI + " mode property";
            LOG.info("{}", reason);
            return CompletableFuture.completedFuture(BootstrapOutcome.notApplicable(reason));
        }
        account = resolved.get();
        if (!connection.openSession(endpoint -> endpoint.handler(this::relay)
                .handshakeTimeout(settings.handshakeTimeout())
                .requestTimeout(settings.requestTimeout()))) {
            return connection.outcome();
        }
        context.finished().whenCompleteAsync((finish, error) -> onFinished(finish, error), context.timer());
        context.closed().whenComplete((done, error) -> onClosed());
        connection.outcome().whenComplete((result, error) -> connection.closeSession());
        LOG.info(
                "device {}: client-initiated bootstrap with {} ({}, account {})",
                device,
                account.uri(),
                account.securityMode(),
                account.source());
        // The first request starts the DTLS handshake itself (no CoAP ping first, one round trip less); the
        // connect below only watches that handshake, so that its failure is reported as one.
        onConnected();
        connection.connect(server -> {
            sessionUp = true;
            LOG.debug("device {}: DTLS session with bootstrap server {}", device, server.describe());
        });
        return connection.outcome();
    }

    private void onConnected() {
        if (settings.bootstrapPack()) {
            requestPack();
        } else {
            requestBootstrap(settings.preferredContentFormat());
        }
    }

    private void requestPack() {
        ContentFormat accept = settings.preferredContentFormat()
                .filter(f -> f == ContentFormat.SENML_JSON)
                .orElse(ContentFormat.SENML_CBOR);
        CoapRequest request =
                CoapRequest.get("/bspack").query("ep", device).accept(accept).build();
        connection
                .send(request)
                .whenCompleteAsync(
                        (response, error) -> {
                            if (connection.isDone()) {
                                return;
                            }
                            if (error != null && !sessionUp) {
                                // The handshake failed: connect's failure names it; a fallback would fail alike.
                                connection.failHandshake(error);
                            } else if (error != null) {
                                LOG.info(
                                        "device {}: Bootstrap-Pack-Request to {} failed ({}); falling back to Bootstrap-Request",
                                        device,
                                        account.uri(),
                                        BootstrapServerSession.describe(error));
                                requestBootstrap(settings.preferredContentFormat());
                            } else if (response.code() != ResponseCode.CONTENT) {
                                LOG.info(
                                        "device {}: bootstrap server {} answered the Bootstrap-Pack-Request with {}; falling back to"
                                                + " Bootstrap-Request",
                                        device,
                                        account.uri(),
                                        Responses.describe(response));
                                requestBootstrap(settings.preferredContentFormat());
                            } else {
                                applyPack(response);
                            }
                        },
                        context.timer());
    }

    private void applyPack(CoapResponse response) {
        BootstrapPack pack;
        try {
            ContentFormat format = response.contentFormat().stream()
                    .boxed()
                    .findFirst()
                    .flatMap(ContentFormat::fromCode)
                    .filter(f -> f == ContentFormat.SENML_CBOR || f == ContentFormat.SENML_JSON)
                    .orElseThrow(() -> new BootstrapPack.InvalidPackException("content format "
                            + response.contentFormat() + " is not SenML-CBOR (112) or SenML-JSON (110)"));
            List<PathValue> values = decoder.decodeValues(response.payload(), format, models);
            pack = BootstrapPack.of(values, models);
        } catch (CodecException | BootstrapPack.InvalidPackException e) {
            // Nothing was written yet: the Bootstrap-Request can still deliver the configuration.
            LOG.warn(
                    "device {}: unusable Bootstrap-Pack from {}: {}; falling back to Bootstrap-Request",
                    device,
                    account.uri(),
                    e.getMessage());
            requestBootstrap(settings.preferredContentFormat());
            return;
        }
        try {
            pack.applyTo(context.tree());
        } catch (StoreException e) {
            connection.fail(
                    "device " + device + ": Bootstrap-Pack from " + account.uri() + " could not be written: "
                            + e.getMessage(),
                    e);
            return;
        }
        FinishResult finish = context.finish();
        LOG.info(
                "device {}: Bootstrap-Pack of {} instances from {} applied, finish answered {}",
                device,
                pack.instances().size(),
                account.uri(),
                finish.code());
        onFinished(finish, null);
    }

    private void requestBootstrap(Optional<ContentFormat> pct) {
        CoapRequest.Builder builder = CoapRequest.post("/bs").query("ep", device);
        pct.ifPresent(format -> builder.query("pct", Integer.toString(format.code())));
        CoapRequest request = builder.build();
        connection
                .send(request)
                .whenCompleteAsync(
                        (response, error) -> {
                            if (connection.isDone()) {
                                return;
                            }
                            if (error != null && !sessionUp) {
                                connection.failHandshake(error);
                            } else if (error != null) {
                                connection.fail(
                                        "device " + device + ": Bootstrap-Request to " + account.uri() + " failed: "
                                                + BootstrapServerSession.describe(error),
                                        error);
                            } else if (response.code() == ResponseCode.CHANGED) {
                                LOG.debug("device {}: bootstrap server {} accepted {}", device, account.uri(), request);
                            } else if (pct.isPresent()
                                    && (response.code() == ResponseCode.BAD_REQUEST
                                            || response.code() == ResponseCode.UNSUPPORTED_CONTENT_FORMAT)) {
                                // A LwM2M 1.0 server does not know the pct parameter and may refuse the whole request.
                                LOG.info(
                                        "device {}: bootstrap server {} answered {} to pct={}; asking again without pct (LwM2M 1.0)",
                                        device,
                                        account.uri(),
                                        Responses.describe(response),
                                        pct.get().code());
                                requestBootstrap(Optional.empty());
                            } else {
                                connection.fail(
                                        "device " + device + ": bootstrap server " + account.uri()
                                                + " answered the Bootstrap-Request with "
                                                + Responses.describe(response),
                                        null);
                            }
                        },
                        context.timer());
    }

    /** The bootstrap server's commands go to the engine's Bootstrap interface, which serves the transaction. */
    private CompletionStage<CoapResponse> relay(PeerIdentity peer, CoapRequest request) {
        LOG.debug("device {}: {} from bootstrap server {}", device, request, peer.describe());
        return context.bootstrapInterface().handle(peer, request);
    }

    private void onFinished(FinishResult finish, Throwable error) {
        if (error != null) {
            // The engine ends the Finish stage exceptionally when it ends the attempt (e.g. EXCHANGE_LIFETIME).
            if (connection.complete(BootstrapOutcome.failure("device " + device + ": no Finish from bootstrap server "
                    + account.uri() + ": " + error.getMessage()))) {
                LOG.warn(
                        "device {}: no Finish from bootstrap server {}: {}", device, account.uri(), error.getMessage());
            }
        } else if (finish.isSuccess()) {
            if (connection.complete(BootstrapOutcome.success())) {
                LOG.info("device {}: bootstrapped by {}", device, account.uri());
            }
        } else if (connection.complete(BootstrapOutcome.failure(finish))) {
            LOG.warn(
                    "device {}: Bootstrap-Finish from {} answered {}: {}",
                    device,
                    account.uri(),
                    finish.code(),
                    finish.reasons());
        }
    }

    private void onClosed() {
        if (connection.complete(BootstrapOutcome.failure("device " + device + ": the attempt ended before the"
                + " bootstrap server " + account.uri() + " finished (no command within EXCHANGE_LIFETIME, device"
                + " removed or engine stopped)"))) {
            LOG.warn("device {}: attempt with {} ended by the engine before a Finish", device, account.uri());
        }
        connection.closeSession();
    }
}
