/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreHealth.Status;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults heal: a failed commit fails that transaction only, the store keeps serving reads of committed
 * state, fails writes fast with a message safe to show, reports its health once per change, and becomes
 * writable again by itself once the cause is gone. Faults come from {@link FaultyFileSystem} (see why there).
 */
class StoreFaultTest {

    private static final int ENDPOINTS = 5;

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<StoreHealth> changes = new LinkedBlockingQueue<>();
    private final Map<String, SortedMap<Integer, LwM2mObject>> expected = new HashMap<>();

    @BeforeEach
    void install() {
        FaultyFileSystem.install();
    }

    @AfterEach
    void clearFault() {
        FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
    }

    private StoreOptions faultyOptions() {
        return StoreOptions.persistent(dir, ObjectModelRegistry::standard)
                .withFileSystemScheme(FaultyFileSystem.SCHEME)
                .withRecoveryRetry(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private void commitTree(MvObjectStore store, String endpoint, long seed) {
        try (StoreTransaction tx = store.begin(endpoint)) {
            TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(seed));
            tx.commit();
        }
        expected.put(endpoint, TypicalTrees.bootstrapped(seed));
    }

    private void populate(MvObjectStore store) {
        for (int i = 0; i < ENDPOINTS; i++) {
            store.createEndpoint("ep-" + i);
            commitTree(store, "ep-" + i, i);
        }
    }

    private void assertEveryEndpointAsCommitted(MvObjectStore store) {
        assertThat(store.endpoints()).hasSize(expected.size());
        for (Map.Entry<String, SortedMap<Integer, LwM2mObject>> entry : expected.entrySet()) {
            assertThat(store.snapshot(entry.getKey()).objects())
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue());
        }
    }

    private StoreHealth nextChange() throws InterruptedException {
        StoreHealth health = changes.poll(10, TimeUnit.SECONDS);
        assertThat(health).as("a health change within 10 s").isNotNull();
        return health;
    }

    /** Waits for a change to {@code status}; the listener may be told its initial state twice. */
    private StoreHealth awaitStatus(Status status, Status initial) throws InterruptedException {
        StoreHealth change = nextChange();
        while (change.status() == initial && status != initial) {
            change = nextChange();
        }
        assertThat(change.status()).isEqualTo(status);
        return change;
    }

    private void assertSafeToShow(Throwable error) {
        assertThat(error.getMessage())
                .doesNotContain(dir.toString())
                .doesNotContainIgnoringCase("mvstore")
                .doesNotContain("org.h2")
                .doesNotContain(StoreOptions.FILE_NAME);
    }

    @Test
    void failedCommitOnAFullDiskFailsThatTransactionAndTheStoreHealsOnceSpaceIsBack() throws Exception {
        try (MvObjectStore store = MvObjectStore.open(faultyOptions())) {
            store.addHealthListener(changes::add);
            assertThat(nextChange().status())
                    .as("the current health, told first")
                    .isEqualTo(Status.AVAILABLE);
            populate(store);
            assertThat(store.health().status()).isEqualTo(Status.AVAILABLE);

            FaultyFileSystem.set(FaultyFileSystem.Fault.DISK_FULL);
            StoreTransaction failing = store.begin("ep-1");
            TypicalTrees.writeAll(failing, TypicalTrees.bootstrapped(101));
            assertThatThrownBy(failing::commit)
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                        assertThat(e.health().status()).isEqualTo(Status.DEGRADED);
                        assertSafeToShow(e);
                    })
                    .hasMessageContaining("no space left on the device")
                    .hasNoCause();
            assertThat(failing.isOpen()).isFalse();

            StoreHealth degraded = awaitStatus(Status.DEGRADED, Status.AVAILABLE);
            assertThat(degraded.cause()).isEqualTo("no space left on the device");
            assertThat(store.health()).isEqualTo(degraded);
            // Committed state is kept and readable; the failed commit left nothing behind.
            assertEveryEndpointAsCommitted(store);
            // Writes fail fast, typed, with a message safe to show.
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.begin("ep-2"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(this::assertSafeToShow);
            assertThatThrownBy(() -> store.createEndpoint("ep-new")).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.deleteEndpoint("ep-3")).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

            // Retries (50, 100, 200, 200 ms ...) fail while the disk is full: no further change is reported. Retries
            // and health reports run on the store's one I/O thread, so once two more writes have hit the fault the
            // first of those retries has been handled to the end.
            int faultsSoFar = FaultyFileSystem.faultsRaised();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> FaultyFileSystem.faultsRaised() >= faultsSoFar + 2);
            assertThat(changes.poll()).as("health changes while still full").isNull();
            assertThat(store.health()).isEqualTo(degraded);

            FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
            StoreHealth healed = nextChange();
            assertThat(healed.status()).isEqualTo(Status.AVAILABLE);
            assertThat(healed.since()).isAfter(degraded.since());
            assertThat(healed.cause()).isEmpty();
            commitTree(store, "ep-1", 102);
            store.createEndpoint("ep-new");
            expected.put("ep-new", new java.util.TreeMap<>());
            assertEveryEndpointAsCommitted(store);
            assertThat(store.snapshot("ep-1").revision()).isEqualTo(2);
        }
        assertThat(nextChange().status()).isEqualTo(Status.CLOSED);
        // The file, reopened by a plain store, holds exactly what was committed.
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertEveryEndpointAsCommitted(store);
        }
    }

    @Test
    void readOnlyFileSystemAtStartOpensTheStoreReadOnlyAndItHealsWhenWritable() throws Exception {
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            populate(store);
        }
        FaultyFileSystem.set(FaultyFileSystem.Fault.READ_ONLY);
        try (MvObjectStore store = MvObjectStore.open(faultyOptions())) {
            store.addHealthListener(changes::add);
            assertThat(store.health().status()).isEqualTo(Status.DEGRADED);
            assertThat(store.health().cause()).contains("read-only");
            assertEveryEndpointAsCommitted(store);
            assertThatThrownBy(() -> store.begin("ep-0"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("read-only")
                    .satisfies(this::assertSafeToShow);

            FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
            awaitStatus(Status.AVAILABLE, Status.DEGRADED);
            commitTree(store, "ep-0", 200);
            assertEveryEndpointAsCommitted(store);
        }
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertEveryEndpointAsCommitted(store);
        }
    }

    @Test
    void fileSystemTurningReadOnlyWhileRunningDegradesAndHeals() throws Exception {
        try (MvObjectStore store = MvObjectStore.open(faultyOptions())) {
            store.addHealthListener(changes::add);
            populate(store);
            assertThat(nextChange().status())
                    .as("the current health, told first")
                    .isEqualTo(Status.AVAILABLE);
            FaultyFileSystem.set(FaultyFileSystem.Fault.READ_ONLY);
            List<Throwable> failures = new ArrayList<>();
            for (int i = 0; i < ENDPOINTS; i++) {
                try {
                    commitTree(store, "ep-" + i, 300 + i);
                } catch (StoreUnavailableException e) {
                    failures.add(e);
                }
            }
            // The first commit fails and degrades the store, the others fail fast at begin.
            assertThat(failures).hasSize(ENDPOINTS);
            StoreHealth degraded = awaitStatus(Status.DEGRADED, Status.AVAILABLE);
            assertThat(degraded.cause()).contains("read-only");
            assertThat(changes).as("one report for five failed devices").isEmpty();
            assertEveryEndpointAsCommitted(store);

            FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
            assertThat(nextChange().status()).isEqualTo(Status.AVAILABLE);
            for (int i = 0; i < ENDPOINTS; i++) {
                commitTree(store, "ep-" + i, 400 + i);
            }
            assertEveryEndpointAsCommitted(store);
        }
    }

    @Test
    void storageThatCannotEvenBeReadMakesTheStoreUnavailableUntilItIsBack() throws Exception {
        try (MvObjectStore store = MvObjectStore.open(faultyOptions())) {
            store.addHealthListener(changes::add);
            populate(store);
            assertThat(nextChange().status())
                    .as("the current health, told first")
                    .isEqualTo(Status.AVAILABLE);
            FaultyFileSystem.set(FaultyFileSystem.Fault.GONE);
            assertThatThrownBy(() -> commitTree(store, "ep-0", 500))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(this::assertSafeToShow);
            StoreHealth unavailable = awaitStatus(Status.UNAVAILABLE, Status.AVAILABLE);
            assertThat(unavailable.cause()).isEqualTo("an I/O error (details in the gateway's log)");
            // Nothing can be served, and nothing waits: reads fail fast too.
            assertThatThrownBy(() -> store.snapshot("ep-1"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("UNAVAILABLE");
            assertThatThrownBy(() -> store.backup(dir.resolve("backup.mv.db")))
                    .isInstanceOf(StoreUnavailableException.class);

            FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
            assertThat(nextChange().status()).isEqualTo(Status.AVAILABLE);
            assertEveryEndpointAsCommitted(store);
            commitTree(store, "ep-0", 501);
        }
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            assertEveryEndpointAsCommitted(store);
        }
    }
}
