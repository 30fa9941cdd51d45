/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A single-threaded scheduler driven by a {@link ManualClock}: tasks run only inside {@link #runDue()} and
 * {@link #advance(Duration)}, on the test's thread, in due-time order. It lets the engine's timers (back-off,
 * hold-off, EXCHANGE_LIFETIME) be tested without waiting.
 */
public final class ManualScheduler implements ScheduledExecutorService {

    private final ManualClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    /** Tasks cancelled before they ran, in the order they were cancelled. */
    private final List<Task<?>> cancelledBeforeRunning = new ArrayList<>();

    private long sequence;
    private boolean shutdown;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    public ManualClock clock() {
        return clock;
    }

    /** Runs every task that is due now, including tasks they schedule for now. */
    public synchronized void runDue() {
        Task<?> next;
        while ((next = queue.peek()) != null && !next.due.isAfter(clock.instant())) {
            queue.poll();
            next.run();
        }
    }

    /**
     * Runs the cancelled tasks that are due by now, as a thread pool would run tasks that had already started
     * (and were waiting for a lock) when {@code cancel} was called: cancelling can no longer stop them.
     */
    public synchronized void runCancelledAsIfAlreadyStarted() {
        List<Task<?>> due = cancelledBeforeRunning.stream()
                .filter(t -> !t.due.isAfter(clock.instant()))
                .toList();
        cancelledBeforeRunning.removeAll(due);
        due.forEach(Task::call);
    }

    /** Moves the clock forward, running every task on its due time on the way. */
    public synchronized void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        Task<?> next;
        while ((next = queue.peek()) != null && !next.due.isAfter(target)) {
            queue.poll();
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.run();
        }
        clock.set(target);
    }

    /** Delays, from now, of the tasks waiting (cancelled ones excluded), soonest first. */
    public synchronized List<Duration> pendingDelays() {
        List<Task<?>> tasks = new ArrayList<>(queue);
        tasks.sort(null);
        List<Duration> delays = new ArrayList<>();
        for (Task<?> task : tasks) {
            if (!task.isCancelled()) {
                delays.add(Duration.between(clock.instant(), task.due));
            }
        }
        return delays;
    }

    private synchronized <V> Task<V> add(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler shut down");
        }
        Task<V> task = new Task<>(callable, clock.instant().plusNanos(unit.toNanos(Math.max(0, delay))), sequence++);
        queue.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(
                () -> {
                    command.run();
                    return null;
                },
                delay,
                unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the engine uses one-shot timers only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the engine uses one-shot timers only");
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return schedule(task, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return schedule(
                () -> {
                    task.run();
                    return result;
                },
                0,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return schedule(task, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException("not used by the engine");
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the engine");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
        throw new UnsupportedOperationException("not used by the engine");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the engine");
    }

    private final class Task<V> implements ScheduledFuture<V> {
        private final Callable<V> callable;
        private final Instant due;
        private final long order;
        private boolean cancelled;
        private boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> callable, Instant due, long order) {
            this.callable = callable;
            this.due = due;
            this.order = order;
        }

        void run() {
            if (cancelled) {
                return;
            }
            call();
        }

        void call() {
            try {
                result = callable.call();
            } catch (Exception e) {
                failure = e;
                throw new IllegalStateException("scheduled task failed", e);
            } finally {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int c = due.compareTo(that.due);
            return c != 0 ? c : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                if (done) {
                    return false;
                }
                cancelled = true;
                queue.remove(this);
                cancelledBeforeRunning.add(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (!done) {
                throw new IllegalStateException("task not run yet; advance the manual scheduler");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            if (!done) {
                throw new TimeoutException("task not run yet; advance the manual scheduler");
            }
            return get();
        }
    }
}
