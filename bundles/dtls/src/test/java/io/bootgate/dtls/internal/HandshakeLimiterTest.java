/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HandshakeLimiterTest {

    private final HandshakeLimiter limiter = new HandshakeLimiter("test", 2, Runnable::run);

    @Test
    void grantsUpToTheBoundThenQueues() {
        CompletableFuture<HandshakeLimiter.Permit> first = limiter.acquire();
        CompletableFuture<HandshakeLimiter.Permit> second = limiter.acquire();
        CompletableFuture<HandshakeLimiter.Permit> third = limiter.acquire();

        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(limiter.tryAcquire()).isEmpty();
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.waiting()).isEqualTo(1);

        first.join().release();

        assertThat(third).isCompleted();
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.peak()).isEqualTo(2);
    }

    @Test
    void releaseIsIdempotentAndCancelledWaitersAreSkipped() {
        HandshakeLimiter.Permit first = limiter.acquire().join();
        HandshakeLimiter.Permit second = limiter.acquire().join();
        CompletableFuture<HandshakeLimiter.Permit> gaveUp = limiter.acquire();
        CompletableFuture<HandshakeLimiter.Permit> patient = limiter.acquire();
        gaveUp.cancel(false);

        first.release();
        first.release();

        assertThat(patient).isCompleted();
        assertThat(limiter.inFlight()).isEqualTo(2);
        second.release();
        patient.join().release();
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.hasCapacity()).isTrue();
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new HandshakeLimiter("none", 0, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
