/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
import static io.bootgate.dtls.internal.DtlsFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Timeouts, closing, and the raw ClientHello inspection the server's admission relies on. */
class LifecycleTest {

    private static final KeyPair DEVICE_KEY = KeyMaterial.generateP256();
    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();

    private static ClientEndpointConfig.Builder client(InetSocketAddress server) {
        return ClientEndpointConfig.builder(
                        URI.create("coaps://127.0.0.1:" + server.getPort()), SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(DEVICE_KEY))
                .rpkTrust(RpkTrust.of(SERVER_KEY.getPublic()));
    }

    @Test
    void aSilentServerTimesTheConnectOut() throws Exception {
        try (DefaultDtlsEndpointFactory factory = DtlsFixture.factory();
                DatagramSocket silent = new DatagramSocket(LOOPBACK)) {
            SecureClientEndpoint client =
                    factory.createBootstrapClient(client((InetSocketAddress) silent.getLocalSocketAddress())
                            .handshakeTimeout(Duration.ofMillis(1500))
                            .build());

            TransportException timeout = failure(client.connect());

            assertThat(timeout.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(timeout.getMessage()).contains("no DTLS session within 1500 ms");
            // The ClientHello did reach the socket: the timeout is the server's silence, not a local failure.
            DatagramPacket received = new DatagramPacket(new byte[2048], 2048);
            silent.receive(received);
            assertThat(PooledDtlsConnector.isClientHello(received)).isTrue();
            assertThat(PooledDtlsConnector.hasCookie(received)).isFalse();
        }
    }

    @Test
    void closingTheFactoryClosesEndpointsAndFailsRunningAndQueuedConnects() throws Exception {
        DefaultDtlsEndpointFactory factory =
                DtlsFixture.factory(new DtlsTransportSettings(2, 2, 1, 4, 1, 6, Duration.ofMillis(500), 3, 100));
        try (DatagramSocket silent = new DatagramSocket(LOOPBACK)) {
            InetSocketAddress server = (InetSocketAddress) silent.getLocalSocketAddress();
            SecureClientEndpoint running =
                    factory.createBootstrapClient(client(server).build());
            SecureClientEndpoint queued =
                    factory.createBootstrapClient(client(server).build());
            CompletionStage<PeerIdentity> first = running.connect();
            CompletionStage<PeerIdentity> second = queued.connect();
            assertThat(factory.clientHandshakes().waiting()).isEqualTo(1);
            assertThat(factory.openEndpoints()).isEqualTo(2);

            factory.close();

            assertThat(failure(first).reason()).isEqualTo(Reason.CLOSED);
            assertThat(failure(second).reason()).isEqualTo(Reason.CLOSED);
            assertThat(factory.openEndpoints()).isZero();
            assertThat(failure(running.connect()).reason()).isEqualTo(Reason.CLOSED);
            assertThatThrownBy(
                            () -> factory.createBootstrapClient(client(server).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void aServerSendsOnlyOverAnExistingSession() throws Exception {
        try (DefaultDtlsEndpointFactory factory = DtlsFixture.factory()) {
            SecureServerEndpoint server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                    .credentials(new RpkCredentials(SERVER_KEY))
                    .rpkTrust(RpkTrust.of(DEVICE_KEY.getPublic()))
                    .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.empty()))
                    .handler(RecordingHandler.answering(ResponseCode.CHANGED))
                    .build());
            assertThat(failure(server.send(LOOPBACK, CoapRequest.delete("/0").build()))
                            .reason())
                    .as("not started")
                    .isEqualTo(Reason.CLOSED);
            assertThatThrownBy(server::localAddress).isInstanceOf(IllegalStateException.class);
            server.start();

            TransportException noSession = failure(server.send(
                    new InetSocketAddress("127.0.0.1", 9),
                    CoapRequest.post("/bs").build()));

            assertThat(noSession.reason()).isEqualTo(Reason.CLOSED);
            assertThat(noSession.getMessage()).contains("no DTLS session");
            server.close();
            assertThatThrownBy(server::start)
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void clientHelloInspectionFindsTheCookie() {
        byte[] random = new byte[32];
        byte[] suites = {(byte) 0xC0, (byte) 0xAE};
        byte[] withoutCookie = RawClientHello.record(random, new byte[0], suites, 0);
        byte[] withCookie = RawClientHello.record(random, new byte[] {1, 2, 3, 4}, suites, 1);
        byte[] alert = {21, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 40};

        assertThat(PooledDtlsConnector.isClientHello(packet(withoutCookie))).isTrue();
        assertThat(PooledDtlsConnector.hasCookie(packet(withoutCookie))).isFalse();
        assertThat(PooledDtlsConnector.isClientHello(packet(withCookie))).isTrue();
        assertThat(PooledDtlsConnector.hasCookie(packet(withCookie))).isTrue();
        assertThat(PooledDtlsConnector.isClientHello(packet(alert))).isFalse();
    }

    private static DatagramPacket packet(byte[] data) {
        return new DatagramPacket(data, data.length);
    }
}
