/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-device run state machine: its transitions, and what a device reports in each state. */
class RunStateTest {

    private static DeviceRecord device() {
        return new DeviceRecord(DeviceBootstrapConfig.of("dev1", List.of("factory")));
    }

    @Test
    void aNewDeviceIsEitherScheduledOrAlreadyBootstrapped() {
        // QUARANTINED: the device's stored entry is unreadable when it is added.
        assertThat(RunState.ADDED.successors())
                .containsExactlyInAnyOrder(
                        RunState.SCHEDULED, RunState.BOOTSTRAPPED, RunState.QUARANTINED, RunState.REMOVED);
        DeviceRecord device = device();
        assertThat(device.state()).isEqualTo(RunState.ADDED);
        assertThat(device.status().state()).isEqualTo(BootstrapState.PENDING);
    }

    @Test
    void aRunGoesThroughWaitingAndAttemptingToItsEnd() {
        DeviceRecord device = device();
        device.moveTo(RunState.SCHEDULED);
        device.moveTo(RunState.WAITING);
        assertThat(device.status().state()).isEqualTo(BootstrapState.PENDING);
        device.moveTo(RunState.ATTEMPTING);
        assertThat(device.status().state()).isEqualTo(BootstrapState.BOOTSTRAPPING);
        // The attempt failed; the next mode of the run is attempted.
        device.moveTo(RunState.ATTEMPTING);
        device.moveTo(RunState.BACKING_OFF);
        assertThat(device.status().state()).isEqualTo(BootstrapState.BACKING_OFF);
        device.moveTo(RunState.ATTEMPTING);
        device.moveTo(RunState.BOOTSTRAPPED);
        assertThat(device.status().state()).isEqualTo(BootstrapState.BOOTSTRAPPED);
        // A requested run of a bootstrapped device that gives up.
        device.moveTo(RunState.FAILED);
        assertThat(device.status().state()).isEqualTo(BootstrapState.FAILED);
    }

    @Test
    void onlyAnAttemptOrARestartedConfigurationBootstraps() {
        for (RunState from : List.of(
                RunState.SCHEDULED,
                RunState.WAITING,
                RunState.BACKING_OFF,
                RunState.FAILED,
                RunState.BOOTSTRAPPED,
                RunState.REMOVED)) {
            assertThat(from.canMoveTo(RunState.BOOTSTRAPPED))
                    .as(from + " -> BOOTSTRAPPED")
                    .isFalse();
        }
        DeviceRecord device = device();
        device.moveTo(RunState.SCHEDULED);
        assertThatThrownBy(() -> device.moveTo(RunState.BOOTSTRAPPED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev1")
                .hasMessageContaining("SCHEDULED to BOOTSTRAPPED");
        assertThat(device.state()).isEqualTo(RunState.SCHEDULED);
    }

    @Test
    void aRemovedDeviceStaysRemovedAndKeepsReportingItsLastState() {
        DeviceRecord device = device();
        device.moveTo(RunState.SCHEDULED);
        device.moveTo(RunState.ATTEMPTING);
        device.moveTo(RunState.REMOVED);

        assertThat(RunState.REMOVED.successors()).isEmpty();
        for (RunState next : RunState.values()) {
            assertThatThrownBy(() -> device.moveTo(next)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(device.status().state()).isEqualTo(BootstrapState.BOOTSTRAPPING);
    }

    @Test
    void nothingReturnsToAddedOrScheduled() {
        for (RunState from : RunState.values()) {
            assertThat(from.canMoveTo(RunState.ADDED)).as(from + " -> ADDED").isFalse();
            assertThat(from.canMoveTo(RunState.SCHEDULED))
                    .as(from + " -> SCHEDULED")
                    .isEqualTo(from == RunState.ADDED);
        }
    }
}
