/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many DTLS handshakes run at once, shared by all endpoints of one factory.
 * <p>
 * Public-key handshakes cost almost all of the transport's CPU; beyond a few per core they only make every
 * handshake slower and let retransmission timers fire. Clients wait for a slot asynchronously
 * ({@link #acquire()}, no thread blocks); servers ask without waiting ({@link #tryAcquire()}) and drop the
 * ClientHello otherwise, so the client retransmits it later.
 */
final class HandshakeLimiter {

    /** A slot for one handshake; {@link #release()} is idempotent. */
    final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                HandshakeLimiter.this.release();
            }
        }
    }

    private final String name;
    private final int max;
    private final Executor handOff;
    private final ArrayDeque<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
    private int inFlight;
    private int peak;

    /**
     * @param handOff where a freed slot is handed to the next waiter, so that its continuation does not run
     *            on the releasing thread (which may hold Scandium locks)
     */
    HandshakeLimiter(String name, int max, Executor handOff) {
        if (max < 1) {
            throw new IllegalArgumentException(name + ": at least one concurrent handshake, not " + max);
        }
        this.name = name;
        this.max = max;
        this.handOff = handOff;
    }

    /** A slot now, or a stage completed when one frees up. Cancel the stage to leave the queue. */
    CompletableFuture<Permit> acquire() {
        synchronized (this) {
            if (inFlight < max) {
                taken();
                return CompletableFuture.completedFuture(new Permit());
            }
            CompletableFuture<Permit> waiter = new CompletableFuture<>();
            waiting.add(waiter);
            return waiter;
        }
    }

    /** A slot if one is free now; never queues. */
    synchronized Optional<Permit> tryAcquire() {
        if (inFlight < max) {
            taken();
            return Optional.of(new Permit());
        }
        return Optional.empty();
    }

    /** Whether a slot is free now (a hint: another thread may take it first). */
    synchronized boolean hasCapacity() {
        return inFlight < max;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    /** The most slots ever taken at once. */
    synchronized int peak() {
        return peak;
    }

    synchronized int waiting() {
        return (int) waiting.stream().filter(waiter -> !waiter.isDone()).count();
    }

    int max() {
        return max;
    }

    String name() {
        return name;
    }

    private void taken() {
        inFlight++;
        peak = Math.max(peak, inFlight);
    }

    private void release() {
        CompletableFuture<Permit> next;
        synchronized (this) {
            do {
                next = waiting.poll();
            } while (next != null && next.isDone());
            if (next == null) {
                inFlight--;
                return;
            }
            // The slot passes straight to the waiter: inFlight stays as it is.
        }
        CompletableFuture<Permit> waiter = next;
        Runnable handOver = () -> {
            Permit permit = new Permit();
            if (!waiter.complete(permit)) {
                // The waiter gave up (timeout, close) between poll and here: pass the slot on.
                permit.release();
            }
        };
        try {
            handOff.execute(handOver);
        } catch (RejectedExecutionException shuttingDown) {
            // The factory is closing: hand over here rather than lose the slot.
            handOver.run();
        }
    }
}
