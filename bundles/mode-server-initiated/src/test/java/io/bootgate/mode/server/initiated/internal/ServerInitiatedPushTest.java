/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.server.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.store.TreeView;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.InMemoryBootstrapConfigStore;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LwM2M 1.0 server-initiated bootstrap end to end between Bootgate's own bundles, over real DTLS on loopback:
 * the real engine and store run the server-initiated mode for the device, which connects to Bootgate's
 * bootstrap server as DTLS client (handshake only); the operator then asks that server to bootstrap the
 * endpoint, and the server pushes Discover / Delete / Write / Finish over the device's session.
 */
class ServerInitiatedPushTest {

    private static final String EP = "urn:imei:490154203237518";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final List<EmbeddedBootstrapServer> servers = new ArrayList<>();
    private TestGateway gateway;

    @BeforeEach
    void start() {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        gateway.install(
                new ServerInitiatedBootstrapMode(Configurations.defaults(ServerInitiatedConfiguration.class)), false);
    }

    @AfterEach
    void stop() {
        servers.forEach(EmbeddedBootstrapServer::close);
        gateway.close();
    }

    @Test
    void theDeviceConnectsInItsWindowAndTheOperatorsPushIsAppliedAndCommitted() throws Exception {
        EmbeddedBootstrapServer server = bootstrapServer(serverKeys);
        provision(server, serverKeys);
        long revision = gateway.store().snapshot(EP).revision();

        CompletableFuture<BootstrapOutcome> run = bootstrap("30");
        BootstrapSessionEvent.Ended ended = pushWhenConnected(server);

        assertThat(ended.outcome()).as("%s", ended).isEqualTo(SessionOutcome.SUCCEEDED);
        BootstrapOutcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        TreeView committed = gateway.store().snapshot(EP);
        assertThat(committed.revision()).isGreaterThan(revision);
        assertThat(committed.value(LwM2mPath.of(0, 1, 10))).contains(ResourceValue.ofInteger(101));
        assertThat(committed.value(LwM2mPath.of(1, 0, 1))).contains(ResourceValue.ofInteger(120));
        // The device's own bootstrap account and Device object survive the push.
        assertThat(committed.value(LwM2mPath.of(0, 0, 1))).contains(ResourceValue.ofBoolean(true));
        assertThat(committed.value(LwM2mPath.of(3, 0, 2))).contains(ResourceValue.ofString("SN-P"));
    }

    @Test
    void aServerWithAnotherIdentityCannotPushAndNothingIsWritten() throws Exception {
        // An intruder at the address the device's account names, which knows the device (it has its config) but
        // not the key of the device's bootstrap server.
        KeyPair intruderKeys = TestPki.newKeyPair();
        EmbeddedBootstrapServer intruder = bootstrapServer(intruderKeys);
        provision(intruder, serverKeys);
        long revision = gateway.store().snapshot(EP).revision();

        CompletableFuture<BootstrapOutcome> run = bootstrap("3");
        BootstrapOutcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
        assertThat(outcome.detail()).contains(EP).contains("handshake").contains("UNTRUSTED_PEER");
        assertThatThrownBy(() -> intruder.bootstrap(EP).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(gateway.store().snapshot(EP).revision()).isEqualTo(revision);
    }

    @Test
    void withoutAPushTheWindowElapsesAndNothingIsWritten() throws Exception {
        EmbeddedBootstrapServer server = bootstrapServer(serverKeys);
        provision(server, serverKeys);
        long revision = gateway.store().snapshot(EP).revision();

        BootstrapOutcome outcome = bootstrap("2").get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
        assertThat(outcome.detail()).contains("no push").contains("2 s window").contains(EP);
        assertThat(gateway.store().snapshot(EP).revision()).isEqualTo(revision);
    }

    /** Bootgate's bootstrap server on loopback, with a config for the device. */
    private EmbeddedBootstrapServer bootstrapServer(KeyPair keys) throws Exception {
        InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
        configs.put(BootstrapConfig.builder(EP, DeviceIdentity.rawPublicKey(device.getPublic()))
                .deletes(List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1)))
                .server(ServerAccount.builder(101)
                        .securityInstanceId(1)
                        .serverInstanceId(0)
                        .uri("coaps://127.0.0.1:5784")
                        .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                        .publicKeyOrIdentity(device.getPublic().getEncoded())
                        .serverPublicKey(TestPki.newKeyPair().getPublic().getEncoded())
                        .secretKey(device.getPrivate().getEncoded())
                        .lifetime(120)
                        .binding("U")
                        .build())
                .build());
        EmbeddedBootstrapServer server = new EmbeddedBootstrapServer(
                gateway.dtls(),
                configs,
                codecs(),
                new EmbeddedBootstrapServer.Options(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new RpkCredentials(keys),
                        List.of(),
                        Set.of(),
                        new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                        Duration.ofSeconds(10)));
        servers.add(server);
        server.start();
        return server;
    }

    /** The device's committed state: a Bootstrap-Server account for {@code server}, trusting {@code trusted}. */
    private void provision(EmbeddedBootstrapServer server, KeyPair trusted) {
        URI uri = URI.create("coaps://127.0.0.1:" + server.localAddress().getPort());
        Devices.provision(
                gateway.store(),
                EP,
                List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(Devices.rpkBootstrapAccount(0, uri, device, trusted.getPublic()), Devices.device("SN-P")));
    }

    private CompletableFuture<BootstrapOutcome> bootstrap(String windowSeconds) {
        return gateway.bootstrap(new DeviceBootstrapConfig(
                        EP,
                        List.of(BootstrapModeName.SERVER_INITIATED),
                        Map.of(
                                BootstrapModeName.SERVER_INITIATED,
                                Map.of(ServerInitiatedAttempt.WINDOW_PROPERTY, windowSeconds)),
                        Optional.empty()))
                .toCompletableFuture();
    }

    /**
     * What an operator does: asks the server to bootstrap the endpoint, by name only. Until the device's
     * handshake completed the server has no session to push over and says so; then the push runs.
     */
    private static BootstrapSessionEvent.Ended pushWhenConnected(EmbeddedBootstrapServer server) throws Exception {
        // Only "no session yet" (IllegalStateException) is retried; any other failure ends the wait at once.
        AtomicReference<BootstrapSessionEvent.Ended> pushed = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            try {
                pushed.set(server.bootstrap(EP).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS));
                return true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof IllegalStateException)) {
                    throw e;
                }
                return false;
            }
        });
        return pushed.get();
    }

    /** What the server gets in OSGi: the codec bundle's codecs and the object definitions (here the standard ones). */
    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
