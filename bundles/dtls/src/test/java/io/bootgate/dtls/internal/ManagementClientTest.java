/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
import static io.bootgate.dtls.internal.DtlsFixture.WAIT;
import static io.bootgate.dtls.internal.DtlsFixture.await;
import static io.bootgate.dtls.internal.DtlsFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.ManagementClientConfig;
import io.bootgate.api.security.PskCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.NoSecPeer;
import io.bootgate.api.transport.ObserveRelation;
import io.bootgate.api.transport.ObserveRelation.CancelReason;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.PskPeer;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException.Reason;
import io.bootgate.api.transport.X509Peer;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.TestPki.Authority;
import io.bootgate.dtls.internal.TestPki.Issued;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Management-server client endpoints over real DTLS (and plain UDP for NoSec) on loopback, against a
 * management server made of stock Californium and Scandium ({@link TestManagementServer}): Register, Update,
 * De-register, and the server observing a device resource with notifications and both kinds of
 * cancellation; the PSK / NoSec policy, and the Bootstrap interface unaffected by it.
 */
class ManagementClientTest {

    private static final String ENDPOINT = "dev1";
    private static final String LINKS = "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>,</3303/0>";
    private static final String OBSERVED = "/3303/0/5700";
    private static final String PSK_IDENTITY = "dev1-psk";
    private static final byte[] PSK_KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static DefaultDtlsEndpointFactory strict;
    private static DefaultDtlsEndpointFactory permissive;
    private static KeyPair deviceKey;
    private static KeyPair serverKey;

    @BeforeAll
    static void start() {
        strict = DtlsFixture.factory();
        permissive = DtlsFixture.factory(new DtlsTransportSettings(2, 2, 1, 64, 16, 6, Duration.ofMillis(500), 3, 20000)
                .withManagementModes(true, true));
        deviceKey = KeyMaterial.generateP256();
        serverKey = KeyMaterial.generateP256();
    }

    @AfterAll
    static void stop() {
        strict.close();
        permissive.close();
    }

    // --- the whole flow, per security mode --------------------------------------------------------------

    @Test
    void registersUpdatesIsObservedAndDeregistersOverRawPublicKey() throws Exception {
        try (TestManagementServer server = TestManagementServer.rpk(serverKey)) {
            ObservingHandler handler = new ObservingHandler();
            ManagementClientConfig config =
                    ManagementClientConfig.of(rpk(server.uri()).handler(handler).build());
            wholeFlow(strict, server, config, handler, RpkPeer.class);
        }
    }

    @Test
    void registersUpdatesIsObservedAndDeregistersOverX509() throws Exception {
        Authority root = TestPki.root("Management Test Root");
        Authority deviceCa = TestPki.root("Management Device CA");
        Issued serverCertificate = root.server(List.of("dm.bootgate.test"), List.of("127.0.0.1"));
        Issued device = deviceCa.client(ENDPOINT);
        try (TestManagementServer server = TestManagementServer.x509(
                serverCertificate.keyPair(), serverCertificate.chain(), deviceCa.certificate)) {
            ObservingHandler handler = new ObservingHandler();
            ManagementClientConfig config =
                    ManagementClientConfig.of(ClientEndpointConfig.builder(server.uri(), SecurityMode.CERTIFICATE)
                            .bindAddress(LOOPBACK)
                            .credentials(device.credentials())
                            .x509Trust(X509Trust.pkix(List.of(root.certificate)))
                            .deviceName(ENDPOINT)
                            .handler(handler)
                            .build());
            wholeFlow(strict, server, config, handler, X509Peer.class);
        }
    }

    @Test
    void registersUpdatesIsObservedAndDeregistersOverPskWhenAllowed() throws Exception {
        try (TestManagementServer server = TestManagementServer.psk(PSK_IDENTITY, PSK_KEY)) {
            ObservingHandler handler = new ObservingHandler();
            PeerIdentity peer = wholeFlow(permissive, server, psk(server.uri(), handler), handler, PskPeer.class);
            assertThat(((PskPeer) peer).pskIdentity()).isEqualTo(PSK_IDENTITY);
            assertThat(peer.hasPublicKey()).isFalse();
        }
    }

    @Test
    void registersUpdatesIsObservedAndDeregistersOverNoSecWhenAllowed() throws Exception {
        try (TestManagementServer server = TestManagementServer.noSec()) {
            ObservingHandler handler = new ObservingHandler();
            wholeFlow(permissive, server, noSec(server.uri(), handler), handler, NoSecPeer.class);
        }
    }

    /**
     * Register (2.01 + Location-Path) → Update on the location (same DTLS session) → the server observes a
     * resource: first response and three notifications (CON, NON, CON) in order → the server cancels with a
     * GET Observe=1 → De-register.
     *
     * @return the identity the device's handler saw the server with
     */
    private static PeerIdentity wholeFlow(
            DefaultDtlsEndpointFactory factory,
            TestManagementServer server,
            ManagementClientConfig config,
            ObservingHandler handler,
            Class<? extends PeerIdentity> peerType)
            throws Exception {
        try (SecureClientEndpoint device = factory.createManagementClient(config)) {
            CoapResponse created = await(device.send(register()));
            assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
            assertThat(created.locationPath()).hasSize(2).first().isEqualTo("rd");
            String location = created.locationPathString().orElseThrow();

            Request registerSeen = server.received().poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(registerSeen).isNotNull();
            assertThat(registerSeen.getCode()).isEqualTo(Code.POST);
            assertThat(registerSeen.getOptions().getUriPathString()).isEqualTo("rd");
            assertThat(registerSeen.getOptions().getUriQuery())
                    .containsExactly("ep=" + ENDPOINT, "lt=300", "lwm2m=1.1", "b=U");
            assertThat(registerSeen.getOptions().getContentFormat())
                    .isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
            assertThat(registerSeen.getPayloadString()).isEqualTo(LINKS);
            Object session = session(device, server);

            CoapResponse updated = await(
                    device.send(CoapRequest.post(location).query("lt", "600").build()));
            assertThat(updated.code()).isEqualTo(ResponseCode.CHANGED);
            Request updateSeen = server.received().poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(updateSeen).isNotNull();
            assertThat("/" + updateSeen.getOptions().getUriPathString()).isEqualTo(location);
            assertThat(updateSeen.getOptions().getUriQuery()).containsExactly("lt=600");
            assertThat(session(device, server)).as("the DTLS session is reused").isEqualTo(session);

            PeerIdentity peer = observeNotifyAndCancelProactively(server, device, handler, peerType);

            CoapResponse deleted =
                    await(device.send(CoapRequest.delete(location).build()));
            assertThat(deleted.code()).isEqualTo(ResponseCode.DELETED);
            Request deleteSeen = server.received().poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(deleteSeen).isNotNull();
            assertThat(deleteSeen.getCode()).isEqualTo(Code.DELETE);
            assertThat(session(device, server)).as("the DTLS session is reused").isEqualTo(session);
            return peer;
        }
    }

    private static PeerIdentity observeNotifyAndCancelProactively(
            TestManagementServer server,
            SecureClientEndpoint device,
            ObservingHandler handler,
            Class<? extends PeerIdentity> peerType)
            throws Exception {
        CoapClient observer = server.clientFor(device.localAddress().orElseThrow(), OBSERVED);
        try {
            Notifications notifications = new Notifications();
            CoapObserveRelation observation = observer.observe(notifications);
            ObserveRelation relation = handler.relations.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(relation).as("the handler got the observation").isNotNull();
            assertThat(relation.peer()).isInstanceOf(peerType);
            assertThat(relation.request().pathString()).isEqualTo(OBSERVED);
            assertThat(relation.request().isObserveRegister()).isTrue();

            org.eclipse.californium.core.CoapResponse first = notifications.next();
            assertThat(first.getResponseText()).isEqualTo("20.0");
            assertThat(first.getOptions().hasObserve()).isTrue();
            int previous = first.getOptions().getObserve();
            String[] values = {"21.0", "22.0", "23.0"};
            boolean[] confirmable = {true, false, true};
            for (int i = 0; i < values.length; i++) {
                // One at a time: RFC 7641 lets a newer notification replace one still queued behind a CON.
                assertThat(relation.notify(text(values[i]), confirmable[i])).isTrue();
                org.eclipse.californium.core.CoapResponse notification = notifications.next();
                assertThat(notification.getResponseText()).isEqualTo(values[i]);
                assertThat(notification.advanced().isConfirmable()).isEqualTo(confirmable[i]);
                assertThat(notification.getOptions().getObserve()).isGreaterThan(previous);
                previous = notification.getOptions().getObserve();
            }
            assertThat(relation.isCancelled()).isFalse();

            observation.proactiveCancel();
            assertThat(await(relation.cancelled())).isEqualTo(CancelReason.DEREGISTERED_BY_PEER);
            assertThat(relation.notify(text("24.0"), true))
                    .as("no notification after the end")
                    .isFalse();
            return relation.peer();
        } finally {
            observer.shutdown();
        }
    }

    // --- cancellation -----------------------------------------------------------------------------------

    @Test
    void aNotificationAnsweredWithResetEndsTheRelation() throws Exception {
        try (TestManagementServer server = TestManagementServer.rpk(serverKey)) {
            ObservingHandler handler = new ObservingHandler();
            try (SecureClientEndpoint device = strict.createManagementClient(
                    ManagementClientConfig.of(rpk(server.uri()).handler(handler).build()))) {
                await(device.send(register()));
                CoapClient observer = server.clientFor(device.localAddress().orElseThrow(), OBSERVED);
                try {
                    Notifications notifications = new Notifications();
                    CoapObserveRelation observation = observer.observe(notifications);
                    ObserveRelation relation = handler.relations.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertThat(notifications.next().getResponseText()).isEqualTo("20.0");

                    // The server forgets the observation; its next notification is answered with RST.
                    observation.reactiveCancel();
                    assertThat(relation.notify(text("21.0"), true)).isTrue();
                    assertThat(await(relation.cancelled())).isEqualTo(CancelReason.RESET_BY_PEER);
                } finally {
                    observer.shutdown();
                }
            }
        }
    }

    @Test
    void closingTheEndpointEndsItsRelations() throws Exception {
        try (TestManagementServer server = TestManagementServer.rpk(serverKey)) {
            ObservingHandler handler = new ObservingHandler();
            SecureClientEndpoint device = strict.createManagementClient(
                    ManagementClientConfig.of(rpk(server.uri()).handler(handler).build()));
            CoapClient observer = null;
            try {
                await(device.send(register()));
                observer = server.clientFor(device.localAddress().orElseThrow(), OBSERVED);
                Notifications notifications = new Notifications();
                observer.observe(notifications);
                ObserveRelation relation = handler.relations.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(notifications.next().getResponseText()).isEqualTo("20.0");

                device.close();
                assertThat(await(relation.cancelled())).isEqualTo(CancelReason.ENDPOINT_CLOSED);
                assertThat(relation.notify(text("21.0"), false)).isFalse();
                assertThat(((DefaultSecureClientEndpoint) device).observations().openCount())
                        .isZero();
            } finally {
                device.close();
                if (observer != null) {
                    observer.shutdown();
                }
            }
        }
    }

    @Test
    void aHandlerWithoutObserveSupportAnswersAPlainResponse() throws Exception {
        try (TestManagementServer server = TestManagementServer.rpk(serverKey)) {
            CoapRequestHandler plain = (peer, request) -> CompletableFuture.completedFuture(text("plain"));
            try (SecureClientEndpoint device = strict.createManagementClient(
                    ManagementClientConfig.of(rpk(server.uri()).handler(plain).build()))) {
                await(device.send(register()));
                CoapClient observer = server.clientFor(device.localAddress().orElseThrow(), OBSERVED);
                try {
                    Request get = Request.newGet();
                    get.setObserve();
                    org.eclipse.californium.core.CoapResponse response = observer.advanced(get);
                    assertThat(response).isNotNull();
                    assertThat(response.getResponseText()).isEqualTo("plain");
                    assertThat(response.getOptions().hasObserve())
                            .as("observation declined")
                            .isFalse();
                    assertThat(((DefaultSecureClientEndpoint) device)
                                    .observations()
                                    .openCount())
                            .isZero();
                } finally {
                    observer.shutdown();
                }
            }
        }
    }

    @Test
    void aNoSecEndpointAnswersItsServerOnly() throws Exception {
        try (TestManagementServer server = TestManagementServer.noSec();
                TestManagementServer stranger = TestManagementServer.noSec();
                SecureClientEndpoint device =
                        permissive.createManagementClient(noSec(server.uri(), new ObservingHandler()))) {
            await(device.send(register()));
            InetSocketAddress deviceAddress = device.localAddress().orElseThrow();
            CoapClient fromStranger = stranger.clientFor(deviceAddress, "/3/0");
            CoapClient fromServer = server.clientFor(deviceAddress, "/3/0");
            try {
                org.eclipse.californium.core.CoapResponse refused = fromStranger.get();
                assertThat(refused).isNotNull();
                assertThat(refused.getCode())
                        .isEqualTo(org.eclipse.californium.core.coap.CoAP.ResponseCode.UNAUTHORIZED);
                org.eclipse.californium.core.CoapResponse answered = fromServer.get();
                assertThat(answered).isNotNull();
                assertThat(answered.getResponseText()).isEqualTo("plain");
            } finally {
                fromStranger.shutdown();
                fromServer.shutdown();
            }
        }
    }

    // --- policy -----------------------------------------------------------------------------------------

    @Test
    void pskIsRefusedByDefaultNamingTheProperty() {
        URI uri = URI.create("coaps://127.0.0.1:5684");
        assertThatThrownBy(() -> strict.createManagementClient(psk(uri, new ObservingHandler())))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("0 (PRE_SHARED_KEY)")
                .hasMessageContaining("management.allow.psk=true")
                .hasMessageContaining("io.bootgate.dtls");
    }

    @Test
    void noSecIsRefusedByDefaultNamingTheProperty() {
        URI uri = URI.create("coap://127.0.0.1:5683");
        assertThatThrownBy(() -> strict.createManagementClient(noSec(uri, new ObservingHandler())))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("3 (NO_SEC)")
                .hasMessageContaining("management.allow.nosec=true");
    }

    @Test
    void noSecIsRefusedAtConnectByDefault() throws Exception {
        try (TestManagementServer server = TestManagementServer.noSec();
                SecureClientEndpoint device = strict.newManagementClient(noSec(server.uri(), new ObservingHandler()))) {
            assertThat(failure(device.connect()).reason()).isEqualTo(Reason.POLICY_VIOLATION);
            assertThat(failure(device.send(register())).getMessage()).contains("management.allow.nosec=true");
            assertThat(server.received()).as("nothing reached the server").isEmpty();
        }
    }

    @Test
    void modeAndSchemeMustAgreeEvenWhenAllowed() {
        assertThatThrownBy(() -> permissive.createManagementClient(
                        noSec(URI.create("coaps://127.0.0.1:5684"), new ObservingHandler())))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("requires coap://");
        assertThatThrownBy(() -> permissive.createManagementClient(
                        psk(URI.create("coap://127.0.0.1:5683"), new ObservingHandler())))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("requires coaps://");
        assertThatThrownBy(() -> strict.createManagementClient(ManagementClientConfig.of(
                        ClientEndpointConfig.builder(URI.create("coap://127.0.0.1:5683"), SecurityMode.RAW_PUBLIC_KEY)
                                .credentials(new RpkCredentials(deviceKey))
                                .rpkTrust(RpkTrust.of(serverKey.getPublic()))
                                .build())))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("requires coaps://");
    }

    @Test
    void theBootstrapInterfaceRefusesPskEvenWhenManagementPskIsAllowed() throws Exception {
        ClientEndpointConfig bootstrapPsk = ClientEndpointConfig.builder(
                        URI.create("coaps://127.0.0.1:5684"), SecurityMode.PRE_SHARED_KEY)
                .bindAddress(LOOPBACK)
                .build();
        assertThatThrownBy(() -> permissive.createBootstrapClient(bootstrapPsk))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("PRE_SHARED_KEY")
                .hasMessageContaining("Bootstrap interface");
        ClientEndpointConfig bootstrapNoSec = ClientEndpointConfig.builder(
                        URI.create("coap://127.0.0.1:5683"), SecurityMode.NO_SEC)
                .bindAddress(LOOPBACK)
                .build();
        assertThatThrownBy(() -> permissive.createBootstrapClient(bootstrapNoSec))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("Bootstrap interface");
        // And on connect, for an endpoint built without the creation check.
        ClientEndpointConfig unchecked = ClientEndpointConfig.builder(
                        URI.create("coaps://127.0.0.1:5684"), SecurityMode.PRE_SHARED_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(deviceKey))
                .rpkTrust(RpkTrust.of(serverKey.getPublic()))
                .build();
        try (SecureClientEndpoint client = permissive.newClient(unchecked)) {
            assertThat(failure(client.connect()).reason()).isEqualTo(Reason.POLICY_VIOLATION);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static ClientEndpointConfig.Builder rpk(URI server) {
        return ClientEndpointConfig.builder(server, SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(deviceKey))
                .rpkTrust(RpkTrust.of(serverKey.getPublic()))
                .deviceName(ENDPOINT);
    }

    private static ManagementClientConfig psk(URI server, CoapRequestHandler handler) {
        return ManagementClientConfig.of(
                ClientEndpointConfig.builder(server, SecurityMode.PRE_SHARED_KEY)
                        .bindAddress(LOOPBACK)
                        .deviceName(ENDPOINT)
                        .handler(handler)
                        .build(),
                PskCredentials.of(PSK_IDENTITY, PSK_KEY));
    }

    private static ManagementClientConfig noSec(URI server, CoapRequestHandler handler) {
        return ManagementClientConfig.of(ClientEndpointConfig.builder(server, SecurityMode.NO_SEC)
                .bindAddress(LOOPBACK)
                .deviceName(ENDPOINT)
                .handler(handler)
                .build());
    }

    private static CoapRequest register() {
        return CoapRequest.post("/rd")
                .query("ep", ENDPOINT)
                .query("lt", "300")
                .query("lwm2m", "1.1")
                .query("b", "U")
                .contentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT)
                .payload(LINKS)
                .build();
    }

    private static CoapResponse text(String value) {
        return CoapResponse.of(ResponseCode.CONTENT, ContentFormat.TEXT, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The DTLS session identifier the device holds with the server; the address for NoSec (no session). */
    private static Object session(SecureClientEndpoint device, TestManagementServer server) {
        URI uri = server.uri();
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        if ("coap".equals(uri.getScheme())) {
            return address;
        }
        DTLSContext context = ((DefaultSecureClientEndpoint) device).connector().getDtlsContextByAddress(address);
        assertThat(context).as("a DTLS session with " + address).isNotNull();
        return context.getSession().getSessionIdentifier();
    }

    /** A device handler that keeps every observation and answers its first response with 20.0. */
    private static final class ObservingHandler implements CoapRequestHandler {
        final BlockingQueue<ObserveRelation> relations = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request) {
            return CompletableFuture.completedFuture(text("plain"));
        }

        @Override
        public CompletionStage<CoapResponse> observe(PeerIdentity peer, CoapRequest request, ObserveRelation relation) {
            relations.add(relation);
            return CompletableFuture.completedFuture(text("20.0"));
        }
    }

    /** What the server's observer receives, in order. */
    private static final class Notifications implements CoapHandler {
        private final BlockingQueue<org.eclipse.californium.core.CoapResponse> received = new LinkedBlockingQueue<>();

        @Override
        public void onLoad(org.eclipse.californium.core.CoapResponse response) {
            received.add(response);
        }

        private final AtomicInteger errors = new AtomicInteger();

        @Override
        public void onError() {
            errors.incrementAndGet();
        }

        org.eclipse.californium.core.CoapResponse next() throws InterruptedException {
            org.eclipse.californium.core.CoapResponse response = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(response)
                    .as("a notification within " + WAIT + " (observe errors: " + errors.get() + ")")
                    .isNotNull();
            return response;
        }
    }
}
