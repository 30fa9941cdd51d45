/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
import static io.bootgate.dtls.internal.DtlsFixture.await;
import static io.bootgate.dtls.internal.DtlsFixture.coaps;
import static io.bootgate.dtls.internal.DtlsFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.Received;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw Public Key mode, real handshakes on loopback. */
class RpkHandshakeTest {

    private static DefaultDtlsEndpointFactory factory;
    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();
    private static final KeyPair DEVICE_KEY = KeyMaterial.generateP256();

    /** The server's live device registry: endpoint name to Raw Public Key. */
    private final Map<String, PublicKey> devices = new ConcurrentHashMap<>();

    private RecordingHandler serverHandler;
    private SecureServerEndpoint server;

    @BeforeAll
    static void startFactory() {
        factory = DtlsFixture.factory();
    }

    @AfterAll
    static void stopFactory() {
        factory.close();
    }

    @BeforeEach
    void startServer() throws Exception {
        devices.put("dev1", DEVICE_KEY.getPublic());
        serverHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(new RpkCredentials(SERVER_KEY))
                // Live trust: the registry is asked during each handshake.
                .rpkTrust(key -> devices.values().stream().anyMatch(known -> RpkTrust.sameKey(known, key)))
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.ofNullable(devices.get(name))))
                .handler(serverHandler)
                .build());
        server.start();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private SecureClientEndpoint client(KeyPair deviceKey, PublicKey trustedServerKey, RecordingHandler handler)
            throws Exception {
        return factory.createBootstrapClient(ClientEndpointConfig.builder(coaps(server), SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(deviceKey))
                .rpkTrust(RpkTrust.of(trustedServerKey))
                .handler(handler)
                .deviceName("dev1")
                .build());
    }

    @Test
    void bootstrapRequestAndServerRequestsShareOneSession() throws Exception {
        RecordingHandler deviceHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        try (SecureClientEndpoint client = client(DEVICE_KEY, SERVER_KEY.getPublic(), deviceHandler)) {
            PeerIdentity serverIdentity = await(client.connect());
            assertThat(serverIdentity).isInstanceOf(RpkPeer.class);
            assertThat(RpkTrust.sameKey(serverIdentity.publicKey(), SERVER_KEY.getPublic()))
                    .isTrue();

            CoapResponse answer = await(
                    client.send(CoapRequest.post("/bs").query("ep", "dev1").build()));

            assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
            Received bootstrapRequest = serverHandler.single();
            assertThat(bootstrapRequest.request().pathString()).isEqualTo("/bs");
            assertThat(bootstrapRequest.request().queryParameter("ep")).contains("dev1");
            assertThat(bootstrapRequest.peer()).isInstanceOf(RpkPeer.class);
            assertThat(RpkTrust.sameKey(bootstrapRequest.peer().publicKey(), DEVICE_KEY.getPublic()))
                    .isTrue();

            // Bootstrap-Write from the server to the device, over the device's session.
            byte[] payload = "coaps://dm.example:5684".getBytes(StandardCharsets.UTF_8);
            CoapResponse written = await(server.send(
                    bootstrapRequest.peer().address(),
                    CoapRequest.put("/0/1/0")
                            .contentFormat(ContentFormat.TEXT)
                            .payload(payload)
                            .build()));

            assertThat(written.code()).isEqualTo(ResponseCode.CHANGED);
            Received write = deviceHandler.single();
            assertThat(write.request().pathString()).isEqualTo("/0/1/0");
            assertThat(write.request().payload()).isEqualTo(payload);
            assertThat(write.request().contentFormat()).hasValue(ContentFormat.TEXT.code());
            assertThat(RpkTrust.sameKey(write.peer().publicKey(), SERVER_KEY.getPublic()))
                    .isTrue();

            // The server handed out a Connection ID the device now sends with.
            DTLSContext context =
                    ((DefaultSecureClientEndpoint) client).connector().getDtlsContextByAddress(server.localAddress());
            assertThat(context.getWriteConnectionId()).isNotNull();
            assertThat(context.getWriteConnectionId().length()).isEqualTo(6);
            // The policy's first choices were negotiated: CCM_8 and X25519.
            assertThat(context.getSession().getCipherSuite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
            assertThat(context.getSession().getEcGroup()).isEqualTo(SupportedGroup.X25519);
        }
    }

    @Test
    void aHandshakeAloneMakesTheClientKnownByAddressAndByIdentity() throws Exception {
        KeyPair second = KeyMaterial.generateP256();
        devices.put("dev2", second.getPublic());
        RecordingHandler deviceHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        try (SecureClientEndpoint first = client(DEVICE_KEY, SERVER_KEY.getPublic(), deviceHandler);
                SecureClientEndpoint other =
                        client(second, SERVER_KEY.getPublic(), RecordingHandler.answering(ResponseCode.CHANGED))) {
            await(first.connect());
            InetSocketAddress address = first.localAddress().orElseThrow();
            await(other.connect());

            // No request was sent: the identity comes from the session the handshake established.
            assertThat(serverHandler.received()).isEmpty();
            PeerIdentity known = server.peerIdentity(address).orElseThrow();
            assertThat(known).isInstanceOf(RpkPeer.class);
            assertThat(known.address()).isEqualTo(address);
            assertThat(RpkTrust.sameKey(known.publicKey(), DEVICE_KEY.getPublic()))
                    .isTrue();
            assertThat(server.peerIdentity(new InetSocketAddress(address.getAddress(), 9)))
                    .isEmpty();

            assertThat(server.peers(peer -> RpkTrust.sameKey(peer.publicKey(), DEVICE_KEY.getPublic())))
                    .extracting(PeerIdentity::address)
                    .containsExactly(address);
            assertThat(server.peers(peer -> true)).hasSize(2);
            assertThat(server.peers(peer -> false)).isEmpty();

            // And the server can reach the client over that session.
            CoapResponse written =
                    await(server.send(address, CoapRequest.delete("/0/1").build()));
            assertThat(written.code()).isEqualTo(ResponseCode.CHANGED);
            assertThat(deviceHandler.single().request().pathString()).isEqualTo("/0/1");
        }
        server.close();
        assertThat(server.peers(peer -> true)).isEmpty();
    }

    @Test
    void unknownDeviceKeyFailsTheHandshake() throws Exception {
        KeyPair stranger = KeyMaterial.generateP256();
        try (SecureClientEndpoint client =
                client(stranger, SERVER_KEY.getPublic(), RecordingHandler.answering(ResponseCode.CHANGED))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.REJECTED_BY_PEER);
            assertThat(refused.getMessage()).contains("BAD_CERTIFICATE");
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void deviceRefusesAServerKeyItDoesNotTrust() throws Exception {
        PublicKey expectedServerKey = KeyMaterial.generateP256().getPublic();
        try (SecureClientEndpoint client =
                client(DEVICE_KEY, expectedServerKey, RecordingHandler.answering(ResponseCode.CHANGED))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_PEER);
            assertThat(refused.getMessage())
                    .contains("Raw Public Key sha256:" + PeerIdentity.fingerprint(SERVER_KEY.getPublic()))
                    .contains("not trusted");
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void endpointNameOfAnotherDeviceIsAnsweredBadRequest() throws Exception {
        KeyPair otherDevice = KeyMaterial.generateP256();
        devices.put("dev2", otherDevice.getPublic());
        try (SecureClientEndpoint client =
                client(DEVICE_KEY, SERVER_KEY.getPublic(), RecordingHandler.answering(ResponseCode.CHANGED))) {
            // dev1's key, dev2's name: the key is trusted, but it is not dev2's key.
            CoapResponse answer = await(
                    client.send(CoapRequest.post("/bs").query("ep", "dev2").build()));

            assertThat(answer.code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(answer.diagnostic()).contains("endpoint name does not match the DTLS identity");
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void aKeyAddedToTheLiveTrustIsAcceptedWithoutRestart() throws Exception {
        KeyPair newDevice = KeyMaterial.generateP256();
        try (SecureClientEndpoint client =
                client(newDevice, SERVER_KEY.getPublic(), RecordingHandler.answering(ResponseCode.CHANGED))) {
            assertThat(failure(client.connect()).reason()).isEqualTo(Reason.REJECTED_BY_PEER);

            devices.put("dev3", newDevice.getPublic());

            assertThat(await(client.connect())).isInstanceOf(RpkPeer.class);
            CoapResponse answer = await(
                    client.send(CoapRequest.post("/bs").query("ep", "dev3").build()));
            assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
        }
    }

    @Test
    void aRequestWithoutASessionCarriesTheHandshakeAndNoPingIsSent() throws Exception {
        RecordingHandler deviceHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        try (SecureClientEndpoint client = client(DEVICE_KEY, SERVER_KEY.getPublic(), deviceHandler)) {
            List<Request> sent = new CopyOnWriteArrayList<>();
            ((DefaultSecureClientEndpoint) client).coapEndpoint().addInterceptor(new MessageInterceptorAdapter() {
                @Override
                public void sendRequest(Request request) {
                    sent.add(request);
                }
            });

            CompletionStage<CoapResponse> answer =
                    client.send(CoapRequest.post("/bs").query("ep", "dev1").build());
            // A connect while the request's handshake runs is that handshake, not a second one (nor a ping).
            PeerIdentity serverIdentity = await(client.connect());

            assertThat(await(answer).code()).isEqualTo(ResponseCode.CHANGED);
            assertThat(RpkTrust.sameKey(serverIdentity.publicKey(), SERVER_KEY.getPublic()))
                    .isTrue();
            assertThat(serverHandler.single().request().pathString()).isEqualTo("/bs");
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).getCode()).isEqualTo(CoAP.Code.POST);

            // The session stands: the next request goes over it.
            await(client.send(CoapRequest.post("/bs").query("ep", "dev1").build()));
            assertThat(sent).hasSize(2);
            assertThat(serverHandler.received()).hasSize(2);
        }
    }

    @Test
    void aRequestCarryingAFailedHandshakeFailsWithTheHandshakesCause() throws Exception {
        PublicKey expectedServerKey = KeyMaterial.generateP256().getPublic();
        try (SecureClientEndpoint client =
                client(DEVICE_KEY, expectedServerKey, RecordingHandler.answering(ResponseCode.CHANGED))) {
            CompletionStage<CoapResponse> answer =
                    client.send(CoapRequest.post("/bs").query("ep", "dev1").build());

            TransportException refused = failure(answer);
            assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_PEER);
            assertThat(refused.getMessage()).contains("not trusted");
            assertThat(serverHandler.received()).isEmpty();
        }
    }
}
