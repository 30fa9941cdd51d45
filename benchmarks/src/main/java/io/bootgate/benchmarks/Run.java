/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The outcome of one round of bootstraps as a side reports it: the time each successful bootstrap took and how
 * many failed (refused, timed out, or not finished when the round's time was up).
 */
final class Run {

    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failures = new AtomicInteger();
    private final List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch done;
    private final Semaphore inFlight;

    /**
     * @param devices bootstraps in this round
     * @param concurrency bootstraps in flight at most ({@code devices} or more: all at once)
     */
    Run(int devices, int concurrency) {
        this.done = new CountDownLatch(devices);
        this.inFlight = new Semaphore(Math.max(1, Math.min(concurrency, devices)));
    }

    /**
     * Starts one bootstrap when a slot is free: {@code start} gets the moment it started and must eventually call
     * {@link #succeeded} or {@link #failed} once.
     */
    void start(Consumer<Long> start) throws InterruptedException {
        inFlight.acquire();
        start.accept(System.nanoTime());
    }

    void succeeded(long startNanos) {
        nanos.add(System.nanoTime() - startNanos);
        inFlight.release();
        done.countDown();
    }

    void failed(String endpoint, String cause) {
        if (failures.incrementAndGet() <= 3) {
            firstFailures.add(endpoint + ": " + cause);
        }
        inFlight.release();
        done.countDown();
    }

    /** Waits for every bootstrap; those not ended in time count as failures. */
    void await(long timeoutSeconds) throws InterruptedException {
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            long missing = done.getCount();
            failures.addAndGet((int) missing);
            firstFailures.add(missing + " bootstrap(s) not ended after " + timeoutSeconds + " s");
        }
    }

    int successes() {
        return nanos.size();
    }

    int failures() {
        return failures.get();
    }

    List<String> firstFailures() {
        return List.copyOf(firstFailures);
    }

    /** The given percentile (0..100) of the successful bootstraps' times, in milliseconds; NaN when none. */
    double percentileMillis(double percentile) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }
}
