/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final RetrySettings SETTINGS =
            new RetrySettings(Duration.ofSeconds(60), 5, Duration.ofHours(1), 0, Duration.ofMinutes(30), 0.1);

    @Test
    void delaysDoubleWithinASequenceAndAreCappedByTheMaximum() {
        RetryPolicy policy = new RetryPolicy(() -> 0.0);
        assertThat(policy.nextDelay(SETTINGS, 1)).contains(Duration.ofSeconds(60));
        assertThat(policy.nextDelay(SETTINGS, 2)).contains(Duration.ofSeconds(120));
        assertThat(policy.nextDelay(SETTINGS, 3)).contains(Duration.ofSeconds(240));
        assertThat(policy.nextDelay(SETTINGS, 4)).contains(Duration.ofSeconds(480));
        // The sequence delay (1 h) is above the maximum (30 min): capped.
        assertThat(policy.nextDelay(SETTINGS, 5)).contains(Duration.ofMinutes(30));
        assertThat(policy.nextDelay(SETTINGS, 6)).contains(Duration.ofSeconds(60));
        // Unlimited sequences never give up.
        assertThat(policy.nextDelay(SETTINGS, 5_000_000)).isPresent();
    }

    @Test
    void jitterAddsUpToItsShareAndNeverExceedsTheMaximum() {
        RetryPolicy highest = new RetryPolicy(() -> 0.999_999);
        Duration delay = highest.nextDelay(SETTINGS, 1).orElseThrow();
        assertThat(delay).isGreaterThan(Duration.ofSeconds(65)).isLessThanOrEqualTo(Duration.ofSeconds(66));
        assertThat(highest.nextDelay(SETTINGS, 5)).contains(Duration.ofMinutes(30));
        assertThat(new RetryPolicy(() -> 0.5).nextDelay(SETTINGS, 2)).contains(Duration.ofSeconds(126));
    }

    @Test
    void givesUpAfterTheConfiguredSequences() {
        RetrySettings bounded =
                new RetrySettings(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 3, Duration.ofDays(1), 0.0);
        assertThat(RetryPolicy.baseDelay(bounded, 4)).contains(Duration.ofSeconds(10));
        assertThat(RetryPolicy.baseDelay(bounded, 5)).contains(Duration.ofSeconds(1));
        assertThat(RetryPolicy.baseDelay(bounded, 6)).isEqualTo(Optional.empty());
    }

    @Test
    void hugeRunCountsDoNotOverflow() {
        RetrySettings longSequence = new RetrySettings(
                Duration.ofDays(300), Integer.MAX_VALUE, Duration.ofSeconds(1), 0, Duration.ofDays(1), 1.0);
        assertThat(new RetryPolicy(() -> 0.999).nextDelay(longSequence, 1_000)).contains(Duration.ofDays(1));
    }
}
