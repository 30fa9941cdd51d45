/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store file, append-only, is rewritten into a fresh file once it is mostly dead space. */
class StoreMaintenanceTest {

    @TempDir
    Path dir;

    @Test
    void sparseFileIsRewrittenKeepingEveryEntryAndTheCommitNumber() throws Exception {
        Path file = dir.resolve(StoreOptions.FILE_NAME);
        StoreOptions options = StoreOptions.persistent(dir, ObjectModelRegistry::standard)
                .withSyncOnCommit(false)
                .withMaintenance(Duration.ofMillis(50), 100_000)
                .withCompactionThreshold(256 * 1024);
        Map<String, SortedMap<Integer, LwM2mObject>> expected = new HashMap<>();
        long peak = 0;
        try (MvObjectStore store = MvObjectStore.open(options)) {
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 10; i++) {
                    String endpoint = "ep-" + i;
                    store.createEndpoint(endpoint);
                    try (StoreTransaction tx = store.begin(endpoint)) {
                        SortedMap<Integer, LwM2mObject> tree = TypicalTrees.bootstrapped(round * 10L + i);
                        TypicalTrees.writeAll(tx, tree);
                        tx.commit();
                        expected.put(endpoint, tree);
                    }
                }
                peak = Math.max(peak, Files.size(file));
            }
            assertThat(peak).as("append-only file grew past the threshold").isGreaterThan(256 * 1024);
            // Idle now: maintenance finds the file mostly dead and rewrites it.
            long grown = peak;
            // Compactions also run between the batches above: the file may already be small while one more
            // rewrite is still writing its copy, so wait for both a small file and no copy in progress.
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> {
                        assertThat(Files.size(file))
                                .as("file size after compaction, peak " + grown)
                                .isLessThan(grown / 2);
                        assertThat(dir.resolve(StoreOptions.FILE_NAME + ".compact"))
                                .doesNotExist();
                    });
            for (Map.Entry<String, SortedMap<Integer, LwM2mObject>> entry : expected.entrySet()) {
                assertThat(store.snapshot(entry.getKey()).objects()).isEqualTo(entry.getValue());
            }
            // The store keeps working on the new file.
            try (StoreTransaction tx = store.begin("ep-0")) {
                TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(9_999));
                tx.commit();
                expected.put("ep-0", TypicalTrees.bootstrapped(9_999));
            }
        }
        // Reopening checks the commit number against the witness: the rewrite kept it.
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            for (Map.Entry<String, SortedMap<Integer, LwM2mObject>> entry : expected.entrySet()) {
                assertThat(store.snapshot(entry.getKey()).objects()).isEqualTo(entry.getValue());
            }
            assertThat(store.snapshot("ep-0").revision()).isEqualTo(41);
        }
    }

    @Test
    void leftoverOfAnInterruptedRewriteIsIgnoredAndRemoved() throws Exception {
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            store.createEndpoint("ep");
        }
        Path leftover = dir.resolve(StoreOptions.FILE_NAME + ".compact");
        Files.write(leftover, new byte[] {1, 2, 3});
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertThat(store.endpoints()).containsExactly("ep");
        }
        assertThat(leftover).doesNotExist();
    }
}
