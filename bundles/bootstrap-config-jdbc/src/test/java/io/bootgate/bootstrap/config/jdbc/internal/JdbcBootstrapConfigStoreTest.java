/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SingleResource;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import io.bootgate.bootstrap.server.internal.config.JsonConfigCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stores ("nodes") on a real PostgreSQL started for this class. */
class JdbcBootstrapConfigStoreTest {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    /** Generous for a loaded 2-core machine; the figure that matters (propagation latency) is printed. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final JdbcBootstrapConfigStore.Settings FAST = new JdbcBootstrapConfigStore.Settings(
            Duration.ofMillis(200),
            Duration.ofSeconds(1),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofSeconds(5));

    @TempDir
    Path dir;

    final JsonConfigCodec codec = new JsonConfigCodec(ObjectModelRegistry::standard, new DefaultKeyCodec());
    final List<JdbcBootstrapConfigStore> stores = new ArrayList<>();
    String database;

    @BeforeEach
    void createDatabase() throws Exception {
        database = POSTGRES.createDatabase();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(JdbcBootstrapConfigStore::close);
    }

    JdbcBootstrapConfigStore node(DataSource dataSource) {
        JdbcBootstrapConfigStore store = new JdbcBootstrapConfigStore(dataSource, codec, FAST);
        stores.add(store);
        store.start();
        return store;
    }

    JdbcBootstrapConfigStore node() {
        return node(POSTGRES.dataSource(database));
    }

    static BootstrapConfig config(String endpoint, long lifetime) {
        return BootstrapConfig.builder(endpoint, DeviceIdentity.x509())
                .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, lifetime)))
                .build();
    }

    static String json(long lifetime) {
        return "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": " + lifetime
                + " } ] }";
    }

    static long lifetime(JdbcBootstrapConfigStore store, String endpoint) {
        return store.get(endpoint)
                .map(config ->
                        ((SingleResource) config.writes().get(0).node()).value().longValue())
                .orElse(-1L);
    }

    /** A change made by someone else than a node: plain SQL, as an operator's script would. */
    void sql(String statement, String... parameters) throws Exception {
        try (Connection connection = POSTGRES.connect(database);
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setString(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }

    /** Records what a store announces. */
    static final class Recorder implements BootstrapConfigListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<String, BootstrapConfigException> rejections = new ConcurrentHashMap<>();

        @Override
        public void configUpdated(BootstrapConfig config) {
            events.add("updated " + config.endpoint());
        }

        @Override
        public void configRemoved(String endpoint) {
            events.add("removed " + endpoint);
        }

        @Override
        public void configRejected(String endpoint, BootstrapConfigException error) {
            events.add("rejected " + endpoint);
            rejections.put(endpoint, error);
        }
    }

    @Test
    void configsRoundTripThroughTheDatabase() throws Exception {
        JdbcBootstrapConfigStore writer = node();
        BootstrapConfig dev1 = config("dev1", 60);
        BootstrapConfig colon = config("urn:dev:1", 70);
        writer.put(dev1);
        writer.put(colon);
        writer.put(config("dev3", 80));
        assertThat(writer.remove("dev3")).isTrue();
        assertThat(writer.remove("dev3")).isFalse();

        JdbcBootstrapConfigStore reader = node();

        assertThat(reader.getAll()).isEqualTo(Map.of("dev1", dev1, "urn:dev:1", colon));
        assertThat(reader.get("dev1")).contains(dev1);
        assertThat(reader.get("dev3")).isEmpty();
        assertThat(writer.getAll()).isEqualTo(reader.getAll());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": \"sixty\" } ] }",
                "{ \"identity\": { \"x509\": true }, \"lifetime\": 60 }",
                "{ \"identity\": { \"x509\": true }, \"servers\": [ { \"shortServerId\": \"abc\" } ] }",
                "{ \"endpoint\": \"other\", \"identity\": { \"x509\": true } }",
                "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/99\", \"value\": 1 } ] }",
                "[ 1, 2 ]"
            })
    void aBadConfigIsRefusedWithTheFileStoresMessageAndThePreviousOneStays(String bad) throws Exception {
        Files.writeString(dir.resolve("dev1.json"), bad);
        FileBootstrapConfigStore files =
                new FileBootstrapConfigStore(dir, ObjectModelRegistry.standard(), new DefaultKeyCodec(), TIMEOUT);
        String fileStoreMessage;
        try {
            files.validate(dir.resolve("dev1.json"));
            throw new AssertionError("the file store accepted " + bad);
        } catch (BootstrapConfigException e) {
            fileStoreMessage = e.getMessage();
        }
        JdbcBootstrapConfigStore node = node();
        Recorder recorder = new Recorder();
        node.addListener(recorder);
        node.put(config("dev1", 60));

        sql("UPDATE bootgate_bootstrap_config SET config = ?::jsonb WHERE endpoint = 'dev1'", bad);

        await().atMost(TIMEOUT).until(() -> recorder.rejections.containsKey("dev1"));
        System.out.println("file store: " + fileStoreMessage + "\nPostgreSQL: "
                + recorder.rejections.get("dev1").getMessage());
        assertThat(recorder.rejections.get("dev1").getMessage()).isEqualTo(fileStoreMessage);
        assertThat(lifetime(node, "dev1")).isEqualTo(60);
        // A node starting now refuses it too, with the same message, and serves no config for it.
        JdbcBootstrapConfigStore later = node();
        assertThat(later.get("dev1")).isEmpty();

        sql("UPDATE bootgate_bootstrap_config SET config = ?::jsonb WHERE endpoint = 'dev1'", json(90));
        await().atMost(TIMEOUT).until(() -> lifetime(node, "dev1") == 90 && lifetime(later, "dev1") == 90);
    }

    @Test
    void aChangeOnOneNodeReachesTheOtherWithinASecond() throws Exception {
        JdbcBootstrapConfigStore one = node();
        JdbcBootstrapConfigStore two = node();
        Map<Long, Long> seenAt = new ConcurrentHashMap<>();
        two.addListener(new BootstrapConfigListener() {
            @Override
            public void configUpdated(BootstrapConfig config) {
                seenAt.putIfAbsent(
                        ((SingleResource) config.writes().get(0).node()).value().longValue(), System.nanoTime());
            }

            @Override
            public void configRemoved(String endpoint) {}
        });
        List<Double> latencies = new ArrayList<>();
        for (long lifetime = 100; lifetime < 120; lifetime++) {
            long before = System.nanoTime();
            one.put(config("dev1", lifetime));
            long expected = lifetime;
            // The store takes the change before it tells its listeners: wait for the listener, not the store.
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> seenAt.containsKey(expected));
            await().atMost(TIMEOUT).until(() -> lifetime(two, "dev1") == expected);
            latencies.add((seenAt.get(expected) - before) / 1e6);
        }
        one.remove("dev1");
        await().atMost(TIMEOUT).until(() -> two.get("dev1").isEmpty());
        Collections.sort(latencies);
        System.out.printf(
                "Propagation node one -> node two (put to listener on the other node), %d changes: min %.1f ms, "
                        + "median %.1f ms, max %.1f ms%n",
                latencies.size(),
                latencies.get(0),
                latencies.get(latencies.size() / 2),
                latencies.get(latencies.size() - 1));

        // Without opening a connection per write: an update on an open connection, from the call to the listener.
        List<Double> notified = new ArrayList<>();
        try (Connection connection = POSTGRES.connect(database);
                PreparedStatement upsert = connection.prepareStatement(
                        "INSERT INTO bootgate_bootstrap_config (endpoint, config) VALUES ('dev1', ?::jsonb) "
                                + "ON CONFLICT (endpoint) DO UPDATE SET config = EXCLUDED.config")) {
            for (long lifetime = 200; lifetime < 220; lifetime++) {
                upsert.setString(1, json(lifetime));
                long before = System.nanoTime();
                upsert.executeUpdate();
                long expected = lifetime;
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> seenAt.containsKey(expected));
                notified.add((seenAt.get(expected) - before) / 1e6);
            }
        }
        Collections.sort(notified);
        System.out.printf(
                "Propagation SQL update on an open connection -> listener on node two, %d changes: min %.1f ms, "
                        + "median %.1f ms, max %.1f ms%n",
                notified.size(), notified.get(0), notified.get(notified.size() / 2), notified.get(notified.size() - 1));

        // A change by neither node (plain SQL) reaches both.
        sql("INSERT INTO bootgate_bootstrap_config (endpoint, config) VALUES ('dev2', ?::jsonb)", json(42));
        await().atMost(TIMEOUT).until(() -> lifetime(one, "dev2") == 42 && lifetime(two, "dev2") == 42);
        sql("TRUNCATE bootgate_bootstrap_config");
        await().atMost(TIMEOUT)
                .until(() -> one.getAll().isEmpty() && two.getAll().isEmpty());
    }

    @Test
    void aNodeOnTheDbcp2PoolOfTheFeatureListensThroughItsPooledConnections() throws Exception {
        BasicDataSource pool = new BasicDataSource();
        pool.setUrl(POSTGRES.url(database));
        pool.setUsername(POSTGRES.user());
        pool.setMaxTotal(4);
        try {
            JdbcBootstrapConfigStore pooled = node(pool);
            JdbcBootstrapConfigStore other = node();
            assertThat(pooled.connected()).isTrue();

            other.put(config("dev1", 60));
            await().atMost(TIMEOUT).until(() -> lifetime(pooled, "dev1") == 60);
            pooled.put(config("dev1", 61));
            await().atMost(TIMEOUT).until(() -> lifetime(other, "dev1") == 61);
        } finally {
            stores.forEach(JdbcBootstrapConfigStore::close);
            stores.clear();
            pool.close();
        }
    }

    @Test
    void anOutageKeepsTheLastConfigsAndTheNodeCatchesUpWhenTheDatabaseIsBack() throws Exception {
        GatedDataSource gate = new GatedDataSource(POSTGRES.dataSource(database));
        JdbcBootstrapConfigStore node = node(gate);
        Recorder recorder = new Recorder();
        node.addListener(recorder);
        node.put(config("dev1", 60));
        node.put(config("dev2", 61));
        assertThat(node.connected()).isTrue();

        try (LogCapture log = new LogCapture()) {
            gate.open(false);
            POSTGRES.stop();
            try {
                await().atMost(TIMEOUT).until(() -> !node.connected());
                int attemptsAtLoss = gate.attempts();
                // Several reconnects fail...
                await().atMost(TIMEOUT).until(() -> gate.attempts() >= attemptsAtLoss + 3);
                // ...the configs loaded last are still served, and one ERROR names the cause.
                assertThat(node.getAll()).containsOnlyKeys("dev1", "dev2");
                assertThat(lifetime(node, "dev1")).isEqualTo(60);
                List<String> errors = log.lines("ERROR");
                assertThat(errors).hasSize(1);
                assertThat(errors.get(0))
                        .contains("lost the PostgreSQL connection")
                        .contains("serving the 2 config(s) loaded last")
                        .contains("[SQL state ");
                // A write cannot be stored: it fails and changes nothing here.
                assertThatThrownBy(() -> node.put(config("dev1", 99)))
                        .isInstanceOf(BootstrapConfigException.class)
                        .hasMessageContaining("cannot store the config of dev1 in PostgreSQL");
                assertThat(lifetime(node, "dev1")).isEqualTo(60);
            } finally {
                POSTGRES.start();
            }
            // Changed by another connection while this node is still cut off: no notification can reach it.
            sql("UPDATE bootgate_bootstrap_config SET config = ?::jsonb WHERE endpoint = 'dev1'", json(70));
            sql("DELETE FROM bootgate_bootstrap_config WHERE endpoint = 'dev2'");
            sql("INSERT INTO bootgate_bootstrap_config (endpoint, config) VALUES ('dev3', ?::jsonb)", json(72));
            gate.open(true);

            await().atMost(TIMEOUT).until(node::connected);
            await().atMost(TIMEOUT).until(() -> lifetime(node, "dev1") == 70);
            assertThat(node.getAll()).containsOnlyKeys("dev1", "dev3");
            assertThat(recorder.events).contains("removed dev2", "updated dev3");
            assertThat(log.lines("PostgreSQL reachable again")).hasSize(1);
            assertThat(log.lines("ERROR")).hasSize(1);
        }
        // And it follows notifications again.
        sql("UPDATE bootgate_bootstrap_config SET config = ?::jsonb WHERE endpoint = 'dev3'", json(73));
        await().atMost(TIMEOUT).until(() -> lifetime(node, "dev3") == 73);
    }

    @Test
    void aNodeStartingWhileTheDatabaseIsUnreachableLoadsOnceItIs() throws Exception {
        node().put(config("dev1", 60));
        GatedDataSource gate = new GatedDataSource(POSTGRES.dataSource(database));
        gate.open(false);
        JdbcBootstrapConfigStore late = node(gate);
        assertThat(late.getAll()).isEmpty();
        assertThat(late.connected()).isFalse();

        gate.open(true);

        await().atMost(TIMEOUT).until(() -> lifetime(late, "dev1") == 60);
    }
}
