/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-initiated mode against Bootgate's own bootstrap server (io.bootgate.bootstrap.server), which
 * understands both the {@code pct} of LwM2M 1.1 and the Bootstrap-Pack-Request: the Bootstrap-Request path and
 * the pack path each bootstrap the device on their own.
 */
class ClientInitiatedBootgateServerTest {

    // A URN, as LwM2M recommends (Core 7.3): the server must accept ':' in endpoint names.
    private static final String EP = "urn:imei:490154203237518";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final List<BootstrapSessionEvent.Ended> ended = new CopyOnWriteArrayList<>();
    private final List<BootstrapSessionEvent.Started> started = new CopyOnWriteArrayList<>();
    private TestGateway gateway;
    private EmbeddedBootstrapServer server;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
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
        server = new EmbeddedBootstrapServer(
                gateway.dtls(),
                configs,
                codecs(),
                new EmbeddedBootstrapServer.Options(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new RpkCredentials(serverKeys),
                        List.of(),
                        Set.of(),
                        new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                        Duration.ofSeconds(10)));
        server.addSessionListener(event -> {
            if (event instanceof BootstrapSessionEvent.Ended end) {
                ended.add(end);
            } else if (event instanceof BootstrapSessionEvent.Started begin) {
                started.add(begin);
            }
        });
        server.start();
        URI uri = URI.create("coaps://127.0.0.1:" + server.localAddress().getPort());
        Devices.provision(
                gateway.store(),
                EP,
                List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(Devices.rpkBootstrapAccount(0, uri, device, serverKeys.getPublic()), Devices.device("SN-O")));
    }

    @AfterEach
    void stop() {
        server.close();
        gateway.close();
    }

    @Test
    void bootstrapRequestWithPctIsServedInTheRequestedFormat() throws Exception {
        BootstrapOutcome outcome = run(Map.of());

        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        assertThat(started).singleElement().satisfies(s -> {
            assertThat(s.trigger()).isEqualTo(SessionTrigger.BOOTSTRAP_REQUEST);
            assertThat(s.contentFormat()).isEqualTo(ContentFormat.SENML_CBOR);
        });
        assertCommitted();
    }

    @Test
    void bootstrapPackIsAppliedWithoutASession() throws Exception {
        BootstrapOutcome outcome = run(Map.of(ClientInitiatedSettings.BSPACK_PROPERTY, "true"));

        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        assertThat(started)
                .extracting(BootstrapSessionEvent.Started::trigger)
                .doesNotContain(SessionTrigger.BOOTSTRAP_REQUEST);
        assertCommitted();
    }

    private void assertCommitted() {
        TreeView committed = gateway.store().snapshot(EP);
        assertThat(committed.value(LwM2mPath.of(0, 1, 10))).contains(ResourceValue.ofInteger(101));
        assertThat(committed.value(LwM2mPath.of(1, 0, 1))).contains(ResourceValue.ofInteger(120));
        assertThat(committed.value(LwM2mPath.of(0, 0, 1))).contains(ResourceValue.ofBoolean(true));
    }

    private BootstrapOutcome run(Map<String, String> properties) throws Exception {
        BootstrapOutcome outcome = gateway.bootstrap(new DeviceBootstrapConfig(
                        EP,
                        List.of(BootstrapModeName.CLIENT_INITIATED),
                        Map.of(BootstrapModeName.CLIENT_INITIATED, properties),
                        Optional.empty()))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (outcome.isSuccess()) {
            // The server's own view: its session ended successfully.
            await().atMost(WAIT).until(() -> !ended.isEmpty());
            assertThat(ended).extracting(BootstrapSessionEvent.Ended::outcome).containsOnly(SessionOutcome.SUCCEEDED);
        }
        return outcome;
    }

    /** What the server gets in OSGi: the codec bundle's codecs and the object definitions (here the standard ones). */
    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
