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

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import io.bootgate.dtls.internal.TestPki.Authority;
import io.bootgate.dtls.internal.TestPki.Issued;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.eclipse.californium.scandium.dtls.SessionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device's next bootstrap client with the same server resumes the session its previous one kept: real
 * handshakes on loopback, sessions compared by their ids, the server's handshake count read from its admission.
 */
class SessionResumptionTest {

    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();
    private static final KeyPair DEVICE_KEY = KeyMaterial.generateP256();

    private final Map<String, PublicKey> devices = new ConcurrentHashMap<>();
    private DefaultDtlsEndpointFactory factory;
    private RecordingHandler serverHandler;
    private SecureServerEndpoint server;

    @BeforeEach
    void start() throws Exception {
        factory = DtlsFixture.factory();
        devices.put("dev1", DEVICE_KEY.getPublic());
        server = rpkServer(LOOPBACK);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        factory.close();
    }

    private SecureServerEndpoint rpkServer(InetSocketAddress bind) throws Exception {
        serverHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        SecureServerEndpoint started = factory.createBootstrapServer(ServerEndpointConfig.builder(bind)
                .credentials(new RpkCredentials(SERVER_KEY))
                .rpkTrust(key -> devices.values().stream().anyMatch(known -> RpkTrust.sameKey(known, key)))
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.ofNullable(devices.get(name))))
                .handler(serverHandler)
                .build());
        started.start();
        return started;
    }

    private SecureClientEndpoint rpkClient(KeyPair deviceKey, RpkTrust serverTrust) throws Exception {
        return factory.createBootstrapClient(ClientEndpointConfig.builder(coaps(server), SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(deviceKey))
                .rpkTrust(serverTrust)
                .handler(RecordingHandler.answering(ResponseCode.CHANGED))
                .deviceName("dev1")
                .build());
    }

    /** One bootstrap's worth of traffic: a Bootstrap-Request over a fresh client; the session it used. */
    private SessionId bootstrapOnce(SecureClientEndpoint client) {
        CoapResponse answer =
                await(client.send(CoapRequest.post("/bs").query("ep", "dev1").build()));
        assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
        return ((DefaultSecureClientEndpoint) client)
                .connector()
                .getDtlsContextByAddress(server.localAddress())
                .getSession()
                .getSessionIdentifier();
    }

    private long serverHandshakes() {
        return factory.serverHandshakesCompleted();
    }

    @Test
    void theNextBootstrapWithTheSameServerResumesTheSession() throws Exception {
        SessionId first;
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            first = bootstrapOnce(client);
        }
        assertThat(factory.sessions().size()).isEqualTo(1);

        SessionId second;
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            second = bootstrapOnce(client);
            // A new connector, a new local port: the server found the session by its id, not by the address.
            assertThat(serverHandler.received()).hasSize(2);
            assertThat(serverHandler.received().get(0).peer().address())
                    .isNotEqualTo(serverHandler.received().get(1).peer().address());
        }

        assertThat(second).isEqualTo(first);
        assertThat(factory.clientSessionsOffered()).isEqualTo(1);
        assertThat(factory.clientSessionsResumed()).isEqualTo(1);
        // The server authenticated the resumed request as the device, from the session.
        assertThat(RpkTrust.sameKey(serverHandler.received().get(1).peer().publicKey(), DEVICE_KEY.getPublic()))
                .isTrue();
        // And it was kept again for the bootstrap after.
        assertThat(factory.sessions().size()).isEqualTo(1);
    }

    @Test
    void aSessionIsKeptAsSoonAsItStandsNotOnlyWhenItsClientCloses() throws Exception {
        // The engine keeps a bootstrap session open for a while after the Finish; a re-bootstrap may start earlier.
        try (SecureClientEndpoint lingering = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            SessionId first = bootstrapOnce(lingering);
            try (SecureClientEndpoint next = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
                assertThat(bootstrapOnce(next)).isEqualTo(first);
            }
        }
        assertThat(factory.clientSessionsResumed()).isEqualTo(1);
    }

    @Test
    void aServerThatForgotTheSessionAnswersWithAFullHandshake() throws Exception {
        SessionId first;
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            first = bootstrapOnce(client);
        }
        // The server restarts on the same port and knows no session any more.
        InetSocketAddress address = server.localAddress();
        server.close();
        // The closed socket leaves the shared selector at its next wake-up: until then the port is still bound.
        server = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .ignoreException(TransportException.class)
                .until(() -> rpkServer(address), started -> true);
        long handshakesBefore = serverHandshakes();

        SessionId second;
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            second = bootstrapOnce(client);
        }

        assertThat(second).isNotEqualTo(first);
        assertThat(factory.clientSessionsOffered()).isEqualTo(1);
        assertThat(factory.clientSessionsResumed()).isZero();
        assertThat(serverHandshakes()).isEqualTo(handshakesBefore + 1);
    }

    @Test
    void aSessionWithAServerTheTrustNoLongerAcceptsIsNotResumed() throws Exception {
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            bootstrapOnce(client);
        }
        // The operator replaced the expected server key: the old session must not bypass the new trust.
        PublicKey otherServerKey = KeyMaterial.generateP256().getPublic();
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(otherServerKey))) {
            assertThat(failure(client.send(
                                    CoapRequest.post("/bs").query("ep", "dev1").build()))
                            .reason())
                    .isEqualTo(Reason.UNTRUSTED_PEER);
        }
        assertThat(factory.clientSessionsOffered()).isZero();
        assertThat(serverHandler.received()).hasSize(1);
    }

    @Test
    void aServerDoesNotResumeTheSessionOfADeviceItNoLongerTrusts() throws Exception {
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            bootstrapOnce(client);
        }
        // The device's bootstrap configuration is removed: the server's live trust no longer knows its key.
        devices.remove("dev1");
        long failedBefore = factory.serverHandshakesFailed();
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            failure(client.send(CoapRequest.post("/bs").query("ep", "dev1").build()));
        }
        // Offered, not resumed: the server went on with a full handshake and refused the key there.
        assertThat(factory.clientSessionsOffered()).isEqualTo(1);
        assertThat(factory.clientSessionsResumed()).isZero();
        assertThat(factory.serverHandshakesFailed()).isEqualTo(failedBefore + 1);
        assertThat(serverHandler.received()).hasSize(1);
    }

    @Test
    void anotherDeviceKeyNeverResumesTheSessionOfTheFirst() throws Exception {
        KeyPair secondKey = KeyMaterial.generateP256();
        devices.put("dev1", secondKey.getPublic());
        devices.put("old", DEVICE_KEY.getPublic());
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            await(client.connect());
        }
        try (SecureClientEndpoint client = rpkClient(secondKey, RpkTrust.of(SERVER_KEY.getPublic()))) {
            PeerIdentity identity = await(client.connect());
            assertThat(RpkTrust.sameKey(identity.publicKey(), SERVER_KEY.getPublic()))
                    .isTrue();
        }
        assertThat(factory.clientSessionsOffered()).isZero();
        // Each key keeps its own session.
        assertThat(factory.sessions().size()).isEqualTo(2);
    }

    @Test
    void x509SessionsAreResumedToo() throws Exception {
        Authority root = TestPki.root("Resumption Test Root");
        Issued serverCertificate = root.server(List.of("bs.bootgate.test"), List.of("127.0.0.1"));
        Authority deviceCa = TestPki.root("Resumption Device CA");
        Issued device = deviceCa.client("dev1");
        server.close();
        serverHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(serverCertificate.credentials())
                .x509Trust(X509Trust.pkix(List.of(deviceCa.certificate)))
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.empty()))
                .handler(serverHandler)
                .build());
        server.start();
        DtlsCredentials credentials = device.credentials();

        SessionId first;
        SessionId second;
        try (SecureClientEndpoint client = x509Client(credentials, X509Trust.pkix(List.of(root.certificate)))) {
            first = bootstrapOnce(client);
        }
        try (SecureClientEndpoint client = x509Client(credentials, X509Trust.pkix(List.of(root.certificate)))) {
            second = bootstrapOnce(client);
        }

        assertThat(second).isEqualTo(first);
        assertThat(factory.clientSessionsResumed()).isEqualTo(1);
        assertThat(serverHandler.received().get(1).peer().publicKey().getEncoded())
                .isEqualTo(device.keyPair().getPublic().getEncoded());
    }

    private SecureClientEndpoint x509Client(DtlsCredentials credentials, X509Trust trust) throws Exception {
        return factory.createBootstrapClient(ClientEndpointConfig.builder(coaps(server), SecurityMode.CERTIFICATE)
                .bindAddress(LOOPBACK)
                .credentials(credentials)
                .x509Trust(trust)
                .deviceName("dev1")
                .build());
    }

    @Test
    void aSizeOfZeroKeepsNoSession() throws Exception {
        server.close();
        factory.close();
        factory = new DefaultDtlsEndpointFactory(
                new DtlsTransportSettings(2, 2, 1, 64, 16, 6, Duration.ofMillis(500), 3, 20000),
                new ClientSessionCache(0, ClientSessionCache.DEFAULT_LIFETIME));
        server = rpkServer(LOOPBACK);
        SessionId first;
        SessionId second;
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            first = bootstrapOnce(client);
        }
        try (SecureClientEndpoint client = rpkClient(DEVICE_KEY, RpkTrust.of(SERVER_KEY.getPublic()))) {
            second = bootstrapOnce(client);
        }
        assertThat(factory.sessions().size()).isZero();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anEntryOlderThanTheLifetimeIsNotTaken() throws IOException {
        AtomicLong now = new AtomicLong();
        ClientSessionCache cache = new ClientSessionCache(10, Duration.ofSeconds(60), now::get);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 5684);
        cache.put("a", address, null, new byte[] {1});
        cache.put("b", address, null, new byte[] {2});
        now.set(Duration.ofSeconds(61).toNanos());
        assertThat(cache.take("a")).isEmpty();
        // Taken means removed, expired or not.
        assertThat(cache.size()).isEqualTo(1);

        ClientSessionCache small = new ClientSessionCache(2, Duration.ofSeconds(60), now::get);
        small.put("a", address, null, new byte[] {1});
        small.put("b", address, null, new byte[] {2});
        small.put("c", address, null, new byte[] {3});
        // Least recently used out first.
        assertThat(small.take("a")).isEmpty();
        assertThat(small.take("c")).isPresent();
    }
}
