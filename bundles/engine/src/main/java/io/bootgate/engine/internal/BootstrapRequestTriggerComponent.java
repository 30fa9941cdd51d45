/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.acl.AccessDecision;
import io.bootgate.api.acl.Operation;
import io.bootgate.api.acl.Requester;
import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapRequestTrigger;
import io.bootgate.api.bootstrap.TriggerResult;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.UnknownEndpointException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bootstrap-Request Trigger of LwM2M 1.1: an authorised management server's Execute on {@code /1/x/9}
 * makes the engine run a client-initiated bootstrap of the device (that mode only, whatever the device's mode
 * sequence).
 * <p>
 * Authorisation follows the client's rules for any Execute: the Server instance must exist (4.04), and the
 * {@link AccessControlService} must grant the requesting server Execute on {@code /1/x} (a server without a
 * Server instance of its own on the device has no rights; with several servers the Access Control object
 * decides). The Security object is never involved, so a management server learns nothing about it.
 */
@Component(service = BootstrapRequestTrigger.class)
public final class BootstrapRequestTriggerComponent implements BootstrapRequestTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapRequestTriggerComponent.class);

    private final BootstrapEngine engine;
    private final ObjectStore store;
    private final AccessControlService accessControl;

    @Activate
    public BootstrapRequestTriggerComponent(
            @Reference(name = "engine") BootstrapEngine engine,
            @Reference(name = "store") ObjectStore store,
            @Reference(name = "accessControl") AccessControlService accessControl) {
        this.engine = engine;
        this.store = store;
        this.accessControl = accessControl;
    }

    @Override
    public TriggerResult execute(String endpoint, int serverInstance, int requesterShortServerId) {
        String operation = "Execute /" + Server.ID + "/" + serverInstance + "/" + Server.BOOTSTRAP_REQUEST_TRIGGER
                + " by server " + requesterShortServerId;
        Requester requester;
        LwM2mPath target;
        try {
            requester = Requester.server(requesterShortServerId);
            target = LwM2mPath.of(Server.ID, serverInstance, Server.BOOTSTRAP_REQUEST_TRIGGER);
        } catch (IllegalArgumentException e) {
            return refuse(endpoint, operation, ResponseCode.BAD_REQUEST, e.getMessage());
        }
        if (engine.state(endpoint).isEmpty()) {
            return refuse(endpoint, operation, ResponseCode.NOT_FOUND, "the bootstrap engine does not know the device");
        }
        TreeView tree;
        try {
            tree = store.snapshot(endpoint);
        } catch (UnknownEndpointException e) {
            return refuse(endpoint, operation, ResponseCode.NOT_FOUND, "the device has no object store");
        }
        if (tree.instance(Server.ID, serverInstance).isEmpty()) {
            return refuse(
                    endpoint,
                    operation,
                    ResponseCode.NOT_FOUND,
                    "Server instance /" + Server.ID + "/" + serverInstance + " does not exist");
        }
        AccessDecision decision = accessControl.check(tree, requester, Operation.EXECUTE, target);
        if (!decision.granted()) {
            return refuse(
                    endpoint, operation, decision.denialCode().orElse(ResponseCode.UNAUTHORIZED), decision.reason());
        }
        CompletionStage<BootstrapOutcome> bootstrap;
        try {
            // The trigger asks for a client-initiated bootstrap (Core 5.2.7.1), not for the device's sequence, where
            // an earlier mode (e.g. factory) would "succeed" without the bootstrap server ever being contacted.
            bootstrap = engine.requestBootstrap(endpoint, BootstrapModeName.CLIENT_INITIATED);
        } catch (IllegalArgumentException e) {
            // The device was removed between the state check and the request.
            return refuse(endpoint, operation, ResponseCode.NOT_FOUND, e.getMessage());
        }
        CompletableFuture<BootstrapOutcome> started = bootstrap.toCompletableFuture();
        if (started.isDone()
                && !started.isCompletedExceptionally()
                && !started.join().isSuccess()) {
            // Nothing was started (typically: the client-initiated mode is not installed); the server must not
            // be told 2.04 for a bootstrap that will never happen.
            return refuse(
                    endpoint,
                    operation,
                    ResponseCode.SERVICE_UNAVAILABLE,
                    started.join().detail());
        }
        LOG.info(
                "device {}: {} accepted ({}); client-initiated bootstrap requested",
                endpoint,
                operation,
                decision.reason());
        bootstrap.whenComplete((outcome, error) -> {
            if (error != null) {
                LOG.warn("device {}: bootstrap requested by {} failed: {}", endpoint, operation, error.toString());
            } else {
                LOG.info("device {}: bootstrap requested by {} ended: {}", endpoint, operation, outcome);
            }
        });
        return TriggerResult.accepted("client-initiated bootstrap requested (" + decision.reason() + ")", bootstrap);
    }

    private static TriggerResult refuse(String endpoint, String operation, ResponseCode code, String reason) {
        LOG.warn("device {}: {} refused with {}: {}", endpoint, operation, code.dotted(), reason);
        return TriggerResult.refused(code, reason);
    }
}
