/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class DeviceFailureHealthCheckTest {

    /** An engine whose devices are in the states the test gives them. */
    private static final class Devices implements BootstrapEngine {
        final Map<String, BootstrapState> states = new LinkedHashMap<>();

        Devices with(int count, BootstrapState state) {
            int start = states.size();
            for (int i = 0; i < count; i++) {
                states.put("dev" + (start + i), state);
            }
            return this;
        }

        @Override
        public List<String> devices() {
            return new ArrayList<>(states.keySet());
        }

        @Override
        public Optional<DeviceBootstrapStatus> state(String endpoint) {
            return Optional.ofNullable(states.get(endpoint))
                    .map(state -> new DeviceBootstrapStatus(
                            endpoint,
                            state,
                            Optional.empty(),
                            0,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()));
        }

        @Override
        public void addDevice(DeviceBootstrapConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeDevice(String endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint, String modeName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addListener(BootstrapListener listener) {}

        @Override
        public void removeListener(BootstrapListener listener) {}
    }

    private static DeviceFailureHealthCheck check(Devices devices, double threshold, Result.Status above) {
        return new DeviceFailureHealthCheck(devices, new DeviceFailureHealthCheck.Settings(threshold, 1, above));
    }

    @Test
    void atTheThresholdIsOkAndJustAboveItWarnsNamingTheFailingDevices() {
        Devices devices = new Devices().with(9, BootstrapState.BOOTSTRAPPED).with(1, BootstrapState.FAILED);

        Result atThreshold = check(devices, 10, Result.Status.WARN).execute();
        assertThat(atThreshold.getStatus()).isEqualTo(Result.Status.OK);
        assertThat(ResultText.of(atThreshold)).contains("1 of 10 devices failing (10.0 %, threshold 10.0 %)");

        devices.with(1, BootstrapState.BACKING_OFF); // 2 of 11: 18 %
        Result above = check(devices, 10, Result.Status.WARN).execute();
        assertThat(above.getStatus()).isEqualTo(Result.Status.WARN);
        assertThat(ResultText.of(above)).contains("dev9 (FAILED)").contains("dev10 (BACKING_OFF)");
    }

    @Test
    void quarantinedCountsAsFailingAndCriticalIsConfigurable() {
        Devices devices = new Devices().with(1, BootstrapState.BOOTSTRAPPING).with(1, BootstrapState.QUARANTINED);

        Result result = check(devices, 10, Result.Status.CRITICAL).execute();

        assertThat(result.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(ResultText.of(result)).contains("1 of 2 devices failing (50.0 %");
    }

    @Test
    void pendingAndBootstrappingDevicesAreNotFailing() {
        Devices devices = new Devices().with(3, BootstrapState.PENDING).with(3, BootstrapState.BOOTSTRAPPING);

        assertThat(check(devices, 0, Result.Status.WARN).execute().getStatus()).isEqualTo(Result.Status.OK);
    }

    @Test
    void fewerDevicesThanTheMinimumAreAlwaysOk() {
        Devices devices = new Devices().with(2, BootstrapState.FAILED);
        DeviceFailureHealthCheck check =
                new DeviceFailureHealthCheck(devices, new DeviceFailureHealthCheck.Settings(10, 3, Result.Status.WARN));

        assertThat(check.execute().getStatus()).isEqualTo(Result.Status.OK);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingThePid() {
        assertThatThrownBy(() -> new DeviceFailureHealthCheck.Settings(120, 1, Result.Status.WARN))
                .hasMessageContaining("io.bootgate.health.devices")
                .hasMessageContaining("thresholdPercent");
        assertThatThrownBy(() -> new DeviceFailureHealthCheck.Settings(10, 1, Result.Status.OK))
                .hasMessageContaining("statusAboveThreshold");
    }

    @Test
    void noEngineIsCritical() {
        assertThat(new DeviceFailureHealthCheck(null, new DeviceFailureHealthCheck.Settings(10, 1, Result.Status.WARN))
                        .execute()
                        .getStatus())
                .isEqualTo(Result.Status.CRITICAL);
    }
}
