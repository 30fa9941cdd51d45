/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Modes registered and unregistered at run time, driven through the engine's bind/unbind methods exactly as
 * Declarative Services calls them for a dynamic, multiple reference.
 */
class HotSwapTest {

    private static final String DEV = "dev1";

    private static ScriptedMode bootstrapsWithServer101(EngineFixture f, String name) {
        return new ScriptedMode(name, ctx -> f.bootstrapServer()
                .delete("/")
                .write("/0/1", serverSecurity(1, 101, "coap://127.0.0.1:5683"))
                .write("/1/0", server(0, 101))
                .finish()
                .run(ctx));
    }

    @Test
    void aSessionInFlightKeepsItsModeAndTheNewModeServesTheNextAttempt() {
        try (EngineFixture f = new EngineFixture()) {
            CompletableFuture<BootstrapOutcome> oldSession = new CompletableFuture<>();
            ScriptedMode oldVersion = new ScriptedMode("client-initiated", ctx -> oldSession);
            f.install(oldVersion);
            CompletionStage<BootstrapOutcome> firstRun = f.addDevice(DEV, "client-initiated");
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPING);

            // The mode's bundle is updated while its session runs: old service unbound, new one bound.
            f.uninstall(oldVersion);
            ScriptedMode newVersion = bootstrapsWithServer101(f, "client-initiated");
            f.install(newVersion);

            // The old session is not disturbed: its bootstrap server finishes it through the old mode.
            BootstrapContext inFlight = oldVersion.attempts().get(0);
            f.bootstrapServer()
                    .delete("/")
                    .write("/0/1", serverSecurity(1, 101, "coap://127.0.0.1:5683"))
                    .write("/1/0", server(0, 101))
                    .finish()
                    .run(inFlight)
                    .thenAccept(oldSession::complete);
            f.scheduler.runDue();

            assertThat(firstRun.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(newVersion.attempts()).isEmpty();
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);

            CompletionStage<BootstrapOutcome> secondRun = f.engine.requestBootstrap(DEV);
            f.scheduler.runDue();

            assertThat(secondRun.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(newVersion.attempts()).hasSize(1);
            assertThat(oldVersion.attempts()).hasSize(1);
        }
    }

    @Test
    void aModeInstalledAtRunTimeIsUsedFromTheNextRun() {
        try (EngineFixture f = new EngineFixture()) {
            CompletionStage<BootstrapOutcome> firstRun = f.addDevice(DEV, "smartcard");
            assertThat(firstRun.toCompletableFuture().join().status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BACKING_OFF);

            ScriptedMode smartcard = bootstrapsWithServer101(f, "smartcard");
            f.install(smartcard);
            f.scheduler.advance(Duration.ofSeconds(60));

            assertThat(smartcard.attempts()).hasSize(1);
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
        }
    }

    @Test
    void anUninstalledModeIsSkippedByLaterRunsWhileItsSessionEndsNormally() {
        try (EngineFixture f = new EngineFixture()) {
            CompletableFuture<BootstrapOutcome> session = new CompletableFuture<>();
            ScriptedMode factory = new ScriptedMode("factory", ctx -> session);
            ScriptedMode clientInitiated = bootstrapsWithServer101(f, "client-initiated");
            f.install(factory);
            f.install(clientInitiated);
            CompletionStage<BootstrapOutcome> run = f.addDevice(DEV, "factory", "client-initiated");

            f.uninstall(factory);
            assertThat(f.engine.installedModes()).containsExactly("client-initiated");
            // The uninstalled mode's session fails (its bundle went away); the run falls back as usual.
            session.complete(BootstrapOutcome.failure("factory mode stopped"));
            f.scheduler.runDue();

            assertThat(run.toCompletableFuture()).isCompletedWithValue(BootstrapOutcome.success());
            assertThat(clientInitiated.attempts()).hasSize(1);

            f.engine.requestBootstrap(DEV);
            f.scheduler.runDue();
            assertThat(factory.attempts()).hasSize(1);
            assertThat(clientInitiated.attempts()).hasSize(2);
        }
    }
}
