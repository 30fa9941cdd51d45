/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mObject;
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
import io.bootgate.dtls.internal.DefaultDtlsEndpointFactory;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.InMemoryBootstrapConfigStore;
import io.bootgate.mode.testkit.TestPki;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway (a forked JVM: engine, client-initiated mode, DTLS, file-backed store; {@link GatewayChild}) is killed
 * with SIGKILL at a step of a bootstrap from Bootgate's own bootstrap server, which runs in this JVM and sees each
 * step. After the kill every device's store holds either its state before the bootstrap or the whole bootstrapped
 * configuration, never a part; a restarted gateway then bootstraps every device that is not yet bootstrapped.
 */
class GatewayKillTest {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayKillTest.class);
    private static final int DEVICES = 3;
    private static final int SERVER_ACCOUNT_ID = 101;

    /** Where the gateway is killed. */
    enum KillPoint {
        /** The device answered a Bootstrap-Write to the Security object. */
        AFTER_WRITE_TO_0,
        /** The device answered a Bootstrap-Write to the Server object. */
        AFTER_WRITE_TO_1,
        /** The device committed the Finish and has not answered it yet (held inside the commit's listener). */
        BEFORE_FINISH_RESPONSE,
        /** The last Write was answered and the Finish is on its way: the kill races the Finish and its commit. */
        RACING_THE_COMMIT_AFTER_3_MS(3),
        RACING_THE_COMMIT_AFTER_10_MS(10),
        RACING_THE_COMMIT_AFTER_30_MS(30);

        final int delayMillis;

        KillPoint() {
            this(0);
        }

        KillPoint(int delayMillis) {
            this.delayMillis = delayMillis;
        }
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    private final Map<String, SortedMap<Integer, LwM2mObject>> provisioned = new HashMap<>();
    private final List<String> endpoints = new ArrayList<>();
    private DefaultDtlsEndpointFactory dtls;
    private EmbeddedBootstrapServer server;
    private volatile Predicate<BootstrapSessionEvent> killWhen = event -> false;
    private volatile Process gateway;

    @BeforeEach
    void startServer() throws Exception {
        dtls = new DefaultDtlsEndpointFactory(
                Configurations.of(DtlsFactoryConfiguration.class, Map.of("retransmission_timeout_ms", 500)));
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        server = new EmbeddedBootstrapServer(
                dtls,
                configs,
                new EmbeddedBootstrapServer.Codecs(
                        codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard),
                new EmbeddedBootstrapServer.Options(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new RpkCredentials(serverKeys),
                        List.of(),
                        Set.of(),
                        new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                        Duration.ofSeconds(5)));
        AtomicBoolean killed = new AtomicBoolean();
        server.addSessionListener(event -> {
            if (killWhen.test(event) && killed.compareAndSet(false, true)) {
                kill();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        Process running = gateway;
        if (running != null && running.isAlive()) {
            running.toHandle().destroyForcibly();
        }
        server.close();
        dtls.close();
    }

    @ParameterizedTest
    @EnumSource(KillPoint.class)
    void afterASigkillEveryStoreIsBeforeOrAfterTheBootstrapAndBootstrapsResume(KillPoint point) throws Exception {
        Path store = dir.resolve("store");
        provision(store);
        killWhen = switch (point) {
            case AFTER_WRITE_TO_0 -> event -> isWrite(event, 0);
            case AFTER_WRITE_TO_1 -> event -> isWrite(event, 1);
                // Let the Finish leave before the kill, so that the kill lands around the device's commit.
            case RACING_THE_COMMIT_AFTER_3_MS, RACING_THE_COMMIT_AFTER_10_MS, RACING_THE_COMMIT_AFTER_30_MS -> event ->
                    isWrite(event, 1) && pause(point.delayMillis);
            case BEFORE_FINISH_RESPONSE -> event -> false;
        };

        Run killedRun = runGateway(store, point == KillPoint.BEFORE_FINISH_RESPONSE ? "hold-after-commit" : "run", 0);
        if (point == KillPoint.BEFORE_FINISH_RESPONSE) {
            assertThat(killedRun.committed.await(60, TimeUnit.SECONDS))
                    .as("a device committed")
                    .isTrue();
            kill();
        }
        assertThat(gateway.waitFor(60, TimeUnit.SECONDS))
                .as("the gateway ended")
                .isTrue();
        killedRun.reader.join(5_000);
        assertThat(gateway.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        int bootstrappedAfterKill = 0;
        try (MvObjectStore reopened =
                MvObjectStore.open(StoreOptions.persistent(store, ObjectModelRegistry::standard))) {
            for (String endpoint : endpoints) {
                TreeView tree = reopened.snapshot(endpoint);
                if (tree.objects().equals(provisioned.get(endpoint))) {
                    continue;
                }
                assertHoldsExactlyTheConfiguredAccounts(tree);
                bootstrappedAfterKill++;
            }
        }
        LOG.info(
                "SIGKILL {}: {} of {} devices bootstrapped, the others exactly as provisioned",
                point,
                bootstrappedAfterKill,
                DEVICES);
        if (point == KillPoint.BEFORE_FINISH_RESPONSE) {
            assertThat(bootstrappedAfterKill)
                    .as("the commit held at the kill is durable")
                    .isPositive();
        }
        if (point == KillPoint.AFTER_WRITE_TO_0 || point == KillPoint.AFTER_WRITE_TO_1) {
            assertThat(bootstrappedAfterKill)
                    .as("devices bootstrapped before the first one was cut")
                    .isLessThan(DEVICES);
        }

        Run resumed = runGateway(store, "run", 0);
        assertThat(gateway.waitFor(90, TimeUnit.SECONDS))
                .as("the restarted gateway ended")
                .isTrue();
        resumed.reader.join(5_000);
        assertThat(resumed.bootstrapped)
                .as("devices the restarted gateway reports bootstrapped")
                .containsExactlyInAnyOrderElementsOf(endpoints);
        try (MvObjectStore reopened =
                MvObjectStore.open(StoreOptions.persistent(store, ObjectModelRegistry::standard))) {
            for (String endpoint : endpoints) {
                assertHoldsExactlyTheConfiguredAccounts(reopened.snapshot(endpoint));
            }
        }
    }

    private static boolean isWrite(BootstrapSessionEvent event, int objectId) {
        return event instanceof BootstrapSessionEvent.Step step
                && step.operation() == BootstrapOperation.WRITE
                && step.path().objectId() == objectId;
    }

    private static boolean pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void kill() {
        Process running = gateway;
        if (running != null) {
            // SIGKILL through the process handle, as the store's CrashRecoveryTest does.
            running.toHandle().destroyForcibly();
        }
    }

    /** What a gateway run reported. */
    private record Run(Thread reader, CountDownLatch committed, Set<String> bootstrapped) {}

    private Run runGateway(Path store, String behaviour, int index) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                GatewayChild.class.getName(),
                store.toString(),
                behaviour));
        command.addAll(endpoints);
        Path log = dir.resolve("gateway-" + behaviour + "-" + index + ".log");
        gateway = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CountDownLatch committed = new CountDownLatch(1);
        Set<String> bootstrapped = ConcurrentHashMap.newKeySet();
        InputStream in = gateway.getInputStream();
        Thread reader = new Thread(
                () -> {
                    StringBuilder line = new StringBuilder();
                    try (in) {
                        for (int b; (b = in.read()) >= 0; ) {
                            if (b != '\n') {
                                line.append((char) b);
                                continue;
                            }
                            String[] parts = line.toString().split(" ");
                            line.setLength(0);
                            if (parts[0].equals("COMMITTED")) {
                                committed.countDown();
                            } else if (parts[0].equals("BOOTSTRAPPED")) {
                                bootstrapped.add(parts[1]);
                            }
                        }
                    } catch (IOException e) {
                        // The pipe closes when the gateway is killed; what was read before counts.
                        return;
                    }
                },
                "gateway-reader");
        reader.start();
        return new Run(reader, committed, bootstrapped);
    }

    private void provision(Path store) throws IOException {
        Files.createDirectories(store);
        URI uri = URI.create("coaps://127.0.0.1:" + server.localAddress().getPort());
        try (MvObjectStore objects =
                MvObjectStore.open(StoreOptions.persistent(store, ObjectModelRegistry::standard))) {
            for (int i = 0; i < DEVICES; i++) {
                String endpoint = "urn:dev:killed-" + i;
                KeyPair device = TestPki.newKeyPair();
                configs.put(BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(device.getPublic()))
                        .deletes(List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1)))
                        .server(ServerAccount.builder(SERVER_ACCOUNT_ID)
                                .securityInstanceId(1)
                                .serverInstanceId(0)
                                .uri("coaps://127.0.0.1:5784")
                                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                                .publicKeyOrIdentity(device.getPublic().getEncoded())
                                .serverPublicKey(
                                        TestPki.newKeyPair().getPublic().getEncoded())
                                .secretKey(device.getPrivate().getEncoded())
                                .lifetime(120)
                                .binding("U")
                                .build())
                        .build());
                Devices.provision(
                        objects,
                        endpoint,
                        List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                        List.of(
                                Devices.rpkBootstrapAccount(0, uri, device, serverKeys.getPublic()),
                                Devices.device("SN-" + i)));
                provisioned.put(endpoint, objects.snapshot(endpoint).objects());
                endpoints.add(endpoint);
            }
        }
    }

    private static void assertHoldsExactlyTheConfiguredAccounts(TreeView tree) {
        String endpoint = tree.endpoint();
        assertThat(tree.objects().get(0).instances().keySet())
                .as("security instances of %s", endpoint)
                .containsExactly(0, 1);
        assertThat(tree.objects().get(1).instances().keySet())
                .as("server instances of %s", endpoint)
                .containsExactly(0);
        assertThat(tree.value(LwM2mPath.of(0, 1, 10))).contains(ResourceValue.ofInteger(SERVER_ACCOUNT_ID));
        assertThat(tree.value(LwM2mPath.of(1, 0, 0))).contains(ResourceValue.ofInteger(SERVER_ACCOUNT_ID));
        assertThat(tree.value(LwM2mPath.of(1, 0, 1))).contains(ResourceValue.ofInteger(120));
        assertThat(tree.value(LwM2mPath.of(0, 0, 1))).contains(ResourceValue.ofBoolean(true));
        assertThat(tree.value(LwM2mPath.of(3, 0, 2)))
                .as("the Device object of %s", endpoint)
                .isPresent();
    }
}
