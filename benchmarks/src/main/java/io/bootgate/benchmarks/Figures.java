/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import java.util.Locale;

/**
 * The figures of one measured round.
 *
 * @param label side and round, e.g. "bootgate rpk warm"
 * @param devices bootstraps started
 * @param seconds wall time of the round
 * @param p50Millis median time of a successful bootstrap (from its start to its outcome)
 * @param p99Millis 99th percentile of the same
 * @param cpuMillisPerBootstrap process CPU time of the round divided by its successful bootstraps
 * @param heapKbPerDevice heap after GC held per bootstrapped device (NaN where not measured)
 * @param liveThreads live threads of the JVM at the end of the round
 * @param failures bootstraps that did not succeed
 */
record Figures(
        String label,
        int devices,
        double seconds,
        double p50Millis,
        double p99Millis,
        double cpuMillisPerBootstrap,
        double heapKbPerDevice,
        int liveThreads,
        int failures) {

    static final String HEADER = String.format(
            Locale.ROOT,
            "%-30s %8s %10s %9s %9s %10s %12s %8s %8s",
            "side / round",
            "devices",
            "boots/s",
            "p50 ms",
            "p99 ms",
            "CPU ms/bs",
            "heap KB/dev",
            "threads",
            "failures");

    int successes() {
        return devices - failures;
    }

    double bootstrapsPerSecond() {
        return successes() / seconds;
    }

    Figures withHeap(double kbPerDevice) {
        return new Figures(
                label,
                devices,
                seconds,
                p50Millis,
                p99Millis,
                cpuMillisPerBootstrap,
                kbPerDevice,
                liveThreads,
                failures);
    }

    String row() {
        return String.format(
                Locale.ROOT,
                "%-30s %8d %10.1f %9.1f %9.1f %10.2f %12s %8d %8d",
                label,
                devices,
                bootstrapsPerSecond(),
                p50Millis,
                p99Millis,
                cpuMillisPerBootstrap,
                Double.isNaN(heapKbPerDevice) ? "-" : String.format(Locale.ROOT, "%.1f", heapKbPerDevice),
                liveThreads,
                failures);
    }
}
