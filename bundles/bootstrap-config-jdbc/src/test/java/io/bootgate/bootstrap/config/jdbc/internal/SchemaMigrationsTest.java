/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaMigrationsTest {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @Test
    void twoNodesStartingTogetherApplyEachScriptOnce() throws Exception {
        String database = POSTGRES.createDatabase();
        int starters = 4;
        CyclicBarrier together = new CyclicBarrier(starters);
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                results.add(pool.submit(() -> {
                    try (Connection connection = POSTGRES.connect(database)) {
                        together.await(30, TimeUnit.SECONDS);
                        return SchemaMigrations.apply(connection);
                    }
                }));
            }
            List<List<Integer>> applied = new ArrayList<>();
            for (Future<List<Integer>> result : results) {
                applied.add(result.get(60, TimeUnit.SECONDS));
            }

            // Exactly one starter applied V1; the others waited for the lock and found it applied.
            assertThat(applied).containsOnlyOnce(List.of(1));
            assertThat(applied.stream().filter(List::isEmpty)).hasSize(starters - 1);
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = POSTGRES.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, script FROM bootgate_schema_version")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getString(2)).isEqualTo("V1__bootstrap_config.sql");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void anUpToDateSchemaIsLeftAsItIs() throws Exception {
        String database = POSTGRES.createDatabase();
        try (Connection connection = POSTGRES.connect(database)) {
            assertThat(SchemaMigrations.apply(connection)).containsExactly(1);
            assertThat(SchemaMigrations.apply(connection)).isEmpty();
            assertThat(connection.getAutoCommit()).isTrue();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'bootgate_bootstrap_config'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void theScriptsAreNumberedInOrderFromOne() {
        List<SchemaMigrations.Script> scripts = SchemaMigrations.scripts();
        for (int i = 0; i < scripts.size(); i++) {
            assertThat(scripts.get(i).version()).isEqualTo(i + 1);
            assertThat(scripts.get(i).name()).startsWith("V" + (i + 1) + "__");
        }
        assertThat(SchemaMigrations.latestVersion()).isEqualTo(scripts.size());
    }
}
