/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1,000 device endpoints (1,000 DTLS connectors, 1,000 local ports) in one JVM, all handshaking with one
 * bootstrap server and sending a Bootstrap-Request: the thread count must stay at the factory's fixed
 * budget, and the handshake bounds must hold. Prints the measured figures.
 */
class ThousandConnectorsTest {

    private static final Logger LOG = LoggerFactory.getLogger(ThousandConnectorsTest.class);

    private static final int DEVICES = 1000;
    private static final int CLIENT_HANDSHAKES = 16;
    private static final int SERVER_HANDSHAKES = 8;
    /** Threads the JVM itself may start meanwhile (JIT, reference handling); not the transport's. */
    private static final int JVM_SLACK = 3;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void thousandConnectorsRunOnAFixedNumberOfThreads() throws Exception {
        List<KeyPair> deviceKeys = new ArrayList<>();
        Map<String, PublicKey> registry = new ConcurrentHashMap<>();
        for (int i = 0; i < DEVICES; i++) {
            KeyPair key = KeyMaterial.generateP256();
            deviceKeys.add(key);
            registry.put("dev" + i, key.getPublic());
        }
        KeyPair serverKey = KeyMaterial.generateP256();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();

        // Five retransmissions (a flight gives up after 63 s, not 31 s): with 8 server slots for 1,000 clients a
        // ClientHello waits its turn through several drops, and on a loaded build host the fourth retransmission
        // was seen to expire. This test measures threads and sockets, not how fast a flight is answered.
        DtlsTransportSettings settings = new DtlsTransportSettings(
                2, 2, 1, SERVER_HANDSHAKES, CLIENT_HANDSHAKES, 6, Duration.ofMillis(1000), 5, 20000);
        long started = System.nanoTime();
        try (DefaultDtlsEndpointFactory factory = DtlsFixture.factory(settings)) {
            RecordingHandler handler = RecordingHandler.answering(ResponseCode.CHANGED);
            SecureServerEndpoint server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                    .credentials(new RpkCredentials(serverKey))
                    .rpkTrust(RpkTrust.of(registry.values()))
                    .identityVerifier(
                            EndpointIdentityVerifier.standard(name -> Optional.ofNullable(registry.get(name))))
                    .handler(handler)
                    .build());
            server.start();

            List<SecureClientEndpoint> clients = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                clients.add(factory.createBootstrapClient(
                        ClientEndpointConfig.builder(coaps(server), SecurityMode.RAW_PUBLIC_KEY)
                                .bindAddress(LOOPBACK)
                                .credentials(new RpkCredentials(deviceKeys.get(i)))
                                .rpkTrust(RpkTrust.of(serverKey.getPublic()))
                                .handshakeTimeout(Duration.ofSeconds(90))
                                .deviceName("dev" + i)
                                .build()));
            }
            long created = System.nanoTime();
            List<CompletableFuture<CoapResponse>> answers = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                answers.add(clients.get(i)
                        .send(CoapRequest.post("/bs").query("ep", "dev" + i).build())
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(answers.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - created);
            long creationMillis = TimeUnit.NANOSECONDS.toMillis(created - started);

            int during = threads.getThreadCount();
            int peak = threads.getPeakThreadCount();
            int sockets = factory.receivers().channelCount();
            LOG.info(
                    "{} device connectors + 1 server: {} UDP sockets; created in {} ms, {} handshakes +"
                            + " Bootstrap-Requests in {} ms",
                    DEVICES,
                    sockets,
                    creationMillis,
                    DEVICES,
                    elapsedMillis);
            LOG.info(
                    "threads: {} before, {} with all {} connectors open, peak {} (+{}); factory budget {}"
                            + " ({} DTLS + {} CoAP + {} receiver)",
                    before,
                    during,
                    DEVICES,
                    peak,
                    peak - before,
                    settings.threadBudget(),
                    settings.dtlsThreads(),
                    settings.coapThreads(),
                    settings.receiverThreads());
            LOG.info(
                    "handshakes at once: client peak {} (Scandium-observed {}) of {} allowed; server peak {} of {},"
                            + " {} ClientHellos dropped while full, {} slot reservations expired unused",
                    factory.clientHandshakes().peak(),
                    factory.clientGauge().peak(),
                    CLIENT_HANDSHAKES,
                    factory.serverHandshakes().peak(),
                    SERVER_HANDSHAKES,
                    factory.serverAdmission().droppedClientHellos(),
                    factory.serverAdmission().expiredReservations());

            assertThat(answers)
                    .allSatisfy(answer -> assertThat(answer.join().code()).isEqualTo(ResponseCode.CHANGED));
            assertThat(handler.received()).hasSize(DEVICES);
            assertThat(sockets).isEqualTo(DEVICES + 1);
            assertThat(peak - before)
                    .as("threads added for %d connectors", DEVICES)
                    .isLessThanOrEqualTo(settings.threadBudget() + JVM_SLACK);
            assertThat(factory.clientHandshakes().peak()).isLessThanOrEqualTo(CLIENT_HANDSHAKES);
            assertThat(factory.clientGauge().peak()).isLessThanOrEqualTo(CLIENT_HANDSHAKES);
            assertThat(factory.serverHandshakes().peak()).isLessThanOrEqualTo(SERVER_HANDSHAKES);
            // The same counts as the HandshakeStatistics service shows them: every device's handshake completed,
            // each started handshake ended exactly once, none is still running.
            io.bootgate.api.security.HandshakeStatistics statistics = factory;
            assertThat(statistics.serverHandshakesCompleted()).isGreaterThanOrEqualTo(DEVICES);
            assertThat(statistics.serverHandshakesStarted())
                    .isEqualTo(statistics.serverHandshakesCompleted() + statistics.serverHandshakesFailed());
            assertThat(statistics.serverHandshakesRunning()).isZero();
            assertThat(statistics.droppedClientHellos())
                    .isEqualTo(factory.serverAdmission().droppedClientHellos());
            assertThat(statistics.maxServerHandshakes()).isEqualTo(SERVER_HANDSHAKES);
        }
    }

    /**
     * The same measurement on stock Scandium connectors sharing one executor, to show what the pooled
     * receiver saves and that the measurement does see per-connector threads.
     */
    @Test
    void stockScandiumConnectorsEachStartAReceiverThread() throws Exception {
        int connectors = 50;
        Configuration configuration = DtlsConnectorConfigs.baseConfiguration();
        KeyPair key = KeyMaterial.generateP256();
        ScheduledExecutorService shared = Executors.newScheduledThreadPool(2);
        List<DTLSConnector> started = new ArrayList<>();
        int before = threads.getThreadCount();
        try {
            for (int i = 0; i < connectors; i++) {
                DtlsConnectorConfig config = DtlsConnectorConfig.builder(new Configuration(configuration))
                        .set(DtlsConfig.DTLS_ROLE, DtlsRole.CLIENT_ONLY)
                        .set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8))
                        .setCertificateIdentityProvider(
                                new SingleCertificateProvider(key.getPrivate(), key.getPublic()))
                        .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                                .setTrustAllRPKs()
                                .build())
                        .setAddress(LOOPBACK)
                        .build();
                DTLSConnector connector = new DTLSConnector(config);
                connector.setExecutor(shared);
                connector.start();
                started.add(connector);
            }
            int added = threads.getThreadCount() - before;
            LOG.info("stock Scandium, shared executor: {} connectors added {} threads", connectors, added);
            assertThat(added).isGreaterThanOrEqualTo(connectors);
        } finally {
            started.forEach(DTLSConnector::destroy);
            shared.shutdownNow();
        }
    }
}
