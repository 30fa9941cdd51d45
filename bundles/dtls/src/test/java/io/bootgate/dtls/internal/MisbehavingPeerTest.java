/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that break the Bootstrap-interface policy, played by stock Californium/Scandium clients and by a
 * hand-made ClientHello, against Bootgate's server.
 */
class MisbehavingPeerTest {

    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();
    private static final KeyPair DEVICE_KEY = KeyMaterial.generateP256();

    private static DefaultDtlsEndpointFactory factory;
    private SecureServerEndpoint server;
    private RecordingHandler serverHandler;

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
        serverHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(new RpkCredentials(SERVER_KEY))
                .rpkTrust(RpkTrust.of(DEVICE_KEY.getPublic()))
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.of(DEVICE_KEY.getPublic())))
                .handler(serverHandler)
                .build());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void pskClientFailsTheHandshake() throws Exception {
        Throwable error = sendWithRawScandiumClient(
                List.of(CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));

        assertThat(error).isInstanceOf(HandshakeException.class);
        assertThat(((HandshakeException) error).getAlert().getDescription())
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(error.getMessage()).contains("Received 'fatal alert");
        assertThat(serverHandler.received()).isEmpty();
    }

    @Test
    void unprotectedCoapIsNeverAnswered() throws Exception {
        UdpConfig.register();
        Configuration configuration = DtlsConnectorConfigs.baseConfiguration();
        CoapEndpoint plain = new CoapEndpoint.Builder()
                .setInetSocketAddress(LOOPBACK)
                .setConfiguration(configuration)
                .build();
        try {
            plain.start();
            Request request = Request.newPost();
            request.setURI("coap://127.0.0.1:" + server.localAddress().getPort() + "/bs?ep=dev1");
            plain.sendRequest(request);

            // Plain CoAP is not a DTLS record: the server drops it and answers nothing, not even an error.
            Response response = request.waitForResponse(3000);

            assertThat(response).isNull();
            assertThat(serverHandler.received()).isEmpty();
        } finally {
            plain.destroy();
        }
    }

    @Test
    void clientOfferingOnlyNonEcdheSuitesGetsHandshakeFailure() throws Exception {
        // TLS_RSA_WITH_AES_128_CBC_SHA256, TLS_RSA_WITH_AES_128_CCM_8, TLS_PSK_WITH_AES_128_CCM_8
        byte[] suites = {0x00, 0x3C, (byte) 0xC0, (byte) 0xA0, (byte) 0xC0, (byte) 0xA8};
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try (DatagramSocket socket = new DatagramSocket(LOOPBACK)) {
            socket.setSoTimeout(5000);
            InetSocketAddress target = server.localAddress();

            send(socket, target, RawClientHello.record(random, new byte[0], suites, 0));
            byte[] helloVerify = receive(socket);
            assertThat(helloVerify[0]).as("record type handshake").isEqualTo((byte) 22);
            assertThat(helloVerify[13]).as("HelloVerifyRequest").isEqualTo((byte) 3);
            int cookieLength = helloVerify[27] & 0xFF;
            byte[] cookie = Arrays.copyOfRange(helloVerify, 28, 28 + cookieLength);

            send(socket, target, RawClientHello.record(random, cookie, suites, 1));
            byte[] answer = receive(socket);

            assertThat(answer[0]).as("record type alert").isEqualTo((byte) 21);
            assertThat(answer[13]).as("alert level fatal").isEqualTo((byte) 2);
            assertThat(answer[14]).as("alert handshake_failure").isEqualTo((byte) 40);
        }
        assertThat(serverHandler.received()).isEmpty();
    }

    /** A stock Scandium client with the given suites sends a Bootstrap-Request; returns its send error. */
    private Throwable sendWithRawScandiumClient(List<CipherSuite> suites) throws Exception {
        Configuration configuration = DtlsConnectorConfigs.baseConfiguration();
        DtlsConnectorConfig config = DtlsConnectorConfig.builder(configuration)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, suites)
                .setAdvancedPskStore(
                        new AdvancedSinglePskStore("dev1", "bootstrap-secret".getBytes(StandardCharsets.UTF_8)))
                .setAddress(LOOPBACK)
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConnector(new DTLSConnector(config))
                .setConfiguration(configuration)
                .build();
        try {
            endpoint.start();
            CompletableFuture<Throwable> error = new CompletableFuture<>();
            Request request = Request.newPost();
            request.setURI("coaps://127.0.0.1:" + server.localAddress().getPort() + "/bs?ep=dev1");
            request.addMessageObserver(new MessageObserverAdapter() {
                @Override
                public void onSendError(Throwable failure) {
                    error.complete(failure);
                }

                @Override
                public void onResponse(Response response) {
                    error.completeExceptionally(new AssertionError("a PSK client got a response: " + response));
                }
            });
            endpoint.sendRequest(request);
            return error.get(10, TimeUnit.SECONDS);
        } finally {
            endpoint.destroy();
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress target, byte[] data) throws Exception {
        socket.send(new DatagramPacket(data, data.length, target));
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }
}
