/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.codec.DefaultLwM2mCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap-Pack-Request and server-initiated bootstrap, which Leshan's 2.0.0-M15 client does not do (it sends
 * no {@code /bspack}, and accepts bootstrap commands only inside a session it started), exercised with the DTLS
 * bundle's own client endpoint as the device, over real handshakes on loopback.
 */
class TransportClientInteropTest {

    @TempDir
    static Path configDirectory;

    static BootstrapServerFixture fixture;
    private SecureClientEndpoint client;
    private final List<CoapRequest> received = new CopyOnWriteArrayList<>();
    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();

    @BeforeAll
    static void startServer() throws Exception {
        fixture = new BootstrapServerFixture(configDirectory);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** A device that answers what a bootstrap server sends as a small LwM2M 1.1 client would. */
    private CompletableFuture<CoapResponse> answer(CoapRequest request) {
        received.add(request);
        if (request.method() == CoapMethod.GET) {
            return CompletableFuture.completedFuture(CoapResponse.of(
                    ResponseCode.CONTENT,
                    ContentFormat.LINK,
                    "</>;lwm2m=1.1,</0/0>,</1>,</2>,</3/0>".getBytes(StandardCharsets.UTF_8)));
        }
        ResponseCode code = request.method() == CoapMethod.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED;
        return CompletableFuture.completedFuture(CoapResponse.of(code));
    }

    private SecureClientEndpoint device(KeyPair keys) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.builder(
                        URI.create(fixture.uri()), SecurityMode.RAW_PUBLIC_KEY)
                .credentials(new RpkCredentials(keys))
                .rpkTrust(RpkTrust.of(fixture.serverKeys.getPublic()))
                .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler((peer, request) -> answer(request))
                .build();
        return fixture.factory.createBootstrapClient(config);
    }

    private static ServerAccount account() {
        return ServerAccount.builder(101)
                .uri("coaps://lwm2m.example:5684")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .publicKeyOrIdentity(new byte[] {1, 2, 3})
                .secretKey(new byte[] {4, 5})
                .serverPublicKey(new byte[] {6})
                .lifetime(300)
                .build();
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void bootstrapPackRequestIsAnsweredWithTheWholeConfiguration() throws Exception {
        KeyPair keys = TestPki.newKeyPair();
        fixture.store.put(BootstrapConfig.builder("pack-device", DeviceIdentity.rawPublicKey(keys.getPublic()))
                .server(account())
                .build());
        client = device(keys);

        CoapResponse response = await(client.send(CoapRequest.get("/bspack")
                .query("ep", "pack-device")
                .accept(ContentFormat.SENML_CBOR)
                .build()));

        assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
        assertThat(response.contentFormat()).hasValue(ContentFormat.SENML_CBOR.code());
        List<PathValue> values =
                codec.decodeValues(response.payload(), ContentFormat.SENML_CBOR, ObjectModelRegistry.standard());
        assertThat(values)
                .contains(
                        new PathValue(LwM2mPath.of(0, 1, 0), ResourceValue.ofString("coaps://lwm2m.example:5684")),
                        new PathValue(LwM2mPath.of(0, 1, 1), ResourceValue.ofBoolean(false)),
                        new PathValue(LwM2mPath.of(0, 1, 10), ResourceValue.ofInteger(101)),
                        new PathValue(LwM2mPath.of(0, 1, 5), ResourceValue.ofOpaque(new byte[] {4, 5})),
                        new PathValue(LwM2mPath.of(1, 0, 0), ResourceValue.ofInteger(101)),
                        new PathValue(LwM2mPath.of(1, 0, 1), ResourceValue.ofInteger(300)));
        BootstrapSessionEvent.Ended ended = fixture.awaitEnd("pack-device", 0);
        assertThat(ended.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(fixture.sessions("pack-device").get(0).get(0))
                .isInstanceOfSatisfying(BootstrapSessionEvent.Started.class, s -> assertThat(s.trigger())
                        .isEqualTo(SessionTrigger.PACK_REQUEST));

        CoapResponse tlv = await(client.send(CoapRequest.get("/bspack")
                .query("ep", "pack-device")
                .accept(ContentFormat.TLV)
                .build()));
        assertThat(tlv.code()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
    }

    @Test
    void badBootstrapRequestsGetAClearError() throws Exception {
        KeyPair keys = TestPki.newKeyPair();
        fixture.store.put(BootstrapConfig.builder("strict-device", DeviceIdentity.rawPublicKey(keys.getPublic()))
                .server(account())
                .build());
        client = device(keys);

        assertThat(await(client.send(CoapRequest.post("/bs")
                                .query("ep", "strict-device")
                                .query("pct", "0")
                                .build()))
                        .code())
                .isEqualTo(ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
        assertThat(await(client.send(CoapRequest.put("/bs")
                                .query("ep", "strict-device")
                                .build()))
                        .code())
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(await(client.send(CoapRequest.post("/rd")
                                .query("ep", "strict-device")
                                .build()))
                        .code())
                .isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(await(client.send(CoapRequest.post("/bs").build())).code()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(await(client.send(
                                CoapRequest.post("/bs").query("ep", "nobody").build()))
                        .code())
                .isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fixture.sessions("strict-device")).isEmpty();

        // A config that needs an interactive session (the initialization option) is not sent as a pack.
        fixture.store.put(BootstrapConfig.builder("strict-device", DeviceIdentity.rawPublicKey(keys.getPublic()))
                .resetServer(101)
                .server(account())
                .build());
        CoapResponse pack = await(client.send(
                CoapRequest.get("/bspack").query("ep", "strict-device").build()));
        assertThat(pack.code()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(pack.diagnostic()).hasValueSatisfying(d -> assertThat(d).contains("Bootstrap-Request"));
    }

    @Test
    void serverInitiatedBootstrapPushesTheConfigurationOverTheDevicesSession() throws Exception {
        KeyPair keys = TestPki.newKeyPair();
        DeviceIdentity identity = DeviceIdentity.rawPublicKey(keys.getPublic());
        fixture.store.put(BootstrapConfig.builder("pushed-device", identity)
                .server(account())
                .build());
        client = device(keys);
        // The device has talked to the server once (here: a pack request), so a DTLS session exists.
        assertThat(await(client.send(CoapRequest.get("/bspack")
                                .query("ep", "pushed-device")
                                .build()))
                        .code())
                .isEqualTo(ResponseCode.CONTENT);
        InetSocketAddress address = client.localAddress().orElseThrow();

        BootstrapSessionEvent.Ended ended = await(fixture.server.bootstrap("pushed-device", address));

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(received)
                .extracting(r -> r.method() + " " + r.pathString())
                .containsExactly("GET /", "DELETE /0", "DELETE /1", "PUT /0/1", "PUT /1/0", "POST /bs");
        CoapRequest security = received.get(3);
        ObjectInstance written = (ObjectInstance)
                codec.decode(security.payload(), ContentFormat.TLV, LwM2mPath.of(0, 1), ObjectModelRegistry.standard());
        assertThat(written.value(10)).contains(ResourceValue.ofInteger(101));

        KeyPair stranger = TestPki.newKeyPair();
        fixture.store.put(BootstrapConfig.builder("stranger-device", DeviceIdentity.rawPublicKey(stranger.getPublic()))
                .server(account())
                .build());
        assertThatThrownBy(() -> await(fixture.server.bootstrap("stranger-device", address)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> await(fixture.server.bootstrap(
                        "pushed-device", new InetSocketAddress(InetAddress.getLoopbackAddress(), 9))))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeviceThatOnlyConnectedIsFoundByItsIdentityAndBootstrapped() throws Exception {
        KeyPair keys = TestPki.newKeyPair();
        fixture.store.put(
                BootstrapConfig.builder("urn:imei:356938035643809", DeviceIdentity.rawPublicKey(keys.getPublic()))
                        .server(account())
                        .build());
        fixture.store.put(BootstrapConfig.builder(
                        "never-connected",
                        DeviceIdentity.rawPublicKey(TestPki.newKeyPair().getPublic()))
                .server(account())
                .build());
        client = device(keys);
        // A LwM2M 1.0 server-initiated bootstrap: the device completes the handshake and sends no request.
        await(client.connect());
        InetSocketAddress address = client.localAddress().orElseThrow();

        BootstrapSessionEvent.Ended ended = await(fixture.server.bootstrap("urn:imei:356938035643809"));

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(received)
                .extracting(r -> r.method() + " " + r.pathString())
                .containsExactly("GET /", "DELETE /0", "DELETE /1", "PUT /0/1", "PUT /1/0", "POST /bs");
        BootstrapSessionEvent.Started started = (BootstrapSessionEvent.Started)
                fixture.sessions("urn:imei:356938035643809").get(0).get(0);
        assertThat(started.trigger()).isEqualTo(SessionTrigger.SERVER_INITIATED);
        assertThat(started.peer()).isEqualTo(address);
        // The address variant finds the same session without any request having been seen.
        assertThat(await(fixture.server.bootstrap("urn:imei:356938035643809", address))
                        .outcome())
                .isEqualTo(SessionOutcome.SUCCEEDED);

        assertThatThrownBy(() -> await(fixture.server.bootstrap("never-connected")))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no DTLS session authenticated as never-connected");
        assertThatThrownBy(() -> await(fixture.server.bootstrap("no-config")))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
