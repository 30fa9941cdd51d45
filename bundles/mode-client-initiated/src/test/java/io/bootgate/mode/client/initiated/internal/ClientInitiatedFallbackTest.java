/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestBootstrapServer;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fallbacks of the client-initiated mode against a bootstrap server written with Bootgate's transport API
 * whose behaviour each test sets: a LwM2M 1.0 server that refuses {@code pct}, a server with or without
 * Bootstrap-Pack support, and one that accepts the request but never finishes.
 */
class ClientInitiatedFallbackTest {

    private static final String EP = "urn:dev:ops:fallback-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final KeyPair dmDevice = TestPki.newKeyPair();
    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        startGateway(Duration.ofSeconds(247));
    }

    private void startGateway(Duration exchangeLifetime) {
        if (gateway != null) {
            gateway.close();
        }
        gateway = new TestGateway(TestAccessControl::create, exchangeLifetime);
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void serverThatRefusesPctIsAskedAgainAsLwM2m10AndBootstrapsWithTlv() throws Exception {
        List<CoapRequest> commands = List.of(
                write(LwM2mPath.of(0, 1), managementSecurity(1, 101), ContentFormat.TLV),
                write(LwM2mPath.of(1, 0), server(0, 101), ContentFormat.TLV),
                CoapRequest.post("/bs").build());
        try (TestBootstrapServer server = new TestBootstrapServer(
                gateway.dtls(),
                serverKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(true, Optional.empty(), commands))) {
            provision(server.uri());

            BootstrapOutcome outcome = run(Map.of());

            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
            assertThat(server.received())
                    .extracting(CoapRequest::toString)
                    .containsExactly("POST /bs?ep=" + EP + "&pct=112 (0 bytes)", "POST /bs?ep=" + EP + " (0 bytes)");
            assertThat(server.commandResponses().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .extracting(CoapResponse::code)
                    .containsExactly(ResponseCode.CHANGED, ResponseCode.CHANGED, ResponseCode.CHANGED);
            assertThat(gateway.store().snapshot(EP).value(LwM2mPath.of(1, 0, 0)))
                    .contains(ResourceValue.ofInteger(101));
        }
    }

    @Test
    void bootstrapPackIsAppliedAndFinishedWithoutAFinishMessage() throws Exception {
        List<PathValue> values = new ArrayList<>();
        values.addAll(values(LwM2mPath.of(0, 1), managementSecurity(1, 101)));
        values.addAll(values(LwM2mPath.of(1, 0), server(0, 101)));
        byte[] pack = gateway.codec().encodeValues(values, ContentFormat.SENML_CBOR);
        try (TestBootstrapServer server = new TestBootstrapServer(
                gateway.dtls(),
                serverKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(false, Optional.of(pack), List.of()))) {
            provision(server.uri());

            BootstrapOutcome outcome = run(Map.of(ClientInitiatedSettings.BSPACK_PROPERTY, "true"));

            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
            assertThat(server.received())
                    .extracting(CoapRequest::toString)
                    .containsExactly("GET /bspack?ep=" + EP + " accept=112 (0 bytes)");
            TreeView committed = gateway.store().snapshot(EP);
            assertThat(committed.value(LwM2mPath.of(0, 1, 10))).contains(ResourceValue.ofInteger(101));
            assertThat(committed.value(LwM2mPath.of(1, 0, 7))).contains(ResourceValue.ofString("U"));
            assertThat(committed.value(LwM2mPath.of(0, 0, 1))).contains(ResourceValue.ofBoolean(true));
        }
    }

    @Test
    void serverWithoutBootstrapPackIsSentTheBootstrapRequest() throws Exception {
        List<CoapRequest> commands = List.of(
                write(LwM2mPath.of(0, 1), managementSecurity(1, 101), ContentFormat.SENML_CBOR),
                write(LwM2mPath.of(1, 0), server(0, 101), ContentFormat.SENML_CBOR),
                CoapRequest.post("/bs").build());
        try (TestBootstrapServer server = new TestBootstrapServer(
                gateway.dtls(),
                serverKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(false, Optional.empty(), commands))) {
            provision(server.uri());

            BootstrapOutcome outcome = run(Map.of(ClientInitiatedSettings.BSPACK_PROPERTY, "true"));

            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
            assertThat(server.received())
                    .extracting(CoapRequest::toString)
                    .containsExactly(
                            "GET /bspack?ep=" + EP + " accept=112 (0 bytes)",
                            "POST /bs?ep=" + EP + "&pct=112 (0 bytes)");
        }
    }

    @Test
    void serverThatNeverFinishesFailsTheAttemptAfterExchangeLifetime() throws Exception {
        startGateway(Duration.ofSeconds(2));
        try (TestBootstrapServer server = new TestBootstrapServer(
                gateway.dtls(),
                serverKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(false, Optional.empty(), List.of()))) {
            provision(server.uri());
            long revision = gateway.store().snapshot(EP).revision();

            BootstrapOutcome outcome = run(Map.of());

            assertThat(outcome.isSuccess()).isFalse();
            assertThat(gateway.store().snapshot(EP).revision()).isEqualTo(revision);
        }
    }

    private void provision(URI serverUri) {
        Devices.provision(
                gateway.store(),
                EP,
                List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(
                        Devices.rpkBootstrapAccount(0, serverUri, device, serverKeys.getPublic()),
                        Devices.device("SN-F")));
    }

    private BootstrapOutcome run(Map<String, String> properties) throws Exception {
        return gateway.bootstrap(new DeviceBootstrapConfig(
                        EP,
                        List.of(BootstrapModeName.CLIENT_INITIATED),
                        Map.of(BootstrapModeName.CLIENT_INITIATED, properties),
                        Optional.empty()))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private CoapRequest write(LwM2mPath path, ObjectInstance instance, ContentFormat format) throws Exception {
        byte[] payload =
                gateway.codec().encode(instance, path, format, gateway.store().models());
        return CoapRequest.put(path.toString())
                .contentFormat(format)
                .payload(payload)
                .build();
    }

    private static List<PathValue> values(LwM2mPath path, ObjectInstance instance) {
        List<PathValue> values = new ArrayList<>();
        instance.resources()
                .forEach((id, resource) ->
                        values.add(new PathValue(path.append(id), ((SingleResource) resource).value())));
        return values;
    }

    private ObjectInstance managementSecurity(int id, int ssid) {
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofString(0, "coaps://127.0.0.1:5784"),
                        SingleResource.ofBoolean(1, false),
                        SingleResource.ofInteger(2, 1),
                        SingleResource.ofOpaque(3, dmDevice.getPublic().getEncoded()),
                        SingleResource.ofOpaque(
                                4, TestPki.newKeyPair().getPublic().getEncoded()),
                        SingleResource.ofOpaque(5, dmDevice.getPrivate().getEncoded()),
                        SingleResource.ofInteger(10, ssid)));
    }

    private static ObjectInstance server(int id, int ssid) {
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofInteger(0, ssid),
                        SingleResource.ofInteger(1, 86400),
                        SingleResource.ofBoolean(6, true),
                        SingleResource.ofString(7, "U")));
    }
}
