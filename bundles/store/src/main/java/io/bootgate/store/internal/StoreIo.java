/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the MVStore and its file.
 * <p>
 * Why a thread of its own: MVStore does its file I/O on the calling thread through an interruptible
 * {@link java.nio.channels.FileChannel}; a caller interrupted in the middle of a read or write (a pool
 * shutting down, a cancelled request) would close the channel and take the store down. Here no caller
 * thread ever reaches the file, and this thread is never interrupted.
 * <p>
 * Group commit: the thread takes every task waiting in the queue, runs them in order, then makes the batch
 * durable with one MVStore commit (and one fsync when configured) before it completes the write tasks. Each
 * write task changes exactly one map entry, so whatever part of the batch reaches the disk, every entry is
 * either its old or its new value; a crash can never leave half a transaction.
 * <p>
 * Maintenance (the store's compaction, see {@link StoreEngine}) runs here too, between batches, when the
 * queue has been idle for a while or after a number of commits. MVStore's own background thread is disabled
 * so that nothing writes behind our back.
 * <p>
 * Faults heal: a failed commit fails the writes of its batch only (with a {@link StoreUnavailableException}
 * whose message is safe to show), the MVStore is dropped without writing and reopened from the file, read-only
 * if it cannot be opened for writing ({@link StoreHealth.Status#DEGRADED}: reads of committed state work,
 * writes fail fast). With a back-off doubling up to a bound, the thread then reopens the file for writing,
 * validating it exactly as at start-up, and proves it writable with a commit of the commit number; until that
 * works, the state stays. Every change of state is logged once and told to the health consumer.
 */
final class StoreIo {

    private static final Logger LOG = LoggerFactory.getLogger(StoreIo.class);
    private static final int MAX_BATCH = 512;

    private record Task<T>(Callable<T> work, boolean write, CompletableFuture<T> result) {}

    /** What the store does around the MVStore on this thread. */
    interface Backend {
        /**
         * Opens (and verifies) the store, for writing or read-only.
         *
         * @param quiet whether this is a retry whose failure the I/O thread reports (once per state change)
         */
        MVStore open(boolean writable, boolean quiet) throws Exception;

        /** Adds to the changes about to be committed (the commit number). */
        void beforeCommit();

        /** Told after a commit is durable. */
        void afterCommit();

        /**
         * Housekeeping between batches; returns the store to use from now on (compaction may replace it).
         *
         * @throws RuntimeException only if the store cannot be used any more
         */
        MVStore maintain(MVStore current);

        /** Releases what {@link #open()} acquired besides the MVStore, after it was closed. */
        void close();
    }

    private final String name;
    private final Backend backend;
    private final boolean syncOnCommit;
    private final Duration idleMaintenance;
    private final int commitsPerMaintenance;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Consumer<StoreHealth> healthConsumer;
    private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread thread;
    private MVStore store;
    private boolean closing;
    private volatile Throwable failure;
    private int commitsSinceMaintenance;
    private volatile StoreHealth health = new StoreHealth(StoreHealth.Status.AVAILABLE, "", Instant.now());
    private Duration retryDelay;
    private long nextRetryNanos;

    /**
     * Starts the thread and opens the store on it with {@code backend}; what opening throws is thrown here.
     */
    StoreIo(
            String name,
            Backend backend,
            boolean syncOnCommit,
            Duration idleMaintenance,
            int commitsPerMaintenance,
            Duration firstRetry,
            Duration maxRetry,
            Consumer<StoreHealth> healthConsumer) {
        this.name = name;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.retryDelay = firstRetry;
        this.healthConsumer = healthConsumer;
        this.backend = backend;
        this.syncOnCommit = syncOnCommit;
        this.idleMaintenance = idleMaintenance;
        this.commitsPerMaintenance = commitsPerMaintenance;
        CompletableFuture<MVStore> opened = new CompletableFuture<>();
        thread = new Thread(() -> run(opened), "bootgate-store-io");
        thread.setDaemon(true);
        thread.start();
        try {
            await(opened);
        } catch (RuntimeException e) {
            awaitStopped();
            throw e;
        }
    }

    /** Runs {@code work} on the I/O thread and returns its result; it must not change the store. */
    <T> T read(Callable<T> work) {
        return submit(work, false);
    }

    /**
     * Runs {@code work} on the I/O thread and returns once its change is durable. {@code work} must make at
     * most one map change (put or remove of one key) so that it is atomic on its own.
     */
    <T> T write(Callable<T> work) {
        return submit(work, true);
    }

    /** Runs {@code work} on the I/O thread with the open store, e.g. to read a statistic. */
    <T> T withStore(Function<MVStore, T> work) {
        return read(() -> work.apply(store));
    }

    /** The current health; changes are also told to the health consumer. */
    StoreHealth health() {
        return health;
    }

    /** The exception for an operation the store cannot do in its current state. */
    StoreUnavailableException unavailable() {
        return new StoreUnavailableException(health);
    }

    private <T> T submit(Callable<T> work, boolean write) {
        Task<T> task = new Task<>(work, write, new CompletableFuture<>());
        synchronized (submitLock) {
            checkUsable();
            StoreHealth now = health;
            // Fail fast: no queueing behind a store that cannot write (or read) now.
            if (now.status() == StoreHealth.Status.UNAVAILABLE
                    || write && now.status() == StoreHealth.Status.DEGRADED) {
                throw new StoreUnavailableException(now);
            }
            queue.add(task);
        }
        return await(task.result());
    }

    private void checkUsable() {
        Throwable failed = failure;
        if (failed != null) {
            throw new StoreException("object store " + name + " failed earlier and is closed: " + failed, failed);
        }
        if (closing) {
            throw new StoreException("object store " + name + " is closed");
        }
    }

    /**
     * Waits for a result without giving up on interruption: the task runs to its end anyway, and a caller
     * told "interrupted" could not know whether its commit happened. The interrupt status is restored.
     */
    private static <T> T await(CompletableFuture<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new StoreException(cause.toString(), cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Finishes the queued tasks, closes the store and stops the thread. Idempotent. */
    void close() {
        synchronized (submitLock) {
            if (!closing) {
                closing = true;
                queue.add(new Task<>(() -> null, false, new CompletableFuture<>()));
            }
        }
        awaitStopped();
    }

    private void awaitStopped() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the I/O thread

    private void run(CompletableFuture<MVStore> opened) {
        try {
            store = backend.open(true, false);
            opened.complete(store);
        } catch (Throwable e) {
            if (!StoreFaults.isUnwritable(e) || !openReadOnlyAtStart(e)) {
                failure = e;
                opened.completeExceptionally(e);
                return;
            }
            opened.complete(store);
        }
        try {
            loop();
        } finally {
            closeStore();
            failRemaining();
        }
    }

    /**
     * The file cannot be opened for writing at start-up (read-only file system, no space to create it): the
     * store starts read-only, degraded, and retries. Damage or a lock still refuse the start (the caller).
     */
    private boolean openReadOnlyAtStart(Throwable writeError) {
        try {
            store = backend.open(false, false);
        } catch (Throwable e) {
            writeError.addSuppressed(e);
            return false;
        }
        changeHealth(
                StoreHealth.Status.DEGRADED,
                StoreFaults.describe(writeError),
                "cannot open for writing at start-up, opened read-only",
                writeError);
        scheduleRetry();
        return true;
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        List<Task<?>> durable = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        while (true) {
            Task<?> first = poll();
            if (!health.available() && System.nanoTime() - nextRetryNanos >= 0 && !isClosing()) {
                retry();
            }
            if (first == null) {
                if (health.available() && commitsSinceMaintenance > 0) {
                    maintain();
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            durable.clear();
            results.clear();
            for (Task<?> task : batch) {
                StoreHealth now = health;
                if (now.status() == StoreHealth.Status.UNAVAILABLE
                        || task.write() && now.status() == StoreHealth.Status.DEGRADED) {
                    task.result().completeExceptionally(new StoreUnavailableException(now));
                    continue;
                }
                try {
                    Object result = task.work().call();
                    if (task.write()) {
                        durable.add(task);
                        results.add(result);
                    } else {
                        complete(task, result);
                    }
                } catch (OutOfMemoryError e) {
                    // See StoreEngine.openOnIoThread: a damaged length field asks MVStore for a huge buffer.
                    task.result()
                            .completeExceptionally(new StoreException(
                                    "object store " + name + " ran out of "
                                            + "memory reading its file: damaged data, or a heap too small for the store",
                                    e));
                } catch (Throwable e) {
                    task.result().completeExceptionally(e);
                }
            }
            if (!durable.isEmpty()) {
                commit(durable, results);
            }
            if (isClosing() && queue.isEmpty()) {
                return;
            }
            if (health.available() && commitsSinceMaintenance >= commitsPerMaintenance) {
                maintain();
            }
        }
    }

    private Task<?> poll() {
        long waitMillis = idleMaintenance.toMillis();
        if (!health.available()) {
            waitMillis = Math.max(1, Math.min(waitMillis, (nextRetryNanos - System.nanoTime()) / 1_000_000));
        }
        try {
            return queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Nothing of ours interrupts this thread. It keeps running regardless: queued commits must finish,
            // and close() is the way to stop it.
            LOG.warn("object store {}: I/O thread interrupted; ignored, close() stops it", name);
            return null;
        }
    }

    private boolean isClosing() {
        synchronized (submitLock) {
            return closing;
        }
    }

    /**
     * Makes the batch durable. On failure every write of the batch fails, the store drops its in-memory state
     * without writing and reopens the file (read-only if need be): what the file holds is the committed state.
     */
    private void commit(List<Task<?>> durable, List<Object> results) {
        try {
            durableCommit();
            commitsSinceMaintenance++;
            retryDelay = firstRetry;
        } catch (Throwable e) {
            faulted("commit failed, the writes of this commit are not applied", e);
            StoreUnavailableException error = unavailable();
            for (Task<?> task : durable) {
                task.result().completeExceptionally(error);
            }
            return;
        }
        for (int i = 0; i < durable.size(); i++) {
            complete(durable.get(i), results.get(i));
        }
    }

    /**
     * The store failed writing: drop the MVStore (its in-memory changes never reached the file as a complete
     * commit), open the file read-only so that reads go on, and schedule a retry.
     */
    private void faulted(String what, Throwable error) {
        String cause = StoreFaults.describe(error);
        dropStore();
        Throwable readError = openReadOnly();
        if (readError == null) {
            changeHealth(StoreHealth.Status.DEGRADED, cause, what, error);
        } else {
            error.addSuppressed(readError);
            changeHealth(StoreHealth.Status.UNAVAILABLE, cause, what, error);
        }
        retryDelay = firstRetry;
        scheduleRetry();
    }

    /** Reopens the file for writing, proves it with a commit; else falls back to read-only. */
    private void retry() {
        dropStore();
        Throwable writeError;
        try {
            store = backend.open(true, true);
            try {
                durableCommit();
            } catch (Throwable e) {
                dropStore();
                throw e;
            }
            changeHealth(StoreHealth.Status.AVAILABLE, "", "the store is writable again", null);
            return;
        } catch (Throwable e) {
            writeError = e;
        }
        Throwable readError = openReadOnly();
        if (readError == null) {
            changeHealth(StoreHealth.Status.DEGRADED, StoreFaults.describe(writeError), "retry failed", writeError);
        } else {
            writeError.addSuppressed(readError);
            changeHealth(StoreHealth.Status.UNAVAILABLE, StoreFaults.describe(readError), "retry failed", writeError);
        }
        retryDelay = retryDelay.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : retryDelay.multipliedBy(2);
        scheduleRetry();
    }

    private Throwable openReadOnly() {
        try {
            store = backend.open(false, true);
            return null;
        } catch (Throwable e) {
            store = null;
            return e;
        }
    }

    private void dropStore() {
        MVStore current = store;
        store = null;
        if (current != null && !current.isClosed()) {
            try {
                current.closeImmediately();
            } catch (RuntimeException e) {
                LOG.debug("object store {}: dropping the store: {}", name, e.toString());
            }
        }
        backend.close();
    }

    private void scheduleRetry() {
        nextRetryNanos = System.nanoTime() + retryDelay.toNanos();
    }

    /** Sets the health; logs and tells the consumer only when status or cause changed. */
    private void changeHealth(StoreHealth.Status status, String cause, String what, Throwable error) {
        StoreHealth before = health;
        if (before.status() == status && before.cause().equals(cause)) {
            return;
        }
        StoreHealth now = new StoreHealth(status, cause, Instant.now());
        health = now;
        if (status == StoreHealth.Status.AVAILABLE) {
            LOG.info(
                    "object store {}: {}, AVAILABLE (was {} since {}: {})",
                    name,
                    what,
                    before.status(),
                    before.since(),
                    before.cause());
        } else if (status != StoreHealth.Status.CLOSED) {
            LOG.error(
                    "object store {}: {} -> {}: {}; committed state is kept, retrying with a back-off of up to {} "
                            + "ms. {}",
                    name,
                    what,
                    status,
                    cause,
                    maxRetry.toMillis(),
                    error == null ? "" : error.toString(),
                    error);
        }
        healthConsumer.accept(now);
    }

    private void durableCommit() {
        backend.beforeCommit();
        store.commit();
        if (syncOnCommit) {
            store.sync();
        }
        backend.afterCommit();
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result) {
        task.result().complete((T) result);
    }

    private void maintain() {
        commitsSinceMaintenance = 0;
        try {
            store = backend.maintain(store);
        } catch (RuntimeException e) {
            faulted("maintenance left the store unusable", e);
        }
    }

    private void closeStore() {
        try {
            closeFile();
        } finally {
            changeHealth(StoreHealth.Status.CLOSED, "closed", "closed", null);
        }
    }

    private void closeFile() {
        if (store == null || store.isClosed()) {
            backend.close();
            return;
        }
        try {
            if (failure == null) {
                // No compaction on close: MVStore's chunk moves are where its crash recovery proved fragile.
                store.close();
            } else {
                store.closeImmediately();
            }
        } catch (RuntimeException e) {
            LOG.error("object store {}: closing failed: {}", name, e.toString(), e);
            store.closeImmediately();
        } finally {
            backend.close();
        }
    }

    private void failRemaining() {
        synchronized (submitLock) {
            closing = true;
        }
        StoreException closed = new StoreException("object store " + name + " is closed");
        for (Task<?> task; (task = queue.poll()) != null; ) {
            task.result().completeExceptionally(closed);
        }
    }
}
