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

import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import io.bootgate.api.transport.X509Peer;
import io.bootgate.dtls.internal.DtlsFixture.Received;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import io.bootgate.dtls.internal.TestPki.Authority;
import io.bootgate.dtls.internal.TestPki.Issued;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Certificate mode, real handshakes on loopback, certificates made by {@link TestPki}. */
class X509HandshakeTest {

    private static final String SERVER_NAME = "bs.bootgate.test";

    private static DefaultDtlsEndpointFactory factory;
    private static Authority root;
    private static Authority issuingCa;
    private static Authority deviceCa;
    private static Authority rogueCa;
    private static Issued serverCertificate;
    private static Issued device;

    private SecureServerEndpoint server;
    private RecordingHandler serverHandler;

    @BeforeAll
    static void createPki() {
        factory = DtlsFixture.factory();
        root = TestPki.root("Bootgate Test Root");
        issuingCa = root.intermediate("Bootgate Test Issuing CA");
        deviceCa = TestPki.root("Bootgate Device CA");
        rogueCa = TestPki.root("Rogue CA");
        serverCertificate = issuingCa.server(List.of(SERVER_NAME), List.of("127.0.0.1"));
        device = deviceCa.client("dev1");
    }

    @AfterAll
    static void stopFactory() {
        factory.close();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private void startServer(X509Credentials credentials, Set<String> serverNames) throws Exception {
        serverHandler = RecordingHandler.answering(ResponseCode.CHANGED);
        server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(credentials)
                .x509Trust(X509Trust.pkix(List.of(deviceCa.certificate)))
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.empty()))
                .serverNames(serverNames)
                .handler(serverHandler)
                .build());
        server.start();
    }

    private void startServer() throws Exception {
        startServer(serverCertificate.credentials(), Set.of());
    }

    private SecureClientEndpoint client(Issued deviceCertificate, X509Trust trust) throws Exception {
        return factory.createBootstrapClient(ClientEndpointConfig.builder(coaps(server), SecurityMode.CERTIFICATE)
                .bindAddress(LOOPBACK)
                .credentials(deviceCertificate.credentials())
                .x509Trust(trust)
                .deviceName("dev1")
                .build());
    }

    private static X509Trust trustFor(CertificateUsage usage) {
        switch (usage) {
            case CA_CONSTRAINT:
                return X509Trust.caConstraint(List.of(root.certificate), issuingCa.certificate);
            case SERVICE_CERTIFICATE_CONSTRAINT:
                return X509Trust.serviceCertificateConstraint(
                        List.of(root.certificate), serverCertificate.certificate());
            case TRUST_ANCHOR_ASSERTION:
                // The issuing CA, not the root, asserted as the only anchor.
                return X509Trust.trustAnchorAssertion(issuingCa.certificate);
            case DOMAIN_ISSUED_CERTIFICATE:
                return X509Trust.domainIssuedCertificate(serverCertificate.certificate());
            default:
                throw new IllegalArgumentException(usage.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(CertificateUsage.class)
    void eachCertificateUsageAcceptsTheRightServer(CertificateUsage usage) throws Exception {
        startServer();
        try (SecureClientEndpoint client = client(device, trustFor(usage))) {
            PeerIdentity serverIdentity = await(client.connect());
            assertThat(serverIdentity).isInstanceOf(X509Peer.class);
            assertThat(((X509Peer) serverIdentity).commonName()).contains(SERVER_NAME);

            CoapResponse answer = await(
                    client.send(CoapRequest.post("/bs").query("ep", "dev1").build()));

            assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
            Received request = serverHandler.single();
            assertThat(request.peer()).isInstanceOf(X509Peer.class);
            assertThat(((X509Peer) request.peer()).commonName()).contains("dev1");
        }
    }

    @Test
    void serverNameIndicationReachesTheServer() throws Exception {
        startServer(serverCertificate.credentials(), Set.of(SERVER_NAME));
        try (SecureClientEndpoint client =
                client(device, X509Trust.pkix(List.of(root.certificate)).withServerName(SERVER_NAME))) {
            PeerIdentity serverIdentity = await(client.connect());
            assertThat(serverIdentity.serverName()).contains(SERVER_NAME);

            assertThat(await(client.send(
                                    CoapRequest.post("/bs").query("ep", "dev1").build()))
                            .code())
                    .isEqualTo(ResponseCode.CHANGED);
            assertThat(serverHandler.single().peer().serverName()).contains(SERVER_NAME);
        }
    }

    @Test
    void serverCertificateFromAnUntrustedCaIsRefused() throws Exception {
        startServer(rogueCa.server(List.of(SERVER_NAME), List.of("127.0.0.1")).credentials(), Set.of());
        try (SecureClientEndpoint client = client(device, X509Trust.pkix(List.of(root.certificate)))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_PEER);
            assertThat(refused.getMessage()).contains("does not validate against the trust anchors");
        }
    }

    @Test
    void deviceCertificateFromAnUntrustedCaIsRefusedByTheServer() throws Exception {
        startServer();
        try (SecureClientEndpoint client = client(rogueCa.client("dev1"), X509Trust.pkix(List.of(root.certificate)))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.REJECTED_BY_PEER);
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void expiredServerCertificateIsRefused() throws Exception {
        Issued expired = issuingCa.server(List.of(SERVER_NAME), List.of("127.0.0.1"), TestPki.now(-2), TestPki.now(-1));
        startServer(expired.credentials(), Set.of());
        try (SecureClientEndpoint client = client(device, X509Trust.pkix(List.of(root.certificate)))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED);
            assertThat(refused.getMessage()).contains("outside its validity period");
        }
    }

    @Test
    void commonNameOtherThanTheEndpointNameIsAnsweredBadRequest() throws Exception {
        startServer();
        try (SecureClientEndpoint client = client(device, X509Trust.pkix(List.of(root.certificate)))) {
            // A valid certificate for dev1 asking to be bootstrapped as dev2.
            CoapResponse answer = await(
                    client.send(CoapRequest.post("/bs").query("ep", "dev2").build()));

            assertThat(answer.code()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(answer.diagnostic()).contains("endpoint name does not match the DTLS identity");
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void serverCertificateNotNamingTheExpectedServerIsRefused() throws Exception {
        startServer();
        try (SecureClientEndpoint client =
                client(device, X509Trust.pkix(List.of(root.certificate)).withServerName("other.bootgate.test"))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.SERVER_NAME_MISMATCH);
            assertThat(refused.getMessage()).contains("does not name 'other.bootgate.test'");
        }
    }

    @Test
    void serverRefusesAClientAskingForAnotherServerName() throws Exception {
        startServer(serverCertificate.credentials(), Set.of(SERVER_NAME));
        try (SecureClientEndpoint client =
                client(device, X509Trust.pkix(List.of(root.certificate)).withServerName("other.bootgate.test"))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.REJECTED_BY_PEER);
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void ipLiteralUriRequiresTheAddressInTheCertificate() throws Exception {
        startServer(issuingCa.server(List.of(SERVER_NAME), List.of()).credentials(), Set.of());
        try (SecureClientEndpoint client = client(device, X509Trust.pkix(List.of(root.certificate)))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.SERVER_NAME_MISMATCH);
            assertThat(refused.getMessage()).contains("does not name '127.0.0.1'");
        }
    }

    @Test
    void serviceCertificateConstraintRefusesAnotherValidCertificate() throws Exception {
        startServer();
        Issued sibling = issuingCa.server(List.of(SERVER_NAME), List.of("127.0.0.1"));
        try (SecureClientEndpoint client = client(
                device, X509Trust.serviceCertificateConstraint(List.of(root.certificate), sibling.certificate()))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_PEER);
            assertThat(refused.getMessage()).contains("is not the configured certificate");
        }
    }

    @Test
    void caConstraintRefusesAPathWithoutThatCa() throws Exception {
        startServer();
        Authority otherIssuer = root.intermediate("Other Issuing CA");
        try (SecureClientEndpoint client =
                client(device, X509Trust.caConstraint(List.of(root.certificate), otherIssuer.certificate))) {
            TransportException refused = failure(client.connect());

            assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_PEER);
            assertThat(refused.getMessage()).contains("is not in the certificate path");
        }
    }

    @Test
    void domainIssuedCertificatePinsASelfSignedServer() throws Exception {
        Issued selfSigned = TestPki.selfSignedServer(SERVER_NAME);
        startServer(selfSigned.credentials(), Set.of());
        try (SecureClientEndpoint client =
                client(device, X509Trust.domainIssuedCertificate(selfSigned.certificate()))) {
            assertThat(await(client.connect())).isInstanceOf(X509Peer.class);
        }
        try (SecureClientEndpoint client =
                client(device, X509Trust.domainIssuedCertificate(serverCertificate.certificate()))) {
            assertThat(failure(client.connect()).reason()).isEqualTo(Reason.UNTRUSTED_PEER);
        }
    }
}
