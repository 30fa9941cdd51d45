/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.engine.testkit.TestConfigs.bootstrapAccount;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.ClientInitiated;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client Hold Off Time and Bootstrap-Server Account Timeout, on the fake clock. */
class TimersTest {

    private static final String DEV = "dev1";

    private static ScriptedMode bootstrapsWithServer101(EngineFixture f) {
        // Keeps the bootstrap account: a real server rewrites the management accounts only.
        return new ScriptedMode(BootstrapModeName.CLIENT_INITIATED, ctx -> f.bootstrapServer()
                .write("/0/1", serverSecurity(1, 101, "coap://127.0.0.1:5683"))
                .write("/1/0", server(0, 101))
                .finish()
                .run(ctx));
    }

    @Test
    void clientHoldOffTimeIsWaitedBeforeAClientInitiatedAttempt() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, 30, -1));
            ScriptedMode mode = bootstrapsWithServer101(f);
            f.install(
                    mode,
                    Map.of(BootstrapModeName.PROPERTY, mode.name(), ClientInitiated.PROPERTY, true, "service.id", 7L));

            f.engine.addDevice(DeviceBootstrapConfig.of(DEV, List.of(mode.name())));
            f.scheduler.runDue();
            assertThat(mode.attempts()).isEmpty();
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.PENDING);
            assertThat(f.engine.state(DEV).orElseThrow().nextRun()).contains(EngineFixture.START.plusSeconds(30));

            f.scheduler.advance(Duration.ofSeconds(29));
            assertThat(mode.attempts()).isEmpty();
            f.scheduler.advance(Duration.ofSeconds(1));
            assertThat(mode.attempts()).hasSize(1);
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
        }
    }

    @Test
    void aModeWithoutTheClientInitiatedMarkerIsNotHeldOff() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, 30, -1));
            ScriptedMode mode = bootstrapsWithServer101(f);
            f.install(mode);

            f.engine.addDevice(DeviceBootstrapConfig.of(DEV, List.of(mode.name())));
            f.scheduler.runDue();

            assertThat(mode.attempts()).hasSize(1);
        }
    }

    @Test
    void theBootstrapAccountIsPurgedAfterItsAccountTimeout() {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, -1, 100));
            f.install(bootstrapsWithServer101(f));

            f.addDevice(DEV, BootstrapModeName.CLIENT_INITIATED);
            assertThat(f.engine.state(DEV).orElseThrow().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);

            f.scheduler.advance(Duration.ofSeconds(99));
            assertThat(f.snapshot(DEV).instance(Security.ID, 0)).isPresent();
            f.scheduler.advance(Duration.ofSeconds(1));
            assertThat(f.snapshot(DEV).instance(Security.ID, 0)).isEmpty();
            assertThat(f.snapshot(DEV).instance(Security.ID, 1)).isPresent();
            assertThat(f.eventTypes(DEV)).endsWith(BootstrapEvent.Type.BOOTSTRAP_ACCOUNT_PURGED);
        }
    }
}
