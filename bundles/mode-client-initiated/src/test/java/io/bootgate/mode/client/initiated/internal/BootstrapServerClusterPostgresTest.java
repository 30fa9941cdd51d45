/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.bootstrap.config.jdbc.internal.JdbcBootstrapConfigStore;
import io.bootgate.bootstrap.config.jdbc.internal.PostgresCluster;
import io.bootgate.bootstrap.server.internal.config.JsonConfigCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.mode.testkit.BootstrapServerCluster;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.store.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployment of issue 14 in one test: three bootstrap-server nodes behind one load balancer, each reading its
 * configs from its own PostgreSQL store on one real database (a throwaway PostgreSQL 15 cluster). A config written
 * through one node is served by every node, and a change made through another node reaches them all.
 */
class BootstrapServerClusterPostgresTest {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int NODES = 3;

    private final Map<Integer, JdbcBootstrapConfigStore> stores = new HashMap<>();
    private TestGateway gateway;
    private BootstrapServerCluster cluster;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(
                TestAccessControl::create,
                Duration.ofSeconds(30),
                Configurations.defaults(DtlsFactoryConfiguration.class),
                StoreOptions.inMemory(ObjectModelRegistry::standard),
                new RetrySettings(Duration.ofSeconds(1), 10, Duration.ofSeconds(1), 0, Duration.ofSeconds(2), 0));
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
        String database = POSTGRES.createDatabase();
        JsonConfigCodec codec = new JsonConfigCodec(ObjectModelRegistry::standard, new DefaultKeyCodec());
        for (int id = 1; id <= NODES; id++) {
            JdbcBootstrapConfigStore store = new JdbcBootstrapConfigStore(
                    POSTGRES.dataSource(database), codec, JdbcBootstrapConfigStore.Settings.defaults());
            store.start();
            stores.put(id, store);
        }
        cluster = new BootstrapServerCluster(gateway.dtls(), NODES, stores::get);
        // As the OSGi bootstrap server does through the whiteboard: each node follows its store's changes.
        for (int id = 1; id <= NODES; id++) {
            stores.get(id).addListener(cluster.node(id));
        }
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        stores.values().forEach(JdbcBootstrapConfigStore::close);
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void configsWrittenThroughOneNodeAreServedByAllAndAChangeThroughAnotherReachesEveryNode() throws Exception {
        List<String> endpoints = cluster.provision(gateway.store(), "pg", 18);
        await().atMost(WAIT).until(() -> stores.values().stream()
                .allMatch(store -> store.getAll().keySet().containsAll(endpoints)));

        assertThat(bootstrapAll(endpoints))
                .allSatisfy(outcome ->
                        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue());
        assertLifetime(endpoints, 120);
        Map<Integer, Integer> firstRound = sessionsPerNode();

        // Node 3 changes every device's lifetime; all nodes' stores hear of it through LISTEN/NOTIFY.
        for (String endpoint : endpoints) {
            BootstrapConfig current = stores.get(3).get(endpoint).orElseThrow();
            stores.get(3)
                    .put(current.toBuilder()
                            .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 240)))
                            .build());
        }
        await().atMost(WAIT).until(() -> stores.values().stream()
                .allMatch(store -> endpoints.stream().allMatch(endpoint -> store.get(endpoint)
                        .map(config -> !config.writes().isEmpty())
                        .orElse(false))));

        List<CompletableFuture<BootstrapOutcome>> again = new ArrayList<>();
        for (String endpoint : endpoints) {
            again.add(gateway.engine().requestBootstrap(endpoint).toCompletableFuture());
        }
        for (CompletableFuture<BootstrapOutcome> run : again) {
            BootstrapOutcome outcome = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        }
        assertLifetime(endpoints, 240);
        Map<Integer, Integer> total = sessionsPerNode();
        Map<Integer, Integer> secondRound = new HashMap<>();
        total.forEach((node, count) -> secondRound.put(node, count - firstRound.getOrDefault(node, 0)));
        // The re-bootstraps' handshakes were spread by client address: the changed config came from several nodes.
        assertThat(secondRound.values().stream().filter(count -> count > 0))
                .as("nodes that served the changed config: %s", secondRound)
                .hasSizeGreaterThan(1);
        assertThat(cluster.endedByNode().values().stream().flatMap(List::stream))
                .allSatisfy(end -> assertThat(end.outcome()).isEqualTo(SessionOutcome.SUCCEEDED));
        System.out.printf(
                "BootstrapServerClusterPostgresTest: %d devices, sessions per node %s with the first config and %s"
                        + " with the config changed through node 3%n",
                endpoints.size(), firstRound, secondRound);
    }

    private Map<Integer, Integer> sessionsPerNode() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Map.Entry<Integer, List<BootstrapSessionEvent.Ended>> node :
                cluster.endedByNode().entrySet()) {
            counts.put(node.getKey(), node.getValue().size());
        }
        return counts;
    }

    private void assertLifetime(List<String> endpoints, long lifetime) {
        for (String endpoint : endpoints) {
            assertThat(gateway.store().snapshot(endpoint).value(LwM2mPath.of(1, 0, 1)))
                    .as("the lifetime provisioned to %s", endpoint)
                    .isEqualTo(Optional.of(ResourceValue.ofInteger(lifetime)));
        }
    }

    private List<BootstrapOutcome> bootstrapAll(List<String> endpoints) throws Exception {
        List<CompletableFuture<BootstrapOutcome>> runs = new ArrayList<>();
        for (String endpoint : endpoints) {
            runs.add(gateway.bootstrap(BootstrapServerClusterTest.deviceConfig(endpoint))
                    .toCompletableFuture());
        }
        List<BootstrapOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<BootstrapOutcome> run : runs) {
            outcomes.add(run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return outcomes;
    }
}
