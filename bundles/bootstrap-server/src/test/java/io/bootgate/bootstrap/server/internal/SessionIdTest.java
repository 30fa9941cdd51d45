/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Session ids: increasing within a run, and never those of an earlier run after a restart. */
class SessionIdTest {

    @Test
    void idsAreStartTimesMadeUniqueWithinAMillisecondAndAcrossRestarts() {
        long start = Instant.parse("2026-12-04T17:00:00Z").toEpochMilli();

        long first = BootstrapServerEngine.nextSessionId(0, start);
        long second = BootstrapServerEngine.nextSessionId(first, start);
        long third = BootstrapServerEngine.nextSessionId(second, start);
        long later = BootstrapServerEngine.nextSessionId(third, start + 60_000);

        assertThat(first).isEqualTo(start);
        assertThat(second).isEqualTo(start + 1);
        assertThat(third).isEqualTo(start + 2);
        assertThat(later).isEqualTo(start + 60_000);
        // A restart counts from scratch again, but the clock has moved on: the first id of the new run is above
        // every id of the earlier one (a counter from 1 would hand out "session 1" again).
        long afterRestart = BootstrapServerEngine.nextSessionId(0, start + 120_000);
        assertThat(afterRestart).isGreaterThan(later);
    }
}
