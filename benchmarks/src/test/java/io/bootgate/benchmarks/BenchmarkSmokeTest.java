/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The harness on a few devices: every scenario prints every figure, and failures are counted. No figure's value is
 * checked beyond being there and plausible: performance is read from the benchmark's output, not asserted.
 */
class BenchmarkSmokeTest {

    @Test
    void everyScenarioPrintsEveryFigureAndTheRatios() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Figures> figures;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            figures = new Benchmark(Benchmark.Options.parse("--devices", "20", "--warmup", "4"), out).run();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(figures)
                .extracting(Figures::label)
                .containsExactly(
                        "scandium ceiling cold",
                        "scandium ceiling warm",
                        "scandium ceiling x25519 cold",
                        "scandium ceiling x25519 warm",
                        "bootgate rpk cold",
                        "bootgate rpk warm",
                        "bootgate rpk re-bootstrap",
                        "bootgate x509 cold",
                        "bootgate x509 warm",
                        "bootgate storm cold",
                        "bootgate storm warm",
                        "leshan cold",
                        "leshan warm",
                        "bootgate registration",
                        "leshan clients registration");
        for (Figures round : figures) {
            assertThat(round.failures()).as(round.label() + " failures").isZero();
            assertThat(round.devices()).isEqualTo(round.label().endsWith("cold") ? 4 : 20);
            assertThat(round.bootstrapsPerSecond()).as(round.label()).isPositive();
            assertThat(round.p50Millis()).as(round.label()).isPositive().isLessThanOrEqualTo(round.p99Millis());
            assertThat(round.cpuMillisPerBootstrap()).as(round.label()).isPositive();
            assertThat(round.liveThreads()).as(round.label()).isPositive();
            assertThat(printed).contains(round.row());
            if (round.label().endsWith("warm")) {
                assertThat(round.heapKbPerDevice()).as(round.label()).isNotNaN();
            }
        }
        assertThat(printed)
                .contains(Figures.HEADER)
                .contains("ratio ours / ceiling:")
                .contains("ratio ours / ceiling with X25519:")
                .contains("ratio ours / Leshan:")
                .contains("Leshan heap / ours:")
                .contains("load average")
                .contains("bootgate registration: UDP sockets ")
                .contains("when all ended, for 20 registrations")
                .contains("ratio registration ours / Leshan clients:")
                .contains("bootgate rpk warm: bootstrap server DTLS handshakes (full or resumed): ")
                // Fresh devices have no session to offer; the same devices bootstrapping again resume theirs.
                .contains("bootgate rpk warm: bootstrap server DTLS handshakes (full or resumed): 20 started, 20"
                        + " completed; sessions resumed: 0 of 0 offered")
                .contains("bootgate rpk re-bootstrap: bootstrap server DTLS handshakes (full or resumed): 20 started,"
                        + " 20 completed; sessions resumed: 20 of 20 offered");
    }

    @Test
    void aRefusedBootstrapCountsAsOneFailure() throws Exception {
        try (BootgateSide side = new BootgateSide(BootgateSide.Credentials.RPK, Optional.empty())) {
            List<String> endpoints = side.provision("refused", 4);
            side.removeServerConfig(endpoints.get(2));
            Run run = new Run(endpoints.size(), 4);

            side.bootstrap(endpoints, run);
            run.await(240);

            assertThat(run.failures()).isEqualTo(1);
            assertThat(run.successes()).isEqualTo(3);
            assertThat(run.firstFailures()).singleElement().asString().startsWith(endpoints.get(2) + ": ");
            Figures figures = new Figures("refused", 4, 1.0, 1, 2, 1, Double.NaN, 1, run.failures());
            assertThat(figures.bootstrapsPerSecond()).isEqualTo(3.0);
            assertThat(figures.row()).endsWith(" 1");
        }
    }

    @Test
    void unfinishedBootstrapsCountAsFailures() throws Exception {
        Run run = new Run(3, 3);
        run.start(run::succeeded);
        run.await(1);

        assertThat(run.successes()).isEqualTo(1);
        assertThat(run.failures()).isEqualTo(2);
        assertThat(run.firstFailures()).singleElement().asString().contains("2 bootstrap(s) not ended");
    }

    @Test
    void badOptionsAreRefusedByName() {
        assertThatThrownBy(() -> Benchmark.Options.parse("--scenarios", "bootgate,nope"))
                .hasMessageContaining("unknown scenario 'nope'");
        assertThatThrownBy(() -> Benchmark.Options.parse("--devices"))
                .hasMessageContaining("option --devices needs a value");
        assertThatThrownBy(() -> Benchmark.Options.parse("--scenarios", "rebootstrap"))
                .hasMessageContaining("'rebootstrap' needs scenario 'bootgate'");
        assertThat(Benchmark.Options.parse())
                .isEqualTo(new Benchmark.Options(1000, 500, 32, new java.util.LinkedHashSet<>(Benchmark.SCENARIOS)));
    }
}
