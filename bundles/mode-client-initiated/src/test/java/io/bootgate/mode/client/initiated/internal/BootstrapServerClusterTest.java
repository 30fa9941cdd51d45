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
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.mode.testkit.BootstrapServerCluster;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.DtlsLoadBalancer;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.store.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    private TestGateway gateway;
    private BootstrapServerCluster cluster;

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
        cluster = new BootstrapServerCluster(gateway.dtls(), NODES);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void devicesBootstrapThroughThreeNodesWhoseRecordsArriveAtTheWrongNodeAndAreForwarded() throws Exception {
        List<String> endpoints = cluster.provision(gateway.store(), "spread", 24);

        List<BootstrapOutcome> outcomes = bootstrapAll(endpoints);

        assertThat(outcomes)
                .allSatisfy(outcome ->
                        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue());
        assertProvisioned(endpoints);
        // Every session ended on exactly one node, successfully; handshakes were spread by client address.
        Map<Integer, List<BootstrapSessionEvent.Ended>> endedByNode = cluster.endedByNode();
        List<BootstrapSessionEvent.Ended> ended =
                endedByNode.values().stream().flatMap(List::stream).toList();
        assertThat(ended).hasSize(endpoints.size());
        assertThat(ended).allSatisfy(end -> assertThat(end.outcome()).isEqualTo(SessionOutcome.SUCCEEDED));
        assertThat(endedByNode.values().stream().filter(list -> !list.isEmpty()))
                .as("nodes that served sessions")
                .hasSizeGreaterThan(1);
        // Per datagram spreading over three nodes sends about two records in three to a node without the session.
        DtlsLoadBalancer balancer = cluster.balancer();
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
        List<String> endpoints = cluster.provision(gateway.store(), "storm", 30);

        List<CompletableFuture<BootstrapOutcome>> runs = new ArrayList<>();
        for (String endpoint : endpoints) {
            runs.add(gateway.bootstrap(deviceConfig(endpoint)).toCompletableFuture());
        }
        // Kill node 2 once sessions are under way or done, while the others still bootstrap.
        await().atMost(WAIT)
                .until(() -> !cluster.endedByNode().get(2).isEmpty()
                        || endpoints.stream().anyMatch(endpoint -> state(endpoint) == BootstrapState.BOOTSTRAPPED));
        cluster.kill(2);
        long servedByNodeTwo = cluster.endedByNode().get(2).size();

        // The engine's retry (1 s here) brings every device whose session died with node 2 to node 1 or 3.
        await().atMost(WAIT)
                .until(() -> endpoints.stream().allMatch(endpoint -> state(endpoint) == BootstrapState.BOOTSTRAPPED));
        assertProvisioned(endpoints);
        long failedRuns = runs.stream()
                .map(CompletableFuture::join)
                .filter(outcome -> !outcome.isSuccess())
                .count();
        System.out.printf(
                "BootstrapServerClusterTest: node 2 killed after %d sessions; %d of %d first runs failed and were"
                        + " retried by the engine; all %d devices bootstrapped%n",
                servedByNodeTwo, failedRuns, endpoints.size(), endpoints.size());
    }

    private void assertProvisioned(List<String> endpoints) {
        for (String endpoint : endpoints) {
            assertThat(gateway.store().snapshot(endpoint).value(LwM2mPath.of(1, 0, 0)))
                    .as("the account provisioned to %s", endpoint)
                    .contains(ResourceValue.ofInteger(101));
        }
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

    static DeviceBootstrapConfig deviceConfig(String endpoint) {
        return new DeviceBootstrapConfig(
                endpoint,
                List.of(BootstrapModeName.CLIENT_INITIATED),
                Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                Optional.empty());
    }
}
