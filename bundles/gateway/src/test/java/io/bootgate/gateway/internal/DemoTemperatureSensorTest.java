/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.mode.testkit.Configurations;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo devices' simulated Temperature object. */
class DemoTemperatureSensorTest {

    private static DemoConfiguration config(boolean enabled) {
        return Configurations.of(DemoConfiguration.class, Map.of("enabled", enabled, "deviceCount", 2));
    }

    private static DemoTemperatureSensor at(boolean enabled, long epochSecond) {
        return new DemoTemperatureSensor(
                config(enabled), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), false);
    }

    @Test
    void servesOnlyTheDemoDevicesWhileEnabled() {
        DemoTemperatureSensor sensor = at(true, 0);
        assertThat(sensor.objectIds("urn:dev:demo-1")).containsExactly(3303);
        assertThat(sensor.objectIds("urn:dev:demo-2")).containsExactly(3303);
        assertThat(sensor.objectIds("urn:dev:demo-3")).isEmpty();
        assertThat(sensor.objectIds("urn:dev:other")).isEmpty();
        assertThat(at(false, 0).objectIds("urn:dev:demo-1")).isEmpty();
    }

    @Test
    void valueChangesOverTimeWithinItsRangeAndUnitsAreCelsius() {
        ObjectInstance early = at(true, 0).read("urn:dev:demo-1", 3303).get(0);
        ObjectInstance later = at(true, 100).read("urn:dev:demo-1", 3303).get(0);
        double first = early.value(5700).orElseThrow().doubleValue();
        double second = later.value(5700).orElseThrow().doubleValue();
        assertThat(first).isBetween(19.0, 25.0);
        assertThat(second).isBetween(19.0, 25.0).isNotEqualTo(first);
        assertThat(later.value(5701).orElseThrow().stringValue()).isEqualTo("Cel");
    }

    @Test
    void stepReportsEveryDemoDeviceAndResetClearsMinMax() {
        DemoTemperatureSensor sensor = at(true, 0);
        List<String> changes = new ArrayList<>();
        sensor.setChangeSink((endpoint, path) -> changes.add(endpoint + path));
        sensor.step();
        assertThat(changes).containsExactly("urn:dev:demo-1/3303/0/5700", "urn:dev:demo-2/3303/0/5700");
        assertThat(sensor.execute("urn:dev:demo-1", LwM2mPath.of(3303, 0, 5605), ""))
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(sensor.write("urn:dev:demo-1", LwM2mPath.of(3303, 0, 5700), null))
                .isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    }
}
