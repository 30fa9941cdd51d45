/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An online backup is a consistent, owner-only store file that restores by the README's procedure. */
class BackupTest {

    private static final int ENDPOINTS = 20;

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void backupWrittenWhileCommitsRunRestoresEveryEndpoint() throws Exception {
        Path store = dir.resolve("store");
        Path backup = elsewhere.resolve("objects-backup.mv.db");
        // Every tree each endpoint ever committed: a restored endpoint must hold one of them, whole.
        Map<String, Set<SortedMap<Integer, LwM2mObject>>> committed = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger commitsDuringBackup = new AtomicInteger();
        try (MvObjectStore live = MvObjectStore.open(StoreOptions.persistent(store, ObjectModelRegistry::standard))) {
            for (int i = 0; i < ENDPOINTS; i++) {
                String endpoint = "ep-" + i;
                live.createEndpoint(endpoint);
                committed.put(endpoint, new CopyOnWriteArraySet<>());
                commit(live, endpoint, i, committed);
            }
            Thread writer = new Thread(() -> {
                for (long round = 1; running.get(); round++) {
                    String endpoint = "ep-" + round % ENDPOINTS;
                    commit(live, endpoint, round * 100, committed);
                    commitsDuringBackup.incrementAndGet();
                }
            });
            writer.start();
            try {
                while (commitsDuringBackup.get() < 20) {
                    Thread.onSpinWait();
                }
                assertThat(live.backup(backup)).isEqualTo(ENDPOINTS);
            } finally {
                running.set(false);
                writer.join();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                    .isEqualTo("rw-------");
            assertThat(elsewhere.resolve("objects-backup.mv.db.partial")).doesNotExist();
            assertThatThrownBy(() -> live.backup(backup))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("exists");
        }

        // Restore (README): stop the store, put the backup in place as the store file, remove the witness.
        Path restored = dir.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(backup, restored.resolve(StoreOptions.FILE_NAME), StandardCopyOption.COPY_ATTRIBUTES);
        try (MvObjectStore store2 =
                MvObjectStore.open(StoreOptions.persistent(restored, ObjectModelRegistry::standard))) {
            assertThat(store2.endpoints()).hasSize(ENDPOINTS);
            assertThat(store2.quarantined()).isEmpty();
            for (String endpoint : store2.endpoints()) {
                assertThat(committed.get(endpoint))
                        .as(endpoint)
                        .contains(store2.snapshot(endpoint).objects());
            }
            // The restored store works.
            commit(store2, "ep-0", 9_999, committed);
            assertThat(store2.snapshot("ep-0").objects()).isEqualTo(TypicalTrees.bootstrapped(9_999));
        }
    }

    @Test
    void backupOfAnEncryptedStoreIsEncryptedWithTheSameKey() throws Exception {
        char[] key = "k3y-0f-at-least-16-chars-Zq9".toCharArray();
        Path backup = elsewhere.resolve("encrypted.mv.db");
        try (MvObjectStore live = MvObjectStore.open(
                StoreOptions.persistent(dir, ObjectModelRegistry::standard).withEncryptionKey(key))) {
            live.createEndpoint("ep");
            commit(live, "ep", 5, new ConcurrentHashMap<>(Map.of("ep", new CopyOnWriteArraySet<>())));
            live.backup(backup);
        }
        Path restored = elsewhere.resolve("restored");
        Files.createDirectories(restored);
        Files.copy(backup, restored.resolve(StoreOptions.FILE_NAME));
        assertThatThrownBy(() -> MvObjectStore.open(StoreOptions.persistent(restored, ObjectModelRegistry::standard)))
                .isInstanceOf(StoreException.class);
        try (MvObjectStore store = MvObjectStore.open(
                StoreOptions.persistent(restored, ObjectModelRegistry::standard).withEncryptionKey(key))) {
            assertThat(store.snapshot("ep").objects()).isEqualTo(TypicalTrees.bootstrapped(5));
        }
    }

    private static void commit(
            MvObjectStore store,
            String endpoint,
            long seed,
            Map<String, Set<SortedMap<Integer, LwM2mObject>>> committed) {
        try (StoreTransaction tx = store.begin(endpoint)) {
            TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(seed));
            tx.commit();
        }
        committed.get(endpoint).add(TypicalTrees.bootstrapped(seed));
    }
}
