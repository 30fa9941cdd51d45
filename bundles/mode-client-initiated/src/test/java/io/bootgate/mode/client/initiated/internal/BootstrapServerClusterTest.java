/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
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
import io.bootgate.api.security.DtlsClusterNode;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.DtlsLoadBalancer;
import io.bootgate.mode.testkit.InMemoryBootstrapConfigStore;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import io.bootgate.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three bootstrap-server nodes on loopback behind one UDP address ({@link DtlsLoadBalancer}), clustered with
 * Scandium's DTLS Connection ID forwarding: the balancer keeps a client's handshake on one node but spreads its
 * later records over all nodes, datagram by datagram, so most of them arrive at a node without the session and
 * must be forwarded. Gateway devices bootstrap through the balancer with the client-initiated mode, as in the
 * product; the nodes share one config store and one server key pair, as a deployment's nodes do.
 */
class BootstrapServerClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int NODES = 3;
    private static final byte[] CLUSTER_SECRET = "bootgate cluster test secret, 32b".getBytes();

    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    private final List<EmbeddedBootstrapServer> nodes = new ArrayList<>();
    private final Map<Integer, List<BootstrapSessionEvent.Ended>> endedByNode = new HashMap<>();
    private TestGateway gateway;
    private DtlsLoadBalancer balancer;

    @BeforeEach
    void start() throws Exception {
        // The engine tries again 1 s after a failed run, so a device whose node died bootstraps on another one.
        gateway = new TestGateway(
                TestAccessControl::create,
                Duration.ofSeconds(20),
                Configurations.defaults(DtlsFactoryConfiguration.class),
                StoreOptions.inMemory(ObjectModelRegistry::standard),
                new RetrySettings(Duration.ofSeconds(1), 10, Duration.ofSeconds(1), 0, Duration.ofSeconds(2), 0));
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
        Map<Integer, InetSocketAddress> internal = new HashMap<>();
        for (int id = 1; id <= NODES; id++) {
            internal.put(id, new InetSocketAddress(InetAddress.getLoopbackAddress(), freeUdpPort()));
        }
        List<DtlsLoadBalancer.Node> published = new ArrayList<>();
        for (int id = 1; id <= NODES; id++) {
            EmbeddedBootstrapServer node = new EmbeddedBootstrapServer(
                    gateway.dtls(),
                    configs,
                    codecs(),
                    new EmbeddedBootstrapServer.Options(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            new RpkCredentials(serverKeys),
                            List.of(),
                            Set.of(),
                            new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                            Duration.ofSeconds(10),
                            Optional.of(
                                    new DtlsClusterNode(id, internal.get(id), internal, Optional.of(CLUSTER_SECRET)))));
            List<BootstrapSessionEvent.Ended> ended = new CopyOnWriteArrayList<>();
            endedByNode.put(id, ended);
            node.addSessionListener(event -> {
                if (event instanceof BootstrapSessionEvent.Ended end) {
                    ended.add(end);
                }
            });
            node.start();
            nodes.add(node);
            published.add(new DtlsLoadBalancer.Node(id, node.localAddress()));
        }
        balancer = new DtlsLoadBalancer(published);
    }

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.close();
        }
        nodes.forEach(EmbeddedBootstrapServer::close);
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void devicesBootstrapThroughThreeNodesWhoseRecordsArriveAtTheWrongNodeAndAreForwarded() throws Exception {
        List<String> endpoints = provision("spread", 24);

        List<BootstrapOutcome> outcomes = bootstrapAll(endpoints);

        assertThat(outcomes)
                .allSatisfy(outcome ->
                        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue());
        for (String endpoint : endpoints) {
            assertThat(gateway.store().snapshot(endpoint).value(LwM2mPath.of(1, 0, 0)))
                    .as("the account provisioned to %s", endpoint)
                    .contains(ResourceValue.ofInteger(101));
        }
        // Every session ended on exactly one node, successfully; handshakes were spread by client address.
        List<BootstrapSessionEvent.Ended> ended =
                endedByNode.values().stream().flatMap(List::stream).toList();
        assertThat(ended).hasSize(endpoints.size());
        assertThat(ended).allSatisfy(end -> assertThat(end.outcome()).isEqualTo(SessionOutcome.SUCCEEDED));
        assertThat(endedByNode.values().stream().filter(list -> !list.isEmpty()))
                .as("nodes that served sessions")
                .hasSizeGreaterThan(1);
        // Per datagram spreading over three nodes sends about two records in three to a node without the session.
        assertThat(balancer.cidRecords()).isGreaterThan(0);
        assertThat(balancer.cidRecordsToOtherNodes()).isGreaterThan(balancer.cidRecords() / 4);
        System.out.printf(
                "BootstrapServerClusterTest: %d devices over %d nodes, sessions per node %s, %d of %d Connection ID"
                        + " records delivered to another node and forwarded%n",
                endpoints.size(),
                NODES,
                endedByNode.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue().size())
                        .toList(),
                balancer.cidRecordsToOtherNodes(),
                balancer.cidRecords());
    }

    @Test
    void aNodeKilledDuringAStormLosesItsSessionsAndEveryDeviceStillEndsBootstrapped() throws Exception {
        List<String> endpoints = provision("storm", 30);

        List<CompletableFuture<BootstrapOutcome>> runs = new ArrayList<>();
        for (String endpoint : endpoints) {
            runs.add(gateway.bootstrap(deviceConfig(endpoint)).toCompletableFuture());
        }
        // Kill node 2 once it has sessions under way or done, while the others still bootstrap.
        await().atMost(WAIT)
                .until(() -> !endedByNode.get(2).isEmpty()
                        || gateway.engine().devices().stream()
                                .anyMatch(endpoint -> state(endpoint) == BootstrapState.BOOTSTRAPPED));
        balancer.remove(2);
        nodes.get(1).close();
        long servedByNodeTwo = endedByNode.get(2).size();

        // The engine's retry (1 s here) brings every device whose session died with node 2 to node 1 or 3.
        await().atMost(WAIT)
                .until(() -> endpoints.stream().allMatch(endpoint -> state(endpoint) == BootstrapState.BOOTSTRAPPED));
        for (String endpoint : endpoints) {
            assertThat(gateway.store().snapshot(endpoint).value(LwM2mPath.of(1, 0, 0)))
                    .as("the account provisioned to %s", endpoint)
                    .contains(ResourceValue.ofInteger(101));
        }
        long failedRuns = runs.stream()
                .map(CompletableFuture::join)
                .filter(outcome -> !outcome.isSuccess())
                .count();
        System.out.printf(
                "BootstrapServerClusterTest: node 2 killed after %d sessions; %d of %d first runs failed and were"
                        + " retried by the engine; all %d devices bootstrapped%n",
                servedByNodeTwo, failedRuns, endpoints.size(), endpoints.size());
    }

    private BootstrapState state(String endpoint) {
        return gateway.engine().state(endpoint).map(status -> status.state()).orElse(null);
    }

    private List<BootstrapOutcome> bootstrapAll(List<String> endpoints) throws Exception {
        List<CompletableFuture<BootstrapOutcome>> runs = new ArrayList<>();
        for (String endpoint : endpoints) {
            runs.add(gateway.bootstrap(deviceConfig(endpoint)).toCompletableFuture());
        }
        List<BootstrapOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<BootstrapOutcome> run : runs) {
            outcomes.add(run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static DeviceBootstrapConfig deviceConfig(String endpoint) {
        return new DeviceBootstrapConfig(
                endpoint,
                List.of(BootstrapModeName.CLIENT_INITIATED),
                Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                Optional.empty());
    }

    /** Bootstrap configs in the shared store and each device's bootstrap account towards the balancer. */
    private List<String> provision(String prefix, int count) {
        URI uri = URI.create("coaps://127.0.0.1:" + balancer.address().getPort());
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String endpoint = "urn:dev:cluster:" + prefix + ":" + i;
            KeyPair device = TestPki.newKeyPair();
            configs.put(BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(device.getPublic()))
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
            Devices.provision(
                    gateway.store(),
                    endpoint,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.rpkBootstrapAccount(0, uri, device, serverKeys.getPublic()),
                            Devices.device("SN-" + i)));
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
