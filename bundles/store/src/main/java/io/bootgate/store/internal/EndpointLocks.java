/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.store.EndpointBusyException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One writer slot per endpoint. A slot exists only while somebody holds or waits for it, so idle endpoints
 * cost nothing here.
 * <p>
 * A semaphore rather than a lock: a bootstrap session's transaction is begun on one thread and committed
 * on another (each CoAP request arrives on a pool thread), which an owner-bound lock would forbid.
 */
final class EndpointLocks {

    /** The writer slot of one endpoint. {@code users} is changed only inside the map's compute. */
    static final class Slot {
        private final Semaphore permit = new Semaphore(1, true);
        private int users;
        private volatile String holder = "";
        private volatile Instant since = Instant.EPOCH;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * Takes the endpoint's slot, waiting up to {@code timeout}.
     *
     * @param purpose what the holder will do, shown to those who wait in vain
     * @throws EndpointBusyException after the timeout or on interruption (the interrupt status is kept)
     */
    Slot acquire(String endpoint, Duration timeout, String purpose) {
        Slot slot = slots.compute(endpoint, (k, s) -> {
            Slot result = s == null ? new Slot() : s;
            result.users++;
            return result;
        });
        boolean acquired = false;
        try {
            acquired = slot.permit.tryAcquire(nanos(timeout), TimeUnit.NANOSECONDS);
            if (!acquired) {
                throw new EndpointBusyException(
                        endpoint,
                        "endpoint '" + endpoint + "' has an open transaction (" + slot.holder + ", since " + slot.since
                                + "); waited " + timeout.toMillis() + " ms");
            }
            slot.holder = purpose + " on thread " + Thread.currentThread().getName();
            slot.since = Instant.now();
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointBusyException(
                    endpoint, "interrupted while waiting for the open transaction of endpoint '" + endpoint + "'");
        } finally {
            if (!acquired) {
                leave(endpoint, slot);
            }
        }
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        // Durations beyond ~292 years do not fit in nanoseconds; they mean "wait as long as it takes".
        return timeout.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : timeout.toNanos();
    }

    /** Gives the slot back; the caller must hold it. */
    void release(String endpoint, Slot slot) {
        slot.holder = "";
        slot.permit.release();
        leave(endpoint, slot);
    }

    private void leave(String endpoint, Slot slot) {
        slots.computeIfPresent(endpoint, (k, s) -> {
            if (s != slot) {
                throw new IllegalStateException("writer slot of endpoint '" + endpoint + "' was replaced");
            }
            return --s.users == 0 ? null : s;
        });
    }

    /** Slots currently held or waited for; for tests of the idle cost. */
    int activeSlots() {
        return slots.size();
    }
}
