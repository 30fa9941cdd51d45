/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.EndpointBusyException;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.UnknownEndpointException;
import io.bootgate.api.store.WriteMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {

    @TempDir
    Path dir;

    private MvObjectStore store;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        store = MvObjectStore.open(
                StoreOptions.persistent(dir, ObjectModelRegistry::standard).withSyncOnCommit(false));
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    private SortedMap<Integer, LwM2mObject> bootstrap(String endpoint, long seed) {
        store.createEndpoint(endpoint);
        try (StoreTransaction tx = store.begin(endpoint)) {
            TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(seed));
            tx.commit();
        }
        return store.snapshot(endpoint).objects();
    }

    @Test
    void rollbackRestoresEveryTouchedPath() {
        SortedMap<Integer, LwM2mObject> before = bootstrap("ep", 1);
        try (StoreTransaction tx = store.begin("ep")) {
            tx.write(
                    LwM2mPath.of(1, 0, Server.LIFETIME),
                    SingleResource.ofInteger(Server.LIFETIME, 1),
                    WriteMode.UPDATE);
            tx.delete(LwM2mPath.of(0, 1));
            tx.delete(LwM2mPath.of(3, 0, 11, 0));
            tx.create(1, ObjectInstance.of(9, SingleResource.ofInteger(Server.SHORT_SERVER_ID, 7)));
            tx.write(LwM2mPath.of(2), LwM2mObject.of(2), WriteMode.REPLACE);
            assertThat(tx.objects()).isNotEqualTo(before);
            tx.rollback();
            assertThat(tx.isOpen()).isFalse();
        }
        assertThat(store.snapshot("ep").objects()).isEqualTo(before);
        assertThat(store.snapshot("ep").revision()).isEqualTo(1);
        // The endpoint is free again.
        try (StoreTransaction tx = store.begin("ep", Duration.ZERO)) {
            assertThat(tx.objects()).isEqualTo(before);
        }
    }

    @Test
    void closeWithoutCommitRollsBack() {
        SortedMap<Integer, LwM2mObject> before = bootstrap("ep", 2);
        try (StoreTransaction tx = store.begin("ep")) {
            tx.delete(LwM2mPath.root());
        }
        assertThat(store.snapshot("ep").objects()).isEqualTo(before);
    }

    @Test
    void readerDuringOpenTransactionSeesOldStateAndTransactionSeesItsOwnWrites() {
        SortedMap<Integer, LwM2mObject> before = bootstrap("ep", 3);
        try (StoreTransaction tx = store.begin("ep")) {
            tx.write(
                    LwM2mPath.of(1, 0, Server.LIFETIME),
                    SingleResource.ofInteger(Server.LIFETIME, 77),
                    WriteMode.UPDATE);
            tx.delete(LwM2mPath.of(0));
            assertThat(tx.value(LwM2mPath.of(1, 0, Server.LIFETIME))
                            .orElseThrow()
                            .longValue())
                    .isEqualTo(77);
            assertThat(tx.object(0)).isEmpty();

            assertThat(store.snapshot("ep").objects()).isEqualTo(before);
            assertThat(store.read("ep", LwM2mPath.of(1, 0, Server.LIFETIME)))
                    .contains(SingleResource.ofInteger(Server.LIFETIME, 86_400));
            tx.commit();
        }
        assertThat(store.snapshot("ep").object(0)).isEmpty();
        assertThat(store.snapshot("ep").revision()).isEqualTo(2);
    }

    @Test
    void transactionsOnDifferentEndpointsRunConcurrently() throws Exception {
        List<String> endpoints = List.of("a", "b", "c", "d");
        endpoints.forEach(store::createEndpoint);
        CountDownLatch allOpen = new CountDownLatch(endpoints.size());
        List<Future<Long>> results = new java.util.ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String endpoint = endpoints.get(i);
            long seed = i;
            results.add(pool.submit(() -> {
                try (StoreTransaction tx = store.begin(endpoint, Duration.ZERO)) {
                    TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(seed));
                    allOpen.countDown();
                    // Every transaction stays open until all four are open at once.
                    assertThat(allOpen.await(10, TimeUnit.SECONDS)).isTrue();
                    return tx.commit();
                }
            }));
        }
        for (Future<Long> result : results) {
            assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        }
        for (int i = 0; i < endpoints.size(); i++) {
            assertThat(store.snapshot(endpoints.get(i)).objects()).isEqualTo(TypicalTrees.bootstrapped(i));
        }
    }

    @Test
    void secondBeginOnSameEndpointFailsFastWithZeroTimeout() {
        store.createEndpoint("ep");
        try (StoreTransaction first = store.begin("ep")) {
            assertThatThrownBy(() -> store.begin("ep", Duration.ZERO))
                    .isInstanceOfSatisfying(EndpointBusyException.class, e -> assertThat(e.endpoint())
                            .isEqualTo("ep"))
                    .hasMessageContaining("endpoint 'ep' has an open transaction");
            assertThat(first.isOpen()).isTrue();
        }
    }

    @Test
    void secondBeginWaitsUntilTheFirstEnds() throws Exception {
        store.createEndpoint("ep");
        StoreTransaction first = store.begin("ep");
        first.write(
                LwM2mPath.of(1, 0),
                ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 5)),
                WriteMode.REPLACE);
        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<Long> second = pool.submit(() -> {
            waiter.set(Thread.currentThread());
            try (StoreTransaction tx = store.begin("ep", Duration.ofSeconds(10))) {
                // The waiter starts from what the first one committed.
                return tx.value(LwM2mPath.of(1, 0, Server.LIFETIME))
                        .orElseThrow()
                        .longValue();
            }
        });
        // Once the second begin is parked on the endpoint's lock it has got as far as it can without the first.
        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.get() != null && parkedOnEndpointLock(waiter.get()));
        assertThat(second.isDone()).isFalse();
        first.commit();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(5);
    }

    @Test
    void secondBeginTimesOutNamingTheHolder() {
        store.createEndpoint("ep");
        try (StoreTransaction first = store.begin("ep")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.begin("ep", Duration.ofMillis(200)))
                    .isInstanceOf(EndpointBusyException.class)
                    .hasMessageContaining("waited 200 ms")
                    .hasMessageContaining("transaction on thread");
            assertThat(System.nanoTime() - start)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
            assertThat(first.isOpen()).isTrue();
        }
    }

    @Test
    void transactionMayBeCommittedByAnotherThread() throws Exception {
        store.createEndpoint("ep");
        StoreTransaction tx = store.begin("ep");
        tx.write(
                LwM2mPath.of(1, 0),
                ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 8)),
                WriteMode.REPLACE);
        assertThat(pool.submit(tx::commit).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        try (StoreTransaction next = store.begin("ep", Duration.ZERO)) {
            assertThat(next.revision()).isEqualTo(1);
        }
    }

    @Test
    void endedTransactionRefusesWrites() {
        store.createEndpoint("ep");
        StoreTransaction tx = store.begin("ep");
        tx.commit();
        assertThatThrownBy(() -> tx.delete(LwM2mPath.root()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("committed");
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
        tx.rollback();
        tx.close();
    }

    @Test
    void commitWithoutChangesKeepsTheRevision() {
        bootstrap("ep", 4);
        try (StoreTransaction tx = store.begin("ep")) {
            TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(4));
            assertThat(tx.hasChanges()).isFalse();
            assertThat(tx.commit()).isEqualTo(1);
        }
    }

    @Test
    void unknownEndpointIsReported() {
        assertThatThrownBy(() -> store.begin("nobody"))
                .isInstanceOf(UnknownEndpointException.class)
                .hasMessageContaining("'nobody'");
        assertThatThrownBy(() -> store.snapshot("nobody")).isInstanceOf(UnknownEndpointException.class);
        // A failed begin leaves no slot behind.
        store.createEndpoint("nobody");
        store.begin("nobody", Duration.ZERO).close();
    }

    @Test
    void endpointLifecycle() {
        assertThat(store.createEndpoint("b")).isTrue();
        assertThat(store.createEndpoint("a")).isTrue();
        assertThat(store.createEndpoint("a")).isFalse();
        assertThat(store.endpoints()).containsExactly("a", "b");
        assertThat(store.snapshot("a").objects()).isEmpty();
        assertThat(store.snapshot("a").revision()).isZero();
        assertThat(store.deleteEndpoint("a")).isTrue();
        assertThat(store.deleteEndpoint("a")).isFalse();
        assertThat(store.exists("a")).isFalse();
        assertThat(store.endpoints()).containsExactly("b");
        assertThatThrownBy(() -> store.createEndpoint("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteEndpointWaitsForItsOpenTransaction() {
        store.createEndpoint("ep");
        try (StoreTransaction tx = store.begin("ep")) {
            StoreOptions quick = StoreOptions.persistent(dir.resolve("other"), ObjectModelRegistry::standard)
                    .withTransactionWait(Duration.ofMillis(100));
            try (MvObjectStore other = MvObjectStore.open(quick)) {
                other.createEndpoint("ep");
                try (StoreTransaction held = other.begin("ep")) {
                    assertThatThrownBy(() -> other.deleteEndpoint("ep")).isInstanceOf(EndpointBusyException.class);
                    assertThat(held.isOpen()).isTrue();
                }
                assertThat(other.deleteEndpoint("ep")).isTrue();
            }
            assertThat(tx.isOpen()).isTrue();
        }
    }

    @Test
    void listenersHearCommittedChangesOnly() {
        List<StoreEvent> events = new CopyOnWriteArrayList<>();
        store.addListener(events::add);
        store.createEndpoint("ep");
        try (StoreTransaction tx = store.begin("ep")) {
            tx.write(
                    LwM2mPath.of(1, 0),
                    ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 1)),
                    WriteMode.REPLACE);
        }
        try (StoreTransaction tx = store.begin("ep")) {
            tx.write(
                    LwM2mPath.of(1, 2),
                    ObjectInstance.of(2, SingleResource.ofInteger(Server.LIFETIME, 1)),
                    WriteMode.REPLACE);
            tx.commit();
        }
        store.deleteEndpoint("ep");
        assertThat(events)
                .extracting(StoreEvent::kind)
                .containsExactly(StoreEvent.Kind.CREATED, StoreEvent.Kind.UPDATED, StoreEvent.Kind.DELETED);
        assertThat(events.get(1).changedInstances()).containsExactly(LwM2mPath.of(1, 2));
        assertThat(events.get(1).revision()).isEqualTo(1);
        assertThat(events.get(2).revision()).isEqualTo(1);
    }

    @Test
    void failingListenerDoesNotAffectTheCommit() {
        store.addListener(event -> {
            throw new IllegalStateException("listener bug");
        });
        store.createEndpoint("ep");
        try (StoreTransaction tx = store.begin("ep")) {
            tx.write(
                    LwM2mPath.of(1, 0),
                    ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 1)),
                    WriteMode.REPLACE);
            assertThat(tx.commit()).isEqualTo(1);
        }
        assertThat(store.snapshot("ep").revision()).isEqualTo(1);
    }

    @Test
    void interruptedCallerStillGetsItsCommitAndKeepsTheInterrupt() {
        store.createEndpoint("ep");
        try (StoreTransaction tx = store.begin("ep")) {
            tx.write(
                    LwM2mPath.of(1, 0),
                    ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 3)),
                    WriteMode.REPLACE);
            Thread.currentThread().interrupt();
            assertThat(tx.commit()).isEqualTo(1);
            assertThat(Thread.interrupted()).isTrue();
        }
        // The file channel survived the interrupt: the store still reads and writes.
        assertThat(store.snapshot("ep").revision()).isEqualTo(1);
        try (StoreTransaction tx = store.begin("ep")) {
            tx.delete(LwM2mPath.root());
            assertThat(tx.commit()).isEqualTo(2);
        }
    }

    @Test
    void committedStateSurvivesReopen() {
        SortedMap<Integer, LwM2mObject> state = bootstrap("ep", 5);
        store.close();
        store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard));
        assertThat(store.snapshot("ep").objects()).isEqualTo(state);
        assertThat(store.snapshot("ep").revision()).isEqualTo(1);
    }

    @Test
    void closedStoreRefusesWorkAndOpenTransactionsCanOnlyRollBack() {
        store.createEndpoint("ep");
        StoreTransaction tx = store.begin("ep");
        tx.write(
                LwM2mPath.of(1, 0),
                ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 3)),
                WriteMode.REPLACE);
        store.close();
        assertThatThrownBy(tx::commit)
                .isInstanceOf(io.bootgate.api.store.StoreException.class)
                .hasMessageContaining("is closed");
        assertThat(tx.isOpen()).isFalse();
        assertThatThrownBy(() -> store.snapshot("ep")).isInstanceOf(io.bootgate.api.store.StoreException.class);
        store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard));
        assertThat(store.snapshot("ep").revision()).isZero();
    }

    /** Whether the thread waits (with a timeout) inside the store's per-endpoint lock acquisition. */
    private static boolean parkedOnEndpointLock(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING
                && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("acquire")
                                && frame.getClassName().equals("io.bootgate.store.internal.EndpointLocks"));
    }
}
