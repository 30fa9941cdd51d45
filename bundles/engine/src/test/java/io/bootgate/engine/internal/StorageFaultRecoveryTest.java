/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.engine.testkit.BootstrapServerScript;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.FaultyFileSystem;
import io.bootgate.engine.testkit.ScriptedMode;
import io.bootgate.engine.testkit.TestConfigs;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, failures 1, 2 and 4: the engine on the real store when the store cannot write (a full disk, through
 * the store's fault seam {@link FaultyFileSystem}) and when one device's entry is damaged (bytes flipped in the
 * real store file).
 */
class StorageFaultRecoveryTest {

    @TempDir
    Path dir;

    private final List<BootstrapServerScript> scripts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void install() {
        FaultyFileSystem.install();
    }

    @AfterEach
    void clearFault() {
        FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
    }

    private static MvObjectStore faultyStore(Path directory) {
        return MvObjectStore.open(StoreOptions.persistent(directory, ObjectModelRegistry::standard)
                .withSyncOnCommit(false)
                .withFileSystemScheme(FaultyFileSystem.SCHEME)
                .withRecoveryRetry(Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    /** A "client-initiated" mode whose bootstrap server writes a consistent configuration and finishes. */
    private ScriptedMode clientInitiated(EngineFixture f) {
        return clientInitiated(f, FaultyFileSystem.Fault.NONE);
    }

    /** @param fault set when the first attempt starts: its Finish meets it */
    private ScriptedMode clientInitiated(EngineFixture f, FaultyFileSystem.Fault fault) {
        ScriptedMode mode = new ScriptedMode(BootstrapModeName.CLIENT_INITIATED, ctx -> {
            if (scripts.isEmpty() && fault != FaultyFileSystem.Fault.NONE) {
                FaultyFileSystem.set(fault);
            }
            BootstrapServerScript script = f.bootstrapServer()
                    .write("/0/1", TestConfigs.serverSecurity(1, 201, "coap://127.0.0.1:5693"))
                    .write("/1/0", TestConfigs.server(0, 201))
                    .finish();
            scripts.add(script);
            return script.run(ctx);
        });
        f.install(mode);
        return mode;
    }

    private static DeviceBootstrapStatus state(EngineFixture f, String endpoint) {
        return f.engine.state(endpoint).orElseThrow();
    }

    @Test
    void devicesBackOffWithTheCauseDuringAFullDiskAndBootstrapPromptlyOnceItHeals() {
        try (EngineFixture f =
                new EngineFixture(EngineSettings.defaults(), dir, StorageFaultRecoveryTest::faultyStore)) {
            f.store.addHealthListener(f.engine::storeHealthChanged);
            clientInitiated(f, FaultyFileSystem.Fault.DISK_FULL);
            f.store.createEndpoint("dev-a");
            f.store.createEndpoint("dev-b");

            f.addDevice("dev-a", "client-initiated");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> f.store.health().status() == StoreHealth.Status.DEGRADED);
            f.scheduler.runDue();

            // A device added while the store cannot write fails fast, marked with the cause, and backs off.
            f.addDevice("dev-b", "client-initiated");
            for (String endpoint : List.of("dev-a", "dev-b")) {
                DeviceBootstrapStatus status = state(f, endpoint);
                assertThat(status.state()).as(endpoint).isEqualTo(BootstrapState.BACKING_OFF);
                assertThat(status.lastOutcome()).as(endpoint).hasValueSatisfying(o -> assertThat(o.toString())
                        .containsIgnoringCase("stor"));
                assertThat(status.nextRun()).as(endpoint).isPresent();
            }
            assertThat(state(f, "dev-b").lastOutcome().orElseThrow().detail())
                    .contains("object store unavailable (DEGRADED): no space left on the device");

            // Space is back: the store heals by itself and the engine retries both at once, without a restart and
            // without waiting out the 60 s back-off (the fake clock does not move).
            FaultyFileSystem.set(FaultyFileSystem.Fault.NONE);
            await().atMost(Duration.ofSeconds(10)).until(() -> f.store.health().available());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                f.scheduler.runDue();
                return state(f, "dev-a").state() == BootstrapState.BOOTSTRAPPED
                        && state(f, "dev-b").state() == BootstrapState.BOOTSTRAPPED;
            });
            assertThat(f.clock.instant()).isEqualTo(EngineFixture.START);
            assertThat(f.snapshot("dev-a").value(LwM2mPath.of(1, 0, 0))).isPresent();
        }
    }

    /** Failure 4: the 5.00 of a Finish whose commit failed carried the store's exception text to the peer. */
    @Test
    void aFinishThatCannotBeStoredIsAnswered500WithAGenericDiagnostic() {
        try (EngineFixture f =
                new EngineFixture(EngineSettings.defaults(), dir, StorageFaultRecoveryTest::faultyStore)) {
            clientInitiated(f, FaultyFileSystem.Fault.DISK_FULL);
            f.store.createEndpoint("dev-a");

            f.addDevice("dev-a", "client-initiated");

            List<CoapResponse> responses = scripts.get(0).responses();
            CoapResponse finish = responses.get(responses.size() - 1);
            assertThat(finish.code()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
            assertThat(finish.diagnostic().orElseThrow())
                    .isEqualTo(Attempt.STORE_FAILED_DIAGNOSTIC)
                    .doesNotContain(dir.toString())
                    .doesNotContainIgnoringCase("mvstore")
                    .doesNotContain("org.h2")
                    .doesNotContain(StoreOptions.FILE_NAME);
        }
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheDeviceBackingOffInsteadOfThrowingOutOfTheStateMachine() {
        // Failure 1: runFailed read the retry settings from a store that could not be read and threw.
        try (EngineFixture f =
                new EngineFixture(EngineSettings.defaults(), dir, StorageFaultRecoveryTest::faultyStore)) {
            ScriptedMode gone = new ScriptedMode(BootstrapModeName.CLIENT_INITIATED, ctx -> {
                FaultyFileSystem.set(FaultyFileSystem.Fault.GONE);
                f.store.close();
                return java.util.concurrent.CompletableFuture.completedFuture(
                        io.bootgate.api.bootstrap.BootstrapOutcome.failure("bootstrap server unreachable"));
            });
            f.install(gone);
            f.store.createEndpoint("dev-c");

            f.addDevice("dev-c", "client-initiated");

            DeviceBootstrapStatus status = state(f, "dev-c");
            assertThat(status.state()).isIn(BootstrapState.BACKING_OFF, BootstrapState.FAILED);
            assertThat(status.lastOutcome()).isPresent();
            assertThat(status.currentMode()).isEmpty();
        }
    }

    @Test
    void aQuarantinedDeviceWaitsForRecoveryWhileTheOthersBootstrap() throws Exception {
        byte[] marker = new byte[256];
        new java.util.Random(13).nextBytes(marker);
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            store.createEndpoint("damaged");
            try (var tx = store.begin("damaged")) {
                tx.write(
                        LwM2mPath.of(0, 0),
                        ObjectInstance.of(0, SingleResource.ofOpaque(3, marker)),
                        io.bootgate.api.store.WriteMode.REPLACE);
                tx.commit();
            }
        }
        flip(dir.resolve(StoreOptions.FILE_NAME), java.util.Arrays.copyOfRange(marker, 100, 164));

        try (EngineFixture f = new EngineFixture(
                EngineSettings.defaults(),
                dir,
                d -> MvObjectStore.open(StoreOptions.persistent(d, ObjectModelRegistry::standard)))) {
            f.store.addListener(f.engine::storeChanged);
            clientInitiated(f);
            assertThat(f.store.quarantined()).singleElement().satisfies(q -> assertThat(q.endpoint())
                    .isEqualTo("damaged"));

            f.engine.addDevice(DeviceBootstrapConfig.of("damaged", List.of("client-initiated")));
            f.engine.addDevice(DeviceBootstrapConfig.of("healthy-1", List.of("client-initiated")));
            f.engine.addDevice(DeviceBootstrapConfig.of("healthy-2", List.of("client-initiated")));
            f.scheduler.runDue();

            DeviceBootstrapStatus quarantined = state(f, "damaged");
            assertThat(quarantined.state()).isEqualTo(BootstrapState.QUARANTINED);
            assertThat(quarantined.lastOutcome().orElseThrow().detail()).contains("quarantined");
            assertThat(quarantined.nextRun()).isEmpty();
            assertThat(state(f, "healthy-1").state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
            assertThat(state(f, "healthy-2").state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
            // Not retried in a loop: a day later it is still quarantined and no attempt was made.
            f.scheduler.advance(Duration.ofDays(1));
            assertThat(state(f, "damaged").state()).isEqualTo(BootstrapState.QUARANTINED);
            assertThat(scripts).hasSize(2);

            // Recovery: the operator deletes the entry, the engine bootstraps the device into a fresh one.
            assertThat(f.store.deleteEndpoint("damaged")).isTrue();
            f.scheduler.runDue();
            assertThat(state(f, "damaged").state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
            assertThat(f.store.quarantined()).isEmpty();
            assertThat(f.snapshot("damaged").value(LwM2mPath.of(1, 0, 0))).isPresent();
        }
    }

    private static void flip(Path file, byte[] needle) throws Exception {
        byte[] content = Files.readAllBytes(file);
        int hits = 0;
        for (int at = 0; at + needle.length <= content.length; at++) {
            if (java.util.Arrays.equals(content, at, at + needle.length, needle, 0, needle.length)) {
                for (int i = 0; i < needle.length; i++) {
                    content[at + i] ^= (byte) 0xA5;
                }
                hits++;
            }
        }
        assertThat(hits).as("copies of the entry in the file").isPositive();
        Files.write(file, content);
    }
}
