/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.devices.DeviceSource;
import io.bootgate.api.devices.SourcedDevice;
import io.bootgate.engine.testkit.EngineFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceSourceRegistryTest {

    private final EngineFixture fixture = new EngineFixture();
    /** The last configuration the registry gave the engine, per endpoint. */
    private final Map<String, DeviceBootstrapConfig> added = new ConcurrentHashMap<>();

    private final DeviceSourceRegistry registry = new DeviceSourceRegistry(new RecordingEngine());

    /** The real engine, recording what it was given. */
    private final class RecordingEngine implements BootstrapEngine {
        @Override
        public void addDevice(DeviceBootstrapConfig config) {
            fixture.engine.addDevice(config);
            added.put(config.endpoint(), config);
        }

        @Override
        public boolean removeDevice(String endpoint) {
            return fixture.engine.removeDevice(endpoint);
        }

        @Override
        public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint) {
            return fixture.engine.requestBootstrap(endpoint);
        }

        @Override
        public CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint, String modeName) {
            return fixture.engine.requestBootstrap(endpoint, modeName);
        }

        @Override
        public Optional<DeviceBootstrapStatus> state(String endpoint) {
            return fixture.engine.state(endpoint);
        }

        @Override
        public List<String> devices() {
            return fixture.engine.devices();
        }

        @Override
        public void addListener(BootstrapListener listener) {
            fixture.engine.addListener(listener);
        }

        @Override
        public void removeListener(BootstrapListener listener) {
            fixture.engine.removeListener(listener);
        }
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static SourcedDevice device(String endpoint, String mode, String origin) {
        return new SourcedDevice(DeviceBootstrapConfig.of(endpoint, List.of(mode)), origin);
    }

    private List<String> sequence(String endpoint) {
        assertThat(fixture.engine.state(endpoint)).isPresent();
        return added.get(endpoint).modeSequence();
    }

    @Test
    void aSourceSuppliesUpdatesAndWithdrawsItsDevices() {
        DeviceSource source = registry.open("directory A");

        assertThat(source.supply(List.of(device("d1", "factory", "a/d1:1"), device("d2", "factory", "a/d2:1"))))
                .isEqualTo(2);
        assertThat(fixture.engine.devices()).containsExactlyInAnyOrder("d1", "d2");
        assertThat(source.supply(List.of(device("d1", "smartcard", "a/d1:1")))).isEqualTo(1);
        assertThat(sequence("d1")).containsExactly("smartcard");

        assertThat(source.withdraw(List.of("d1", "unknown"))).isEqualTo(1);
        assertThat(fixture.engine.devices()).containsExactly("d2");
        assertThat(source.endpoints()).containsExactly("d2");

        source.close();
        assertThat(fixture.engine.devices()).isEmpty();
        assertThatThrownBy(() -> source.supply(List.of(device("d3", "factory", "a/d3:1"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndpointOfTwoSourcesStaysWithTheFirstAndPassesToTheOtherWhenWithdrawn() {
        DeviceSource first = registry.open("directory A");
        DeviceSource second = registry.open("directory B");
        first.supply(List.of(device("shared", "factory", "a/shared:1")));

        assertThat(second.supply(List.of(device("shared", "smartcard", "b/shared:3"))))
                .isZero();
        assertThat(sequence("shared")).containsExactly("factory");
        assertThat(second.endpoints()).isEmpty();

        first.withdraw(List.of("shared"));
        assertThat(fixture.engine.devices()).containsExactly("shared");
        assertThat(sequence("shared")).containsExactly("smartcard");
        assertThat(second.endpoints()).containsExactly("shared");

        // The waiting claim of a closed source is dropped, not promoted.
        first.supply(List.of(device("shared", "factory", "a/shared:1")));
        DeviceSource third = registry.open("directory C");
        third.supply(List.of(device("shared", "factory", "c/shared:1")));
        third.close();
        second.close();
        assertThat(fixture.engine.devices()).containsExactly("shared");
        assertThat(first.endpoints()).containsExactly("shared");
    }

    @Test
    void aDeviceTheEngineRunsFromConfigAdminOrTheApiIsNotTakenOver() {
        fixture.engine.addDevice(DeviceBootstrapConfig.of("configured", List.of("factory")));
        DeviceSource source = registry.open("directory A");

        assertThat(source.supply(List.of(device("configured", "smartcard", "a/configured:1"))))
                .isZero();
        assertThat(added).doesNotContainKey("configured");
        source.close();
        assertThat(fixture.engine.devices()).containsExactly("configured");
    }

    @Test
    void sourceNamesAreUniqueWhileOpen() {
        DeviceSource source = registry.open("directory A");
        assertThatThrownBy(() -> registry.open("directory A")).isInstanceOf(IllegalStateException.class);
        source.close();
        registry.open("directory A").close();
    }
}
