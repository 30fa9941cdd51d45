/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static io.bootgate.engine.testkit.TestConfigs.bootstrapAccount;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ManualClock;
import io.bootgate.engine.testkit.ManualScheduler;
import io.bootgate.engine.testkit.TestStores;
import io.bootgate.store.MvObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Client Hold Off Time and the Bootstrap-Server account purge, on a real store and a fake clock. */
class AccountTimersTest {

    private static final String DEV = "dev1";

    private final ManualClock clock = new ManualClock(EngineFixture.START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Path directory = TestStores.newDirectory();
    private final MvObjectStore store = TestStores.open(directory);
    private final List<String> purged = new CopyOnWriteArrayList<>();
    private final AccountTimers timers = new AccountTimers(
            store,
            clock,
            new EngineTasks(scheduler),
            () -> Duration.ofSeconds(1),
            device -> purged.add(device.endpoint));

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        store.close();
        TestStores.delete(directory);
    }

    private void commit(LwM2mPath path, io.bootgate.api.model.ObjectInstance instance) {
        store.createEndpoint(DEV);
        try (StoreTransaction tx = store.begin(DEV)) {
            tx.write(path, instance, WriteMode.REPLACE);
            tx.commit();
        }
    }

    private static DeviceRecord bootstrapped() {
        DeviceRecord device = new DeviceRecord(DeviceBootstrapConfig.of(DEV, List.of("client-initiated")));
        device.moveTo(RunState.BOOTSTRAPPED);
        return device;
    }

    @Test
    void theHoldOffIsTheBootstrapAccountsAndZeroWithoutOne() {
        store.createEndpoint(DEV);
        assertThat(timers.clientHoldOff(DEV)).isZero();

        commit(LwM2mPath.of(Security.ID, 1), serverSecurity(1, 101, "coap://127.0.0.1:5683"));
        assertThat(timers.clientHoldOff(DEV)).isZero();

        commit(LwM2mPath.of(Security.ID, 0), bootstrapAccount(0, 45, -1));
        assertThat(timers.clientHoldOff(DEV)).isEqualTo(Duration.ofSeconds(45));

        commit(LwM2mPath.of(Security.ID, 0), bootstrapAccount(0, 0, -1));
        assertThat(timers.clientHoldOff(DEV)).isZero();
    }

    @Test
    void theAccountIsPurgedAtLastBootstrappedPlusItsTimeout() {
        commit(LwM2mPath.of(Security.ID, 0), bootstrapAccount(0, -1, 100));
        commit(LwM2mPath.of(Security.ID, 1), serverSecurity(1, 101, "coap://127.0.0.1:5683"));
        Instant lastBootstrapped = EngineFixture.START.minusSeconds(40);
        commit(
                LwM2mPath.of(Server.ID, 0),
                server(0, 101)
                        .with(SingleResource.of(Server.LAST_BOOTSTRAPPED, ResourceValue.ofTime(lastBootstrapped))));
        DeviceRecord device = bootstrapped();

        synchronized (device) {
            timers.schedulePurge(device, store.snapshot(DEV));
        }

        assertThat(scheduler.pendingDelays()).containsExactly(Duration.ofSeconds(60));
        scheduler.advance(Duration.ofSeconds(59));
        assertThat(store.snapshot(DEV).instance(Security.ID, 0)).isPresent();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(store.snapshot(DEV).instance(Security.ID, 0)).isEmpty();
        assertThat(store.snapshot(DEV).instance(Security.ID, 1)).isPresent();
        assertThat(purged).containsExactly(DEV);
        assertThat(AccountTimers.lastBootstrapped(store.snapshot(DEV))).contains(lastBootstrapped);
    }

    @Test
    void noTimeoutOrNoLastBootstrappedMeansNoPurge() {
        commit(LwM2mPath.of(Security.ID, 0), bootstrapAccount(0, -1, -1));
        DeviceRecord device = bootstrapped();
        synchronized (device) {
            timers.schedulePurge(device, store.snapshot(DEV));
        }
        assertThat(scheduler.pendingDelays()).isEmpty();

        commit(LwM2mPath.of(Security.ID, 0), bootstrapAccount(0, -1, 100));
        synchronized (device) {
            timers.schedulePurge(device, store.snapshot(DEV));
        }
        assertThat(scheduler.pendingDelays()).isEmpty();
    }

    @Test
    void aRemovedDeviceIsNotPurged() {
        commit(LwM2mPath.of(Security.ID, 0), bootstrapAccount(0, -1, 10));
        DeviceRecord device = bootstrapped();
        device.lastBootstrapped = EngineFixture.START;
        synchronized (device) {
            timers.schedulePurge(device, store.snapshot(DEV));
            device.moveTo(RunState.REMOVED);
        }

        scheduler.advance(Duration.ofSeconds(10));

        assertThat(store.snapshot(DEV).instance(Security.ID, 0)).isPresent();
        assertThat(purged).isEmpty();
    }
}
