/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Admission control: at most {@code maxConcurrentAttempts} attempts in flight, the others PENDING in order of
 * arrival, their EXCHANGE_LIFETIME counted from their admission; and the first-start jitter. On the fake clock
 * and scheduler, with a mode whose attempts end only when the test says (the deterministic gate).
 */
class AttemptAdmissionTest {

    /** A mode whose attempts stay in flight until the test completes them; counts how many run at once. */
    private static final class GatedMode {
        final Map<String, CompletableFuture<BootstrapOutcome>> gates = new ConcurrentHashMap<>();
        final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
        final List<String> started = new ArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final ScriptedMode mode;

        private final EngineFixture fixture;

        GatedMode(EngineFixture f) {
            this.fixture = f;
            mode = new ScriptedMode("gated", this::attempt);
            f.install(mode);
        }

        private CompletableFuture<BootstrapOutcome> attempt(BootstrapContext context) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<BootstrapOutcome> gate = new CompletableFuture<>();
            gate.whenComplete((outcome, error) -> inFlight.decrementAndGet());
            gates.put(context.endpoint(), gate);
            startedAt.put(context.endpoint(), fixture.clock.instant());
            synchronized (started) {
                started.add(context.endpoint());
            }
            // An attempt the engine ends (EXCHANGE_LIFETIME) is closed: leave the count then too.
            context.closed().thenRun(() -> gate.complete(BootstrapOutcome.failure("closed by the engine")));
            return gate;
        }

        void finish(String endpoint) {
            gates.get(endpoint).complete(BootstrapOutcome.failure("gate opened by the test"));
        }
    }

    private static BootstrapState state(EngineFixture f, String endpoint) {
        return f.engine.state(endpoint).orElseThrow().state();
    }

    private static void add(EngineFixture f, String... endpoints) {
        for (String endpoint : endpoints) {
            f.engine.addDevice(DeviceBootstrapConfig.of(endpoint, List.of("gated")));
        }
        f.scheduler.runDue();
    }

    private static EngineSettings limit(int attempts) {
        return EngineSettings.defaults().withAdmission(attempts, Duration.ZERO);
    }

    @Test
    void neverMoreThanTheLimitRunAndEveryWaitingDeviceRunsInTurn() {
        try (EngineFixture f = new EngineFixture(limit(3))) {
            GatedMode gated = new GatedMode(f);
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                devices.add("dev" + i);
            }
            add(f, devices.toArray(new String[0]));

            assertThat(gated.started).containsExactly("dev0", "dev1", "dev2");
            assertThat(f.engine.attemptsRunning()).isEqualTo(3);
            assertThat(f.engine.attemptsQueued()).isEqualTo(7);
            assertThat(state(f, "dev2")).isEqualTo(BootstrapState.BOOTSTRAPPING);
            for (String waiting : devices.subList(3, 10)) {
                assertThat(state(f, waiting)).as(waiting).isEqualTo(BootstrapState.PENDING);
            }

            // Open the gates one at a time, newest attempt first (unlike the start order): each frees one slot.
            for (int opened = 0; opened < devices.size(); opened++) {
                String newestInFlight;
                synchronized (gated.started) {
                    newestInFlight = gated.started.stream()
                            .filter(device -> !gated.gates.get(device).isDone())
                            .reduce((older, newer) -> newer)
                            .orElseThrow();
                }
                gated.finish(newestInFlight);
                f.scheduler.runDue();
                assertThat(gated.inFlight.get()).isLessThanOrEqualTo(3);
                assertThat(f.engine.attemptsRunning()).isEqualTo(gated.inFlight.get());
            }

            assertThat(gated.started).containsExactlyInAnyOrderElementsOf(devices);
            // Admitted in order of arrival.
            assertThat(gated.started).containsExactlyElementsOf(devices);
            assertThat(gated.maxInFlight.get()).isEqualTo(3);
            assertThat(f.engine.attemptsRunning()).isZero();
            assertThat(f.engine.attemptsQueued()).isZero();
            for (String device : devices) {
                assertThat(state(f, device)).as(device).isEqualTo(BootstrapState.BACKING_OFF);
            }
        }
    }

    @Test
    void theExchangeLifetimeOfAQueuedDeviceStartsWhenItIsAdmitted() {
        try (EngineFixture f = new EngineFixture(limit(1))) {
            GatedMode gated = new GatedMode(f);
            add(f, "first", "second");
            assertThat(gated.started).containsExactly("first");

            // "first" never finishes: its slot is freed by its EXCHANGE_LIFETIME (247 s) only.
            f.scheduler.advance(Duration.ofSeconds(246));
            assertThat(gated.started).containsExactly("first");
            assertThat(state(f, "second")).isEqualTo(BootstrapState.PENDING);
            f.scheduler.advance(Duration.ofSeconds(1));
            assertThat(state(f, "first")).isEqualTo(BootstrapState.BACKING_OFF);
            assertThat(f.engine
                            .state("first")
                            .orElseThrow()
                            .lastOutcome()
                            .orElseThrow()
                            .detail())
                    .contains("no Bootstrap-Finish within 247 s");
            assertThat(gated.started).containsExactly("first", "second");
            assertThat(gated.startedAt.get("second")).isEqualTo(EngineFixture.START.plusSeconds(247));

            // "second" waited 247 s in the queue; that does not count against its own lifetime.
            f.scheduler.advance(Duration.ofSeconds(246));
            assertThat(state(f, "second")).isEqualTo(BootstrapState.BOOTSTRAPPING);
            // Meanwhile (60 s after its failure) "first" retried, and waits behind "second".
            assertThat(state(f, "first")).isEqualTo(BootstrapState.PENDING);
            assertThat(f.engine.attemptsQueued()).isEqualTo(1);
            f.scheduler.advance(Duration.ofSeconds(1));
            assertThat(state(f, "second")).isEqualTo(BootstrapState.BACKING_OFF);
            assertThat(state(f, "first")).isEqualTo(BootstrapState.BOOTSTRAPPING);
            assertThat(f.engine.attemptsRunning()).isEqualTo(1);
        }
    }

    @Test
    void aRemovedOrRestartedQueuedDeviceGivesItsTurnAway() {
        try (EngineFixture f = new EngineFixture(limit(1))) {
            GatedMode gated = new GatedMode(f);
            add(f, "a", "b", "c");
            assertThat(f.engine.attemptsQueued()).isEqualTo(2);

            assertThat(f.engine.removeDevice("b")).isTrue();
            assertThat(f.engine.attemptsQueued()).isEqualTo(1);
            // A requested run of a queued device queues it again, once, at the end.
            f.engine.requestBootstrap("c");
            f.scheduler.runDue();
            assertThat(f.engine.attemptsQueued()).isEqualTo(1);

            gated.finish("a");
            f.scheduler.runDue();
            assertThat(gated.started).containsExactly("a", "c");
            assertThat(f.engine.attemptsRunning()).isEqualTo(1);
            gated.finish("c");
            f.scheduler.runDue();
            assertThat(f.engine.attemptsRunning()).isZero();
            assertThat(f.engine.attemptsQueued()).isZero();
        }
    }

    @Test
    void raisingTheLimitAdmitsWaitingDevicesAtOnce() {
        try (EngineFixture f = new EngineFixture(limit(1))) {
            GatedMode gated = new GatedMode(f);
            add(f, "a", "b", "c");
            assertThat(gated.started).containsExactly("a");

            f.engine.updateSettings(limit(3));
            f.scheduler.runDue();

            assertThat(gated.started).containsExactly("a", "b", "c");
            assertThat(f.engine.attemptsQueued()).isZero();
        }
    }

    @Test
    void aFirstStartWaitsItsShareOfTheJitter() {
        EngineSettings settings = EngineSettings.defaults().withAdmission(32, Duration.ofMillis(2000));
        try (EngineFixture f = new EngineFixture(settings, () -> 0.5)) {
            GatedMode gated = new GatedMode(f);
            add(f, "dev");
            assertThat(state(f, "dev")).isEqualTo(BootstrapState.PENDING);
            assertThat(f.engine.state("dev").orElseThrow().nextRun()).contains(EngineFixture.START.plusMillis(1000));

            f.scheduler.advance(Duration.ofMillis(999));
            assertThat(gated.started).isEmpty();
            f.scheduler.advance(Duration.ofMillis(1));
            assertThat(gated.started).containsExactly("dev");
        }
    }
}
