/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.security.HandshakeStatistics;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class HandshakeAdmissionHealthCheckTest {

    /** Counters set by the test, as the dtls bundle's factory would count them. */
    private static final class Counters implements HandshakeStatistics {
        volatile long dropped;

        @Override
        public long serverHandshakesStarted() {
            return 12;
        }

        @Override
        public long serverHandshakesCompleted() {
            return 10;
        }

        @Override
        public long serverHandshakesFailed() {
            return 1;
        }

        @Override
        public long droppedClientHellos() {
            return dropped;
        }

        @Override
        public int serverHandshakesRunning() {
            return 1;
        }

        @Override
        public int maxServerHandshakes() {
            return 4;
        }

        @Override
        public long clientSessionsOffered() {
            return 0;
        }

        @Override
        public long clientSessionsResumed() {
            return 0;
        }
    }

    @Test
    void warnsOnlyWhileNewDropsAppearBetweenExecutions() {
        Counters counters = new Counters();
        HandshakeAdmissionHealthCheck check = new HandshakeAdmissionHealthCheck(counters);

        Result quiet = check.execute();
        assertThat(quiet.getStatus()).isEqualTo(Result.Status.OK);
        assertThat(ResultText.of(quiet)).contains("12 started, 10 completed, 1 failed, 1 running of at most 4");

        counters.dropped = 3;
        Result dropping = check.execute();
        assertThat(dropping.getStatus()).isEqualTo(Result.Status.WARN);
        assertThat(ResultText.of(dropping)).contains("3 ClientHello(s) dropped since the last check (3 in all)");

        Result calmAgain = check.execute();
        assertThat(calmAgain.getStatus()).isEqualTo(Result.Status.OK);
        assertThat(ResultText.of(calmAgain)).contains("(3 in all)");
    }

    @Test
    void dropsBeforeTheFirstExecutionCount() {
        Counters counters = new Counters();
        counters.dropped = 7;

        Result result = new HandshakeAdmissionHealthCheck(counters).execute();

        assertThat(result.getStatus()).isEqualTo(Result.Status.WARN);
    }

    @Test
    void noStatisticsServiceIsCritical() {
        assertThat(new HandshakeAdmissionHealthCheck(null).execute().getStatus())
                .isEqualTo(Result.Status.CRITICAL);
    }
}
