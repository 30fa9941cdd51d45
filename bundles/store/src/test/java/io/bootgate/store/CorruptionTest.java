/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.EndpointQuarantinedException;
import io.bootgate.api.store.StoreCorruptedException;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.SortedMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store file that cannot be used is reported with {@link StoreCorruptedException} naming the file, and left
 * exactly as it was: never replaced by an empty store.
 */
class CorruptionTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(StoreOptions.FILE_NAME);
    }

    private void populate(StoreOptions options, int endpoints) {
        try (MvObjectStore store = MvObjectStore.open(options)) {
            for (int i = 0; i < endpoints; i++) {
                String endpoint = "ep-" + i;
                store.createEndpoint(endpoint);
                try (StoreTransaction tx = store.begin(endpoint)) {
                    TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(i));
                    tx.commit();
                }
            }
        }
    }

    private String digest(Path path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }

    private void assertRefusedAndUntouched(StoreOptions options, String expectedMessage) throws Exception {
        String before = digest(file());
        long size = Files.size(file());
        assertThatThrownBy(() -> MvObjectStore.open(options))
                .isInstanceOfSatisfying(
                        StoreCorruptedException.class, e -> assertThat(e.file()).isEqualTo(file().toString()))
                .hasMessageContaining(file().toString())
                .hasMessageContaining(expectedMessage);
        assertThat(Files.size(file())).isEqualTo(size);
        assertThat(digest(file())).isEqualTo(before);
    }

    @Test
    void overwrittenDataIsReportedNotReplaced() throws Exception {
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard).withSyncOnCommit(false), 200);
        long length = Files.size(file());
        // Keep the two header blocks, destroy every chunk after them.
        byte[] garbage = new byte[(int) length - 8192];
        new Random(7).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.seek(8192);
            raf.write(garbage);
        }
        assertRefusedAndUntouched(StoreOptions.persistent(dir, ObjectModelRegistry::standard), "unusable");
    }

    @Test
    void silentFallBackToAnOlderVersionIsDetected() throws Exception {
        // MVStore opens the newest version whose chunks are intact; when newer chunks are damaged that is an
        // older version, without any error. An older copy of the file stands for exactly that outcome.
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard).withSyncOnCommit(false), 3);
        byte[] older = Files.readAllBytes(file());
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            try (StoreTransaction tx = store.begin("ep-1")) {
                tx.delete(io.bootgate.api.model.LwM2mPath.of(0));
                tx.commit();
            }
        }
        Files.write(file(), older);
        assertRefusedAndUntouched(StoreOptions.persistent(dir, ObjectModelRegistry::standard), "was confirmed");
    }

    @Test
    void missingStoreFileWithConfirmedCommitsIsReportedNotRecreated() throws Exception {
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard), 1);
        Files.delete(file());
        assertThatThrownBy(() -> MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard)))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("the file is missing");
        assertThat(file()).doesNotExist();
    }

    @Test
    void damagedRegionsAreDetectedOrProvablyHarmless() throws Exception {
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard).withSyncOnCommit(false), 50);
        byte[] original = Files.readAllBytes(file());
        Random random = new Random(11);
        int detected = 0;
        int trials = 20;
        for (int trial = 0; trial < trials; trial++) {
            byte[] damaged = original.clone();
            int start = 4096 * 2 + random.nextInt(damaged.length - 4096 * 3);
            for (int i = start; i < Math.min(damaged.length, start + 4096); i++) {
                damaged[i] = (byte) random.nextInt();
            }
            Files.write(file(), damaged);
            try (MvObjectStore store =
                    MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
                // Opened: the damage hit space no live data uses, or an entry that is now quarantined (detected),
                // so every other endpoint must read exactly its committed tree; anything else would be silent
                // corruption.
                if (!store.quarantined().isEmpty()) {
                    detected++;
                }
                for (int i = 0; i < 50; i++) {
                    String endpoint = "ep-" + i;
                    if (store.quarantined().stream().anyMatch(q -> q.endpoint().equals(endpoint))) {
                        continue;
                    }
                    boolean intact = store.snapshot(endpoint).objects().equals(TypicalTrees.bootstrapped(i));
                    assertThat(intact)
                            .as("trial %d: %s intact", trial, endpoint)
                            .isTrue();
                }
            } catch (StoreCorruptedException e) {
                detected++;
            }
            Files.write(file(), original);
        }
        assertThat(detected).as("damaged live regions detected").isPositive();
    }

    @Test
    void emptyFileIsReportedNotReinitialized() throws Exception {
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard), 1);
        Files.write(file(), new byte[0]);
        assertRefusedAndUntouched(StoreOptions.persistent(dir, ObjectModelRegistry::standard), "the file is empty");
    }

    @Test
    void randomBytesAreNotAStore() throws Exception {
        Files.createDirectories(dir);
        byte[] noise = new byte[64 * 1024];
        new Random(3).nextBytes(noise);
        Files.write(file(), noise);
        assertRefusedAndUntouched(StoreOptions.persistent(dir, ObjectModelRegistry::standard), "cannot be read");
    }

    @Test
    void foreignMvStoreFileIsNotAnObjectStore() throws Exception {
        MVStore foreign = MVStore.open(file().toString());
        foreign.openMap("something").put("a", "b");
        foreign.close();
        assertRefusedAndUntouched(
                StoreOptions.persistent(dir, ObjectModelRegistry::standard), "not a Bootgate object store");
    }

    @Test
    void damagedEntryQuarantinesItsEndpointOnlyAndIsLeftUntouched() throws Exception {
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard), 3);
        // Damage the value of one endpoint through MVStore itself, so that the file is sound but the tree is not.
        MVStore raw = new MVStore.Builder().fileName(file().toString()).open();
        org.h2.mvstore.MVMap<String, byte[]> map = raw.openMap(
                "endpoints",
                new org.h2.mvstore.MVMap.Builder<String, byte[]>()
                        .keyType(org.h2.mvstore.type.StringDataType.INSTANCE)
                        .valueType(org.h2.mvstore.type.ByteArrayDataType.INSTANCE));
        byte[] value = map.get("ep-1");
        value[value.length / 2] ^= 0x10;
        map.put("ep-1", value);
        raw.close();
        String before = digest(file());
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertThat(store.quarantined()).extracting(q -> q.endpoint()).containsExactly("ep-1");
            assertThatThrownBy(() -> store.snapshot("ep-1"))
                    .isInstanceOf(EndpointQuarantinedException.class)
                    .hasMessageContaining("endpoint 'ep-1'");
            assertThat(store.snapshot("ep-0").objects()).isEqualTo(TypicalTrees.bootstrapped(0));
            assertThat(store.snapshot("ep-2").objects()).isEqualTo(TypicalTrees.bootstrapped(2));
        }
        // Opening and reading changed nothing in the file (a close writes no chunk without changes).
        assertThat(digest(file())).isEqualTo(before);
    }

    @Test
    void fileInUseByAnotherStoreIsNotCalledCorrupted() {
        try (MvObjectStore first = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            first.createEndpoint("ep");
            assertThatThrownBy(() -> MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard)))
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(StoreCorruptedException.class)
                    .hasMessageContaining("in use by another process");
            assertThat(first.exists("ep")).isTrue();
        }
    }

    @Test
    void storeDirectoryAndFileAreOwnerOnly() throws IOException {
        Path nested = dir.resolve("data/bootgate/store");
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(nested, ObjectModelRegistry::standard))) {
            store.createEndpoint("ep");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.resolve(StoreOptions.FILE_NAME))))
                .isEqualTo("rw-------");
        // Loosened permissions are tightened again at the next start.
        Files.setPosixFilePermissions(nested, PosixFilePermissions.fromString("rwxr-xr-x"));
        MvObjectStore.open(StoreOptions.persistent(nested, ObjectModelRegistry::standard))
                .close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                .isEqualTo("rwx------");
    }

    @Test
    void encryptedStoreHidesSecretsAndNeedsItsKey() throws Exception {
        char[] key = "k3y-0f-at-least-16-chars-Zq9".toCharArray();
        StoreOptions encrypted =
                StoreOptions.persistent(dir, ObjectModelRegistry::standard).withEncryptionKey(key);
        populate(encrypted, 1);
        SortedMap<Integer, LwM2mObject> expected = TypicalTrees.bootstrapped(0);
        byte[] secret =
                expected.get(0).instances().get(1).value(5).orElseThrow().opaqueValue();
        byte[] uri = "coaps://dm.example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] content = Files.readAllBytes(file());
        assertThat(indexOf(content, secret)).as("private key in clear").isEqualTo(-1);
        assertThat(indexOf(content, uri)).as("server URI in clear").isEqualTo(-1);

        try (MvObjectStore store = MvObjectStore.open(encrypted)) {
            assertThat(store.snapshot("ep-0").objects()).isEqualTo(expected);
        }
        assertRefusedAndUntouched(
                StoreOptions.persistent(dir, ObjectModelRegistry::standard), "no encryption key is configured");
        assertRefusedAndUntouched(
                StoreOptions.persistent(dir, ObjectModelRegistry::standard)
                        .withEncryptionKey("another-key-of-16+chars".toCharArray()),
                "configured encryption key");
    }

    @Test
    void unencryptedStoreHoldsSecretsInClearWhichIsWhyItIsOwnerOnly() throws Exception {
        populate(StoreOptions.persistent(dir, ObjectModelRegistry::standard), 1);
        byte[] secret = TypicalTrees.bootstrapped(0)
                .get(0)
                .instances()
                .get(1)
                .value(5)
                .orElseThrow()
                .opaqueValue();
        assertThat(indexOf(Files.readAllBytes(file()), secret)).isNotNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
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
