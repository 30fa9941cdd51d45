/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.api.bootstrap.BootstrapEvent.Type.ATTEMPT_ENDED;
import static io.bootgate.api.bootstrap.BootstrapEvent.Type.ATTEMPT_STARTED;
import static io.bootgate.api.bootstrap.BootstrapEvent.Type.BOOTSTRAPPED;
import static io.bootgate.api.bootstrap.BootstrapEvent.Type.GAVE_UP;
import static io.bootgate.api.bootstrap.BootstrapEvent.Type.MODE_SKIPPED;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Mode sequences: skipping, fallback, back-off with a fake clock. */
class BootstrapSequenceTest {

    private static ScriptedMode bootstrapsWithServer101(EngineFixture f, String name) {
        return new ScriptedMode(name, ctx -> f.bootstrapServer()
                .delete("/")
                .write("/0/1", serverSecurity(1, 101, "coap://127.0.0.1:5683"))
                .write("/1/0", server(0, 101))
                .finish()
                .run(ctx));
    }

    private static ScriptedMode failing(String name, String cause) {
        return new ScriptedMode(name, ctx -> CompletableFuture.completedFuture(BootstrapOutcome.failure(cause)));
    }

    @Test
    void aModeThatIsNotInstalledIsSkippedAndTheNextOneBootstraps() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode clientInitiated = bootstrapsWithServer101(f, "client-initiated");
            f.install(clientInitiated);

            CompletionStage<BootstrapOutcome> run = f.addDevice("dev1", "smartcard", "client-initiated");

            assertThat(run.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(f.eventTypes("dev1"))
                    .containsExactly(MODE_SKIPPED, ATTEMPT_STARTED, ATTEMPT_ENDED, BOOTSTRAPPED);
            assertThat(f.events.get(0).mode()).contains("smartcard");
            DeviceBootstrapStatus status = f.engine.state("dev1").orElseThrow();
            assertThat(status.state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
            assertThat(status.lastBootstrapped()).contains(EngineFixture.START);
            // Last Bootstrapped (/1/x/12) is recorded with the configuration it belongs to.
            assertThat(f.snapshot("dev1").value(LwM2mPath.of(Server.ID, 0, Server.LAST_BOOTSTRAPPED)))
                    .contains(ResourceValue.ofTime(EngineFixture.START));
        }
    }

    @Test
    void aScheduledRunCancelledAfterItStartedDoesNotRunAgain() throws Exception {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode clientInitiated = bootstrapsWithServer101(f, "client-initiated");
            f.install(clientInitiated);
            // Adding the device schedules its first run; the request supersedes it before it ran.
            f.engine.addDevice(
                    new DeviceBootstrapConfig("dev1", List.of("client-initiated"), Map.of(), Optional.empty()));
            CompletionStage<BootstrapOutcome> requested = f.engine.requestBootstrap("dev1");
            f.scheduler.runDue();
            assertThat(requested.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());

            // The superseded run had already started on a pool thread and was waiting for the device: it must
            // see it was cancelled rather than start a second run.
            f.scheduler.runCancelledAsIfAlreadyStarted();
            f.scheduler.runDue();

            assertThat(clientInitiated.attempts()).hasSize(1);
        }
    }

    @Test
    void failureFallsBackToTheNextMode() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode factory = failing("factory", "factory data inconsistent");
            ScriptedMode clientInitiated = bootstrapsWithServer101(f, "client-initiated");
            f.install(factory);
            f.install(clientInitiated);

            CompletionStage<BootstrapOutcome> run = f.addDevice("dev1", "factory", "client-initiated");

            assertThat(run.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(factory.attempts()).hasSize(1);
            assertThat(clientInitiated.attempts()).hasSize(1);
            assertThat(f.eventTypes("dev1"))
                    .containsExactly(ATTEMPT_STARTED, ATTEMPT_ENDED, ATTEMPT_STARTED, ATTEMPT_ENDED, BOOTSTRAPPED);
        }
    }

    @Test
    void whenEveryModeFailsTheSequenceIsRetriedWithExponentialBackOffAndThenGivenUp() {
        RetrySettings retry =
                new RetrySettings(Duration.ofSeconds(60), 3, Duration.ofHours(1), 2, Duration.ofDays(1), 0.0);
        try (EngineFixture f = new EngineFixture(EngineFixture.settings(retry))) {
            ScriptedMode factory = failing("factory", "no factory data");
            ScriptedMode clientInitiated = failing("client-initiated", "bootstrap server unreachable");
            f.install(factory);
            f.install(clientInitiated);

            CompletionStage<BootstrapOutcome> first = f.addDevice("dev1", "factory", "client-initiated");
            assertThat(first.toCompletableFuture().join().detail()).isEqualTo("bootstrap server unreachable");

            List<Duration> delays = new ArrayList<>();
            DeviceBootstrapStatus status = f.engine.state("dev1").orElseThrow();
            while (status.state() == BootstrapState.BACKING_OFF) {
                Duration delay =
                        Duration.between(f.clock.instant(), status.nextRun().orElseThrow());
                delays.add(delay);
                f.scheduler.advance(delay);
                status = f.engine.state("dev1").orElseThrow();
            }

            // Two sequences of three runs: 60 s, 120 s, then the sequence delay, then again, then give up.
            assertThat(delays)
                    .containsExactly(
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(120),
                            Duration.ofHours(1),
                            Duration.ofSeconds(60),
                            Duration.ofSeconds(120));
            assertThat(status.state()).isEqualTo(BootstrapState.FAILED);
            assertThat(status.failedRuns()).isEqualTo(6);
            assertThat(factory.attempts()).hasSize(6);
            assertThat(clientInitiated.attempts()).hasSize(6);
            assertThat(f.eventTypes("dev1")).endsWith(GAVE_UP);

            // An on-demand bootstrap resumes a device that was given up.
            f.engine.requestBootstrap("dev1");
            f.scheduler.runDue();
            assertThat(factory.attempts()).hasSize(7);
        }
    }

    @Test
    void retryResourcesOfTheServerObjectOverrideTheEngineDefaults() {
        RetrySettings retry =
                new RetrySettings(Duration.ofSeconds(60), 5, Duration.ofHours(1), 0, Duration.ofDays(1), 0.0);
        try (EngineFixture f = new EngineFixture(EngineFixture.settings(retry))) {
            // A Server instance without a Security instance: not a usable configuration, but it provisions
            // the communication retry resources /1/0/17-20.
            f.commit(
                    "dev1",
                    LwM2mPath.of(Server.ID),
                    server(0, 101)
                            .with(SingleResource.of(
                                    Server.COMMUNICATION_RETRY_COUNT, ResourceValue.ofUnsignedInteger(2)))
                            .with(SingleResource.of(
                                    Server.COMMUNICATION_RETRY_TIMER, ResourceValue.ofUnsignedInteger(10)))
                            .with(SingleResource.of(
                                    Server.COMMUNICATION_SEQUENCE_DELAY_TIMER, ResourceValue.ofUnsignedInteger(30)))
                            .with(SingleResource.of(
                                    Server.COMMUNICATION_SEQUENCE_RETRY_COUNT, ResourceValue.ofUnsignedInteger(2))));
            f.install(failing("client-initiated", "bootstrap server unreachable"));

            f.addDevice("dev1", "client-initiated");

            List<Duration> delays = new ArrayList<>();
            DeviceBootstrapStatus status = f.engine.state("dev1").orElseThrow();
            while (status.state() == BootstrapState.BACKING_OFF) {
                Duration delay =
                        Duration.between(f.clock.instant(), status.nextRun().orElseThrow());
                delays.add(delay);
                f.scheduler.advance(delay);
                status = f.engine.state("dev1").orElseThrow();
            }
            assertThat(delays).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10));
            assertThat(status.state()).isEqualTo(BootstrapState.FAILED);
        }
    }

    @Test
    void aRunWithNoInstalledModeFailsAndBacksOff() {
        try (EngineFixture f = new EngineFixture()) {
            CompletionStage<BootstrapOutcome> run = f.addDevice("dev1", "smartcard", "factory");

            BootstrapOutcome outcome = run.toCompletableFuture().join();
            assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(outcome.detail()).isEqualTo("none of the bootstrap modes [smartcard, factory] is installed");
            assertThat(f.engine.state("dev1").orElseThrow().state()).isEqualTo(BootstrapState.BACKING_OFF);
        }
    }

    @Test
    void aDeviceWithAConsistentStoredConfigurationIsNotBootstrappedAgainAfterARestart() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit("dev1", LwM2mPath.of(0), serverSecurity(1, 101, "coap://127.0.0.1:5683"));
            f.commit("dev1", LwM2mPath.of(Server.ID), server(0, 101));
            ScriptedMode clientInitiated = bootstrapsWithServer101(f, "client-initiated");
            f.install(clientInitiated);

            f.engine.addDevice(io.bootgate.api.bootstrap.DeviceBootstrapConfig.of("dev1", List.of("client-initiated")));
            f.scheduler.runDue();

            assertThat(clientInitiated.attempts()).isEmpty();
            assertThat(f.engine.state("dev1").orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
        }
    }

    @Test
    void aRunRequestedForOneModeRunsOnlyThatModeEvenWhenAnEarlierOneWouldSucceed() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode factory = bootstrapsWithServer101(f, "factory");
            ScriptedMode clientInitiated = bootstrapsWithServer101(f, "client-initiated");
            f.install(factory);
            f.install(clientInitiated);
            assertThat(f.addDevice("dev1", "factory", "client-initiated").toCompletableFuture())
                    .isCompletedWithValue(BootstrapOutcome.success());
            assertThat(factory.attempts()).hasSize(1);
            assertThat(clientInitiated.attempts()).isEmpty();

            CompletionStage<BootstrapOutcome> run = f.engine.requestBootstrap("dev1", "client-initiated");
            f.scheduler.runDue();

            assertThat(run.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(factory.attempts()).hasSize(1);
            assertThat(clientInitiated.attempts()).hasSize(1);
            assertThat(clientInitiated.attempts().get(0).modeName()).isEqualTo("client-initiated");

            // The device's own sequence is untouched: the next plain request starts with the factory mode again.
            CompletionStage<BootstrapOutcome> plain = f.engine.requestBootstrap("dev1");
            f.scheduler.runDue();
            assertThat(plain.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(factory.attempts()).hasSize(2);
            assertThat(clientInitiated.attempts()).hasSize(1);
        }
    }

    @Test
    void aRunRequestedForAModeThatIsNotInstalledSaysSoAndChangesNothing() {
        try (EngineFixture f = new EngineFixture()) {
            ScriptedMode factory = bootstrapsWithServer101(f, "factory");
            f.install(factory);
            f.addDevice("dev1", "factory", "client-initiated");
            int events = f.eventTypes("dev1").size();

            CompletionStage<BootstrapOutcome> run = f.engine.requestBootstrap("dev1", "client-initiated");
            f.scheduler.runDue();

            BootstrapOutcome outcome = run.toCompletableFuture().getNow(null);
            assertThat(outcome).isNotNull();
            assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(outcome.detail())
                    .contains("'client-initiated' is not installed")
                    .contains("factory");
            assertThat(factory.attempts()).hasSize(1);
            assertThat(f.eventTypes("dev1")).hasSize(events);
            assertThat(f.engine.state("dev1").orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.engine.requestBootstrap("nobody", "factory"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
