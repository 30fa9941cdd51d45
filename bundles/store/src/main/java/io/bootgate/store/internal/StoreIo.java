package io.bootgate.store.internal;

import io.bootgate.api.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 */
final class StoreIo {

    private static final Logger LOG = LoggerFactory.getLogger(StoreIo.class);
    private static final int MAX_BATCH = 512;

    private record Task<T>(Callable<T> work, boolean write, CompletableFuture<T> result) {
    }

    /** What the store does around the MVStore on this thread. */
    interface Backend {
        /** Opens (and verifies) the store. */
        MVStore open() throws Exception;

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
    private final LinkedBlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread thread;
    private MVStore store;
    private boolean closing;
    private volatile Throwable failure;
    private int commitsSinceMaintenance;

    /**
     * Starts the thread and opens the store on it with {@code backend}; what opening throws is thrown here.
     */
    StoreIo(String name, Backend backend, boolean syncOnCommit, Duration idleMaintenance, int commitsPerMaintenance) {
        this.name = name;
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

    private <T> T submit(Callable<T> work, boolean write) {
        Task<T> task = new Task<>(work, write, new CompletableFuture<>());
        synchronized (submitLock) {
            checkUsable();
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
            store = backend.open();
            opened.complete(store);
        } catch (Throwable e) {
            failure = e;
            opened.completeExceptionally(e);
            return;
        }
        try {
            loop();
        } finally {
            closeStore();
            failRemaining();
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        List<Task<?>> durable = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        while (true) {
            Task<?> first = poll();
            if (first == null) {
                if (commitsSinceMaintenance > 0 && !maintain()) {
                    return;
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            durable.clear();
            results.clear();
            for (Task<?> task : batch) {
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
                    task.result().completeExceptionally(new StoreException("object store " + name + " ran out of "
                            + "memory reading its file: damaged data, or a heap too small for the store", e));
                } catch (Throwable e) {
                    task.result().completeExceptionally(e);
                }
            }
            if (!durable.isEmpty() && !commit(durable, results)) {
                return;
            }
            if (isClosing() && queue.isEmpty()) {
                return;
            }
            if (commitsSinceMaintenance >= commitsPerMaintenance && !maintain()) {
                return;
            }
        }
    }

    private Task<?> poll() {
        try {
            return queue.poll(idleMaintenance.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Makes the batch durable; on failure the store is unusable and every waiting write fails. */
    private boolean commit(List<Task<?>> durable, List<Object> results) {
        try {
            durableCommit();
            commitsSinceMaintenance++;
        } catch (Throwable e) {
            failure = e;
            LOG.error("object store {}: commit failed, the store is closed to protect its data: {}", name,
                    e.toString(), e);
            StoreException error = new StoreException("object store " + name + " could not commit: " + e, e);
            for (Task<?> task : durable) {
                task.result().completeExceptionally(error);
            }
            return false;
        }
        for (int i = 0; i < durable.size(); i++) {
            complete(durable.get(i), results.get(i));
        }
        return true;
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

    private boolean maintain() {
        commitsSinceMaintenance = 0;
        try {
            store = backend.maintain(store);
            return true;
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("object store {}: maintenance left the store unusable, it is closed: {}", name, e.toString(), e);
            return false;
        }
    }

    private void closeStore() {
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
        for (Task<?> task; (task = queue.poll()) != null;) {
            task.result().completeExceptionally(closed);
        }
    }
}
