/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Bounds the bootstrap attempts in flight across all devices. When 10,000 devices power up at once, each
 * attempt's DTLS handshake competes for the same two cores: letting all start makes every one of them slow,
 * and attempts whose handshakes queue for minutes would run into their EXCHANGE_LIFETIME. Admitted attempts
 * instead finish at the rate the machine can sustain, and the others wait their turn, first come first
 * served, without holding a thread.
 * <p>
 * A {@link Slot} is held from the start of an attempt to its end and released exactly once. A waiting
 * device's {@link Ticket} is granted a slot in order of arrival, on the engine's scheduler; a ticket
 * cancelled meanwhile (device removed, run requested again) leaves the queue.
 */
final class AttemptAdmission {

    /** The right of one attempt to run; {@link #release()} is idempotent. */
    final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                released();
            }
        }
    }

    /** A device's place in the queue. */
    final class Ticket {
        private final Consumer<Slot> onAdmitted;

        private Ticket(Consumer<Slot> onAdmitted) {
            this.onAdmitted = onAdmitted;
        }

        /** Leaves the queue; a no-op once the slot was granted (the grant then finds the ticket stale). */
        void cancel() {
            synchronized (AttemptAdmission.this) {
                waiting.remove(this);
            }
        }
    }

    private final Consumer<Runnable> dispatcher;
    private final Deque<Ticket> waiting = new ArrayDeque<>();
    private int limit;
    private int running;

    /**
     * @param limit attempts in flight at most
     * @param dispatcher runs a granted ticket's callback (the engine's scheduler), never on the releasing
     *            caller's stack, which may hold another device's lock
     */
    AttemptAdmission(int limit, Consumer<Runnable> dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        setLimit(limit);
    }

    /** Changes the limit in place; a raised limit admits waiting devices at once. */
    void setLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the attempt limit must be at least 1, got " + limit);
        }
        synchronized (this) {
            this.limit = limit;
        }
        grantWaiting();
    }

    /** A slot now, or {@code null} when the limit is reached or others are already waiting. */
    synchronized Slot tryAcquire() {
        if (running < limit && waiting.isEmpty()) {
            running++;
            return new Slot();
        }
        return null;
    }

    /** Joins the queue; {@code onAdmitted} gets the slot later, through the dispatcher. */
    Ticket enqueue(Consumer<Slot> onAdmitted) {
        Ticket ticket = new Ticket(onAdmitted);
        synchronized (this) {
            waiting.addLast(ticket);
        }
        // A slot may have come free between a failed tryAcquire and now.
        grantWaiting();
        return ticket;
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized int limit() {
        return limit;
    }

    private void released() {
        synchronized (this) {
            running--;
        }
        grantWaiting();
    }

    private void grantWaiting() {
        while (true) {
            Ticket next;
            synchronized (this) {
                if (running >= limit || waiting.isEmpty()) {
                    return;
                }
                next = waiting.pollFirst();
                running++;
            }
            Slot slot = new Slot();
            try {
                dispatcher.accept(() -> next.onAdmitted.accept(slot));
            } catch (RuntimeException e) {
                // The engine stopped: nobody will run the callback, so the slot is not kept.
                slot.release();
                throw e;
            }
        }
    }
}
