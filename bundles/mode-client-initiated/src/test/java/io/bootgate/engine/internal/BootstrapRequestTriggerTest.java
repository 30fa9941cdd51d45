/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.TriggerResult;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestBootstrapServer;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LwM2M 1.1 server-initiated bootstrap: an authorised management server's Execute on the Bootstrap-Request
 * Trigger (/1/x/9) makes the engine run the client-initiated mode, which sends a Bootstrap-Request to the
 * device's bootstrap server; an unauthorised one is refused by the Access Control
 * object. Runs on the real engine, store, ACL service and DTLS transport, with the real client-initiated mode.
 */
class BootstrapRequestTriggerTest {

    private static final String EP = "urn:dev:ops:trigger-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair serverKeys = TestPki.newKeyPair();
    private TestGateway gateway;
    private TestBootstrapServer bootstrapServer;
    private BootstrapRequestTriggerComponent trigger;
    private BootstrapMode clientInitiated;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        clientInitiated = clientInitiatedMode(gateway);
        gateway.install(clientInitiated, true);
        trigger = new BootstrapRequestTriggerComponent(gateway.engine(), gateway.store(), gateway.accessControl());
        // Each Bootstrap-Request is answered by rewriting server 101's lifetime, then a Finish.
        byte[] server101 = gateway.codec()
                .encode(
                        server(0, 101, 600),
                        LwM2mPath.of(1, 0),
                        ContentFormat.TLV,
                        gateway.store().models());
        bootstrapServer = new TestBootstrapServer(
                gateway.dtls(),
                serverKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(
                        false,
                        Optional.empty(),
                        List.of(
                                CoapRequest.put("/1/0")
                                        .contentFormat(ContentFormat.TLV)
                                        .payload(server101)
                                        .build(),
                                CoapRequest.post("/bs").build())));
        // Two management servers; server 202 has no right on /1/0, which server 101 owns.
        Devices.provision(
                gateway.store(),
                EP,
                List.of(
                        LwM2mPath.of(0, 0),
                        LwM2mPath.of(0, 1),
                        LwM2mPath.of(0, 2),
                        LwM2mPath.of(1, 0),
                        LwM2mPath.of(1, 1),
                        LwM2mPath.of(2, 0),
                        LwM2mPath.of(3, 0)),
                List.of(
                        Devices.rpkBootstrapAccount(0, bootstrapServer.uri(), device, serverKeys.getPublic()),
                        managementSecurity(1, 101),
                        managementSecurity(2, 202),
                        server(0, 101, 300),
                        server(1, 202, 300),
                        accessControl(0, 1, 0, 101),
                        Devices.device("SN-T")));
        BootstrapOutcome first = gateway.bootstrap(
                        DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first.isSuccess()).as("first bootstrap: %s", first).isTrue();
    }

    @AfterEach
    void stop() {
        bootstrapServer.close();
        gateway.close();
    }

    @Test
    void executeByTheAuthorisedServerStartsAClientInitiatedBootstrap() throws Exception {
        TriggerResult result = trigger.execute(EP, 0, 101);

        assertThat(result.code()).isEqualTo(ResponseCode.CHANGED);
        BootstrapOutcome outcome =
                result.bootstrap().orElseThrow().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        assertThat(bootstrapRequests()).isEqualTo(2);
    }

    @Test
    void executeByAServerWithoutRightsOrOnAMissingInstanceIsRefused() {
        TriggerResult unauthorised = trigger.execute(EP, 0, 202);
        assertThat(unauthorised.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(unauthorised.bootstrap()).isEmpty();

        assertThat(trigger.execute(EP, 7, 101).code()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(trigger.execute("urn:dev:ops:unknown", 0, 101).code()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(trigger.execute(EP, 0, 0).code()).isEqualTo(ResponseCode.BAD_REQUEST);
        // Not one of them reached the bootstrap server.
        assertThat(bootstrapRequests()).isEqualTo(1);
    }

    @Test
    void theTriggerRunsTheClientInitiatedModeNotAnEarlierModeOfTheSequence() throws Exception {
        // A factory mode listed first would "succeed" on its own data without contacting the bootstrap server.
        AtomicInteger factoryAttempts = new AtomicInteger();
        gateway.install(
                new BootstrapMode() {
                    @Override
                    public String name() {
                        return BootstrapModeName.FACTORY;
                    }

                    @Override
                    public CompletionStage<BootstrapOutcome> attempt(BootstrapContext context) {
                        factoryAttempts.incrementAndGet();
                        return CompletableFuture.completedFuture(
                                context.finish().isSuccess()
                                        ? BootstrapOutcome.success()
                                        : BootstrapOutcome.failure("inconsistent factory data"));
                    }
                },
                false);
        gateway.engine()
                .addDevice(DeviceBootstrapConfig.of(
                        EP, List.of(BootstrapModeName.FACTORY, BootstrapModeName.CLIENT_INITIATED)));

        TriggerResult result = trigger.execute(EP, 0, 101);

        assertThat(result.code()).isEqualTo(ResponseCode.CHANGED);
        BootstrapOutcome outcome =
                result.bootstrap().orElseThrow().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        assertThat(bootstrapRequests()).isEqualTo(2);
        assertThat(factoryAttempts).hasValue(0);
        assertThat(gateway.events())
                .filteredOn(e -> e.type() == BootstrapEvent.Type.ATTEMPT_STARTED)
                .extracting(e -> e.mode().orElseThrow())
                .containsExactly(BootstrapModeName.CLIENT_INITIATED, BootstrapModeName.CLIENT_INITIATED);
    }

    @Test
    void withoutTheClientInitiatedModeTheTriggerSaysNoBootstrapCanStart() {
        gateway.engine()
                .unbindMode(clientInitiated, Map.of(BootstrapModeName.PROPERTY, BootstrapModeName.CLIENT_INITIATED));

        TriggerResult result = trigger.execute(EP, 0, 101);

        assertThat(result.code()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(result.reason()).contains("'client-initiated' is not installed");
        assertThat(result.bootstrap()).isEmpty();
        assertThat(bootstrapRequests()).isEqualTo(1);
    }

    private long bootstrapRequests() {
        return bootstrapServer.received().stream()
                .filter(r -> r.pathString().equals("/bs"))
                .count();
    }

    private static BootstrapMode clientInitiatedMode(TestGateway gateway) {
        return io.bootgate.mode.testkit.Modes.clientInitiated(gateway);
    }

    private static ObjectInstance managementSecurity(int id, int ssid) {
        KeyPair dm = TestPki.newKeyPair();
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofString(0, "coaps://127.0.0.1:" + (5700 + id)),
                        SingleResource.ofBoolean(1, false),
                        SingleResource.ofInteger(2, SecurityMode.RAW_PUBLIC_KEY.code()),
                        SingleResource.ofOpaque(3, dm.getPublic().getEncoded()),
                        SingleResource.ofOpaque(
                                4, TestPki.newKeyPair().getPublic().getEncoded()),
                        SingleResource.ofOpaque(5, dm.getPrivate().getEncoded()),
                        SingleResource.ofInteger(10, ssid)));
    }

    private static ObjectInstance server(int id, int ssid, int lifetime) {
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofInteger(0, ssid),
                        SingleResource.ofInteger(1, lifetime),
                        SingleResource.ofBoolean(6, true),
                        SingleResource.ofString(7, "U")));
    }

    /** An Access Control instance for /objectId/instanceId owned by {@code owner}, without ACL entries. */
    private static ObjectInstance accessControl(int id, int objectId, int instanceId, int owner) {
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofInteger(0, objectId),
                        SingleResource.ofInteger(1, instanceId),
                        MultipleResource.of(2, ResourceType.INTEGER, Map.<Integer, ResourceValue>of()),
                        SingleResource.ofInteger(3, owner)));
    }
}
