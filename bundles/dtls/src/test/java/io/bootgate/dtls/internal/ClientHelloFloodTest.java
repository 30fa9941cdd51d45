/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
import static io.bootgate.dtls.internal.DtlsFixture.await;
import static io.bootgate.dtls.internal.DtlsFixture.coaps;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A flood of cookie-less ClientHellos (the first flight of a spoofed-source amplification or state-exhaustion
 * attack) and of unknown-key handshakes against a bootstrap server endpoint while a real device bootstraps: the
 * flood costs the server no handshake state (it answers each hello statelessly with a HelloVerifyRequest) and the
 * device is served.
 */
class ClientHelloFloodTest {

    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();
    private static final KeyPair DEVICE_KEY = KeyMaterial.generateP256();
    private static final int FLOOD = 20_000;
    private static final int UNKNOWN_KEY_HANDSHAKES = 20;

    @Test
    void aDeviceIsServedDuringAFloodOfClientHellosAndUnknownKeyHandshakes() throws Exception {
        RecordingHandler serverHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        DefaultDtlsEndpointFactory factory = DtlsFixture.factory();
        SecureServerEndpoint server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(new RpkCredentials(SERVER_KEY))
                .rpkTrust(RpkTrust.of(DEVICE_KEY.getPublic()))
                .identityVerifier(EndpointIdentityVerifier.standard(
                        name -> "dev1".equals(name) ? Optional.of(DEVICE_KEY.getPublic()) : Optional.empty()))
                .handler(serverHandler)
                .build());
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong helloVerifyRequests = new AtomicLong();
        AtomicLong otherAnswers = new AtomicLong();
        try (DatagramSocket attacker = new DatagramSocket(LOOPBACK)) {
            server.start();
            InetSocketAddress target = server.localAddress();
            Thread reader = new Thread(
                    () -> countAnswers(attacker, flooding, helloVerifyRequests, otherAnswers), "flood-answers");
            reader.setDaemon(true);
            reader.start();
            Thread flood = new Thread(() -> flood(attacker, target, flooding, sent), "flood");
            flood.setDaemon(true);
            flood.start();

            // Handshakes with keys the server does not know, each refused, while the flood runs.
            for (int i = 0; i < UNKNOWN_KEY_HANDSHAKES; i++) {
                try (SecureClientEndpoint stranger = client(factory, server, KeyMaterial.generateP256())) {
                    assertThat(DtlsFixture.failure(stranger.connect())).isNotNull();
                }
            }
            CoapResponse answer;
            try (SecureClientEndpoint device = client(factory, server, DEVICE_KEY)) {
                answer = await(
                        device.send(CoapRequest.post("/bs").query("ep", "dev1").build()));
            }
            flood.join(60_000);
            flooding.set(false);
            reader.join(5_000);

            assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
            assertThat(serverHandler.received())
                    .as("only the device's request reached the handler")
                    .hasSize(1);
            assertThat(sent.get()).isEqualTo(FLOOD);
            assertThat(helloVerifyRequests.get())
                    .as("stateless HelloVerifyRequests")
                    .isPositive();
            assertThat(otherAnswers.get())
                    .as("anything but a HelloVerifyRequest answered to the flood")
                    .isZero();
        } finally {
            flooding.set(false);
            server.close();
            factory.close();
        }
    }

    private static SecureClientEndpoint client(
            DefaultDtlsEndpointFactory factory, SecureServerEndpoint server, KeyPair key) throws Exception {
        return factory.createBootstrapClient(ClientEndpointConfig.builder(coaps(server), SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(key))
                .rpkTrust(RpkTrust.of(SERVER_KEY.getPublic()))
                .handler(RecordingHandler.answering(ResponseCode.CHANGED))
                .deviceName("dev1")
                .build());
    }

    private static void flood(
            DatagramSocket socket, InetSocketAddress target, AtomicBoolean flooding, AtomicLong sent) {
        SecureRandom random = new SecureRandom();
        byte[] clientRandom = new byte[32];
        byte[] suites = {(byte) 0xC0, (byte) 0xAE}; // TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
        for (int i = 0; i < FLOOD && flooding.get(); i++) {
            random.nextBytes(clientRandom);
            byte[] hello = RawClientHello.record(clientRandom, new byte[0], suites, 0);
            try {
                socket.send(new DatagramPacket(hello, hello.length, target));
                sent.incrementAndGet();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("the flood socket failed", e);
            }
        }
    }

    private static void countAnswers(
            DatagramSocket socket, AtomicBoolean flooding, AtomicLong helloVerifyRequests, AtomicLong otherAnswers) {
        byte[] buffer = new byte[2048];
        try {
            socket.setSoTimeout(500);
            while (flooding.get()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                // Handshake record (22) carrying a HelloVerifyRequest (3).
                if (packet.getLength() > 13 && buffer[0] == 22 && buffer[13] == 3) {
                    helloVerifyRequests.incrementAndGet();
                } else {
                    otherAnswers.incrementAndGet();
                }
            }
        } catch (java.io.IOException e) {
            // The socket closes when the test ends.
            return;
        }
    }
}
