/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.mode.testkit.Configurations;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bootstrap server that sends what the Bootstrap interface forbids, over real DTLS to the gateway's engine: each
 * command is refused with its code, and the attempt leaves the device's store exactly as it was.
 */
class ForbiddenBootstrapCommandsTest {

    private static final String EP = "urn:dev:ops:forbidden-1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] SOME_TLV = {(byte) 0xC1, 0x00, 0x01};

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair serverKeys = TestPki.newKeyPair();
    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
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
    void forbiddenReadsWritesAndDeletesAreRefusedAndChangeNothing() throws Exception {
        List<CoapRequest> commands = List.of(
                CoapRequest.get("/3").build(),
                CoapRequest.get("/3/0").build(),
                CoapRequest.get("/0").build(),
                CoapRequest.get("/0/0").build(),
                write("/"),
                write("/0/0/1/0"),
                write("/9999/0"),
                CoapRequest.delete("/3/0").build(),
                CoapRequest.delete("/0/0").build(),
                CoapRequest.delete("/0/0/1").build(),
                CoapRequest.post("/bs").build());
        try (TestBootstrapServer server = new TestBootstrapServer(
                gateway.dtls(),
                serverKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(false, Optional.empty(), commands))) {
            Devices.provision(
                    gateway.store(),
                    EP,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.rpkBootstrapAccount(0, server.uri(), device, serverKeys.getPublic()),
                            Devices.device("SN-X")));
            TreeView before = gateway.store().snapshot(EP);

            BootstrapOutcome outcome = gateway.bootstrap(new DeviceBootstrapConfig(
                            EP,
                            List.of(BootstrapModeName.CLIENT_INITIATED),
                            Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                            Optional.empty()))
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            List<CoapResponse> answers = server.commandResponses().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answers)
                    .extracting(CoapResponse::code)
                    .as("%s", server.exchanges())
                    .containsExactly(
                            ResponseCode.BAD_REQUEST, // Bootstrap-Read of /3
                            ResponseCode.BAD_REQUEST, // Bootstrap-Read of /3/0
                            ResponseCode.BAD_REQUEST, // Bootstrap-Read of /0
                            ResponseCode.BAD_REQUEST, // Bootstrap-Read of /0/0 (the keys)
                            ResponseCode.BAD_REQUEST, // Bootstrap-Write to /
                            ResponseCode.BAD_REQUEST, // Bootstrap-Write to a resource instance
                            ResponseCode.NOT_FOUND, // Bootstrap-Write to an object the gateway does not know
                            ResponseCode.BAD_REQUEST, // Bootstrap-Delete of /3/0
                            ResponseCode.BAD_REQUEST, // Bootstrap-Delete of the Bootstrap-Server account
                            ResponseCode.BAD_REQUEST, // Bootstrap-Delete of a resource
                            ResponseCode.NOT_ACCEPTABLE); // Finish: no LwM2M Server account
            assertThat(outcome.isSuccess()).as("%s", outcome).isFalse();
            TreeView after = gateway.store().snapshot(EP);
            assertThat(after.revision()).isEqualTo(before.revision());
            assertThat(after.objects()).isEqualTo(before.objects());
        }
    }

    private static CoapRequest write(String path) {
        return CoapRequest.put(path)
                .contentFormat(ContentFormat.TLV)
                .payload(SOME_TLV)
                .build();
    }
}
