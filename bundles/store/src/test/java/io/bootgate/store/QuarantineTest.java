/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.EndpointQuarantinedException;
import io.bootgate.api.store.QuarantinedEndpoint;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One damaged device entry quarantines that device only: the store opens, every other endpoint works, the raw
 * bytes are kept, and deleting and re-creating the endpoint recovers it.
 */
class QuarantineTest {

    private static final int ENDPOINTS = 6;
    private static final String DAMAGED = "ep-2";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(StoreOptions.FILE_NAME);
    }

    private void populate() {
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            for (int i = 0; i < ENDPOINTS; i++) {
                store.createEndpoint("ep-" + i);
                try (StoreTransaction tx = store.begin("ep-" + i)) {
                    TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(i));
                    tx.commit();
                }
            }
        }
    }

    /**
     * Flips 64 bytes inside the public key of {@link #DAMAGED} wherever it is in the file (the append-only
     * file holds older copies of the page too; the newest is the one read).
     */
    private int flipBytesOfDamagedEntry() throws Exception {
        byte[] key = TypicalTrees.bootstrapped(2)
                .get(0)
                .instances()
                .get(0)
                .value(3)
                .orElseThrow()
                .opaqueValue();
        byte[] needle = java.util.Arrays.copyOfRange(key, 100, 164);
        byte[] content = Files.readAllBytes(file());
        List<Integer> hits = new ArrayList<>();
        for (int at = indexOf(content, needle, 0); at >= 0; at = indexOf(content, needle, at + 1)) {
            hits.add(at);
        }
        for (int at : hits) {
            for (int i = 0; i < 64; i++) {
                content[at + i] ^= (byte) 0xA5;
            }
        }
        Files.write(file(), content);
        return hits.size();
    }

    @Test
    void flippedBytesInOneEntryQuarantineThatEndpointOnly() throws Exception {
        populate();
        assertThat(flipBytesOfDamagedEntry())
                .as("copies of the entry in the file")
                .isPositive();

        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertThat(store.health().status()).isEqualTo(StoreHealth.Status.AVAILABLE);
            assertThat(store.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.endpoint()).isEqualTo(DAMAGED);
                assertThat(q.reason()).isNotBlank();
                assertThat(q.storedBytes()).isPositive();
            });
            assertThat(store.endpoints()).hasSize(ENDPOINTS).contains(DAMAGED);
            assertThat(store.exists(DAMAGED)).isTrue();
            for (int i = 0; i < ENDPOINTS; i++) {
                if (!("ep-" + i).equals(DAMAGED)) {
                    assertThat(store.snapshot("ep-" + i).objects()).isEqualTo(TypicalTrees.bootstrapped(i));
                }
            }
            assertThatThrownBy(() -> store.snapshot(DAMAGED))
                    .isInstanceOfSatisfying(EndpointQuarantinedException.class, e -> assertThat(e.endpoint())
                            .isEqualTo(DAMAGED))
                    .hasMessageContaining("'" + DAMAGED + "'")
                    .hasMessageContaining("quarantined");
            assertThatThrownBy(() -> store.read(DAMAGED, LwM2mPath.of(0)))
                    .isInstanceOf(EndpointQuarantinedException.class);
            assertThatThrownBy(() -> store.begin(DAMAGED)).isInstanceOf(EndpointQuarantinedException.class);
            assertThat(store.createEndpoint(DAMAGED))
                    .as("it exists: create does not replace it")
                    .isFalse();
            // Other endpoints keep working, writes included.
            try (StoreTransaction tx = store.begin("ep-3")) {
                TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(33));
                tx.commit();
            }
        }
        // Still quarantined at the next start, nothing was changed in its entry.
        byte[] kept;
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            QuarantinedEndpoint quarantined = store.quarantined().get(0);
            assertThat(quarantined.endpoint()).isEqualTo(DAMAGED);
            // Recovery: delete (raw bytes moved aside) and re-create; the engine bootstraps it afresh.
            assertThat(store.deleteEndpoint(DAMAGED)).isTrue();
            assertThat(store.quarantined()).isEmpty();
            assertThat(store.createEndpoint(DAMAGED)).isTrue();
            try (StoreTransaction tx = store.begin(DAMAGED)) {
                TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(22));
                tx.commit();
            }
            assertThat(store.snapshot(DAMAGED).objects()).isEqualTo(TypicalTrees.bootstrapped(22));
            kept = new byte[quarantined.storedBytes()];
        }
        // The raw bytes of the damaged entry are in the store's quarantine map, for recovery by hand.
        MVStore raw =
                new MVStore.Builder().fileName(file().toString()).readOnly().open();
        try {
            MVMap<String, byte[]> quarantine = raw.openMap(
                    "quarantine",
                    new MVMap.Builder<String, byte[]>()
                            .keyType(StringDataType.INSTANCE)
                            .valueType(ByteArrayDataType.INSTANCE));
            assertThat(quarantine).hasSize(1);
            Map.Entry<String, byte[]> entry = quarantine.entrySet().iterator().next();
            assertThat(entry.getKey()).startsWith(DAMAGED + "@");
            assertThat(entry.getValue()).hasSameSizeAs(kept);
        } finally {
            raw.close();
        }
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertThat(store.quarantined()).isEmpty();
            SortedMap<String, SortedMap<Integer, LwM2mObject>> trees = new TreeMap<>();
            for (String endpoint : store.endpoints()) {
                trees.put(endpoint, store.snapshot(endpoint).objects());
            }
            assertThat(trees)
                    .hasSize(ENDPOINTS)
                    .containsEntry("ep-3", TypicalTrees.bootstrapped(33))
                    .containsEntry(DAMAGED, TypicalTrees.bootstrapped(22));
        }
    }

    @Test
    void unreadableEntryFoundAtFirstReadIsQuarantinedWhenStartUpDoesNotVerify() throws Exception {
        populate();
        flipBytesOfDamagedEntry();
        try (MvObjectStore store = MvObjectStore.open(
                StoreOptions.persistent(dir, ObjectModelRegistry::standard).withVerifyOnOpen(false))) {
            assertThat(store.quarantined()).isEmpty();
            assertThatThrownBy(() -> store.snapshot(DAMAGED)).isInstanceOf(EndpointQuarantinedException.class);
            assertThat(store.quarantined())
                    .extracting(QuarantinedEndpoint::endpoint)
                    .containsExactly(DAMAGED);
            assertThat(store.snapshot("ep-0").objects()).isEqualTo(TypicalTrees.bootstrapped(0));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
