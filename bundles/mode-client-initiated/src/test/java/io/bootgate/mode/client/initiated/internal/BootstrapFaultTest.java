/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.TreeView;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.InMemoryBootstrapConfigStore;
import io.bootgate.mode.testkit.LossyUdpProxy;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault tests across the real parts: Bootgate's engine and client-initiated mode bootstrap devices from
 * Bootgate's own bootstrap server over real DTLS on loopback, while the network or the server misbehaves.
 * <p>
 * Each device's bootstrap commits once: a store listener counts the commits per endpoint, and every device's
 * store must then hold exactly the accounts its configuration names.
 */
class BootstrapFaultTest {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapFaultTest.class);

    private static final Duration BUDGET = Duration.ofSeconds(120);
    private static final Duration ATTEMPT_LIMIT = Duration.ofSeconds(40);
    private static final int SERVER_ACCOUNT_ID = 101;

    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    private final Map<String, AtomicInteger> commits = new ConcurrentHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private TestGateway gateway;

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    /**
     * Twenty devices through a lossy, duplicating, reordering link: every device ends bootstrapped (a failed
     * attempt is retried, as the engine's back-off would), and none commits its bootstrap twice.
     */
    @ParameterizedTest(name = "{4} devices, {0} loss, {1} duplication, {2} reordering")
    @CsvSource({"0.01, 0.05, 0.05, 11, 20", "0.10, 0.10, 0.10, 12, 20", "0.30, 0.10, 0.10, 13, 5"})
    void everyDeviceBootstrapsOnceThroughALossyLink(
            double loss, double duplication, double reordering, long seed, int devices) throws Exception {
        // CoAP's fixed 2 s ACK timeout and four retransmissions make a command through 30 % loss take seconds and
        // fail now and then (all five transmissions or their answers lost); the device then waits 20 s for the
        // next command before its attempt fails and is retried. Fewer devices keep that case within the budget.
        startGateway(Duration.ofSeconds(20));
        // The server waits up to 30 s for each answer, so that a command survives four lost transmissions.
        EmbeddedBootstrapServer server =
                startServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ofSeconds(30));
        LossyUdpProxy proxy =
                new LossyUdpProxy(server.localAddress(), new LossyUdpProxy.Faults(loss, duplication, reordering), seed);
        resources.add(proxy);
        URI uri = URI.create("coaps://127.0.0.1:" + proxy.address().getPort());
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            endpoints.add(provision("urn:dev:lossy-" + i, uri));
        }
        gateway.store().addListener(this::countCommit);

        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (String endpoint : endpoints) {
            gateway.engine().addDevice(config(endpoint));
            runs.add(untilBootstrapped(endpoint, 1).toCompletableFuture());
        }
        long started = System.nanoTime();
        CompletableFuture<Void> all = CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
        try {
            all.get(BUDGET.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "not every device bootstrapped within " + BUDGET + "; attempts so far " + attempts
                            + ", states "
                            + endpoints.stream()
                                    .map(ep -> gateway.engine().state(ep))
                                    .toList() + ", "
                            + proxy.statistics(),
                    e);
        }
        LOG.info(
                "{} devices through {} loss bootstrapped in {} ms; attempts {}; {}",
                devices,
                loss,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                attempts,
                proxy.statistics());

        assertThat(runs).as("attempts per device, %s", proxy.statistics()).allSatisfy(run -> assertThat(run.join())
                .isPositive());
        for (String endpoint : endpoints) {
            assertThat(commits.get(endpoint)).as("commits of %s", endpoint).hasValue(1);
            assertHoldsExactlyTheConfiguredAccounts(endpoint);
        }
        if (loss >= 0.10) {
            assertThat(proxy.dropped()).as("the link really lost datagrams").isPositive();
        }
    }

    /**
     * The bootstrap server stops right after the first Write of a session and a new one starts on the same
     * port with the same configuration: the device's attempt fails without touching its store, and the retry
     * bootstraps it.
     */
    @Test
    void serverRestartedMidSessionLeavesTheStoreUnchangedAndTheRetryBootstraps() throws Exception {
        startGateway(Duration.ofSeconds(3));
        EmbeddedBootstrapServer first =
                startServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ofSeconds(10));
        InetSocketAddress port = first.localAddress();
        // On loopback a whole session takes milliseconds: the relay cuts the link the moment the first Write is
        // answered, so that nothing more of the session reaches the device while the server stops.
        LossyUdpProxy link = new LossyUdpProxy(port, LossyUdpProxy.Faults.loss(0), 1);
        resources.add(link);
        String endpoint = provision(
                "urn:dev:restart",
                URI.create("coaps://127.0.0.1:" + link.address().getPort()));
        TreeView before = gateway.store().snapshot(endpoint);
        gateway.store().addListener(this::countCommit);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        first.addSessionListener(event -> {
            if (event instanceof BootstrapSessionEvent.Step step
                    && step.operation() == BootstrapOperation.WRITE
                    && stopping.compareAndSet(false, true)) {
                link.cut(true);
                // Off the session thread: closing the server waits for its session threads.
                CompletableFuture.runAsync(() -> {
                    first.close();
                    stopped.countDown();
                });
            }
        });

        BootstrapOutcome interrupted = gateway.bootstrap(config(endpoint))
                .toCompletableFuture()
                .get(ATTEMPT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stopped.await(10, TimeUnit.SECONDS))
                .as("the server was stopped after a Write")
                .isTrue();

        assertThat(interrupted.isSuccess()).as("%s", interrupted).isFalse();
        assertThat(commits).as("no commit of a half-done session").isEmpty();
        TreeView after = gateway.store().snapshot(endpoint);
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.objects()).isEqualTo(before.objects());

        startServer(port, Duration.ofSeconds(10));
        link.cut(false);
        BootstrapOutcome retried = gateway.engine()
                .requestBootstrap(endpoint)
                .toCompletableFuture()
                .get(ATTEMPT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(retried.isSuccess()).as("%s", retried).isTrue();
        assertThat(commits.get(endpoint)).hasValue(1);
        assertHoldsExactlyTheConfiguredAccounts(endpoint);
    }

    private CompletionStage<Integer> untilBootstrapped(String endpoint, int attempt) {
        attempts.put(endpoint, attempt);
        if (attempt > 10) {
            return CompletableFuture.completedFuture(-1);
        }
        return gateway.engine()
                .requestBootstrap(endpoint)
                .thenCompose(outcome -> outcome.isSuccess()
                        ? CompletableFuture.completedFuture(attempt)
                        : untilBootstrapped(endpoint, attempt + 1));
    }

    private void countCommit(StoreEvent event) {
        if (event.kind() == StoreEvent.Kind.UPDATED) {
            commits.computeIfAbsent(event.endpoint(), e -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void assertHoldsExactlyTheConfiguredAccounts(String endpoint) {
        TreeView tree = gateway.store().snapshot(endpoint);
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
    }

    private void startGateway(Duration exchangeLifetime) {
        // Shorter DTLS flight retransmissions than the 2 s default, so a lost flight costs the test little.
        gateway = new TestGateway(
                TestAccessControl::create,
                exchangeLifetime,
                Configurations.of(
                        DtlsFactoryConfiguration.class,
                        Map.of("retransmission_timeout_ms", 500, "max_retransmissions", 6)));
        resources.add(gateway);
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
    }

    private EmbeddedBootstrapServer startServer(InetSocketAddress bind, Duration requestTimeout) throws Exception {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        EmbeddedBootstrapServer server = new EmbeddedBootstrapServer(
                gateway.dtls(),
                configs,
                new EmbeddedBootstrapServer.Codecs(
                        codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard),
                new EmbeddedBootstrapServer.Options(
                        bind,
                        new RpkCredentials(serverKeys),
                        List.of(),
                        Set.of(),
                        new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                        requestTimeout));
        resources.add(server);
        server.start();
        return server;
    }

    /** A device with a factory Bootstrap-Server account for {@code uri}, and its configuration on the server. */
    private String provision(String endpoint, URI uri) {
        KeyPair device = TestPki.newKeyPair();
        configs.put(BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(device.getPublic()))
                .deletes(List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1)))
                .server(ServerAccount.builder(SERVER_ACCOUNT_ID)
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
        Devices.provision(
                gateway.store(),
                endpoint,
                List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(Devices.rpkBootstrapAccount(0, uri, device, serverKeys.getPublic()), Devices.device("SN")));
        return endpoint;
    }

    private static DeviceBootstrapConfig config(String endpoint) {
        return new DeviceBootstrapConfig(
                endpoint,
                List.of(BootstrapModeName.CLIENT_INITIATED),
                Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                Optional.empty());
    }
}
