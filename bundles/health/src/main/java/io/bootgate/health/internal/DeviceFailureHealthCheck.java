/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * WARN (or CRITICAL, as configured) when more than a configured share of the engine's devices is FAILED,
 * BACKING_OFF or QUARANTINED: one failing device is its own problem, many at once point at the gateway or at a
 * server all of them need. Names the first few such devices so that the operator can start with
 * {@code bootgate:device}.
 */
@Component(
        service = HealthCheck.class,
        configurationPid = DeviceFailureHealthCheck.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
            HealthCheck.NAME + "=Bootgate devices failing",
            HealthCheck.TAGS + "=bootgate",
            HealthCheck.TAGS + "=devices"
        })
@Designate(ocd = DeviceFailureHealthCheck.Config.class)
public final class DeviceFailureHealthCheck implements HealthCheck {

    static final String PID = "io.bootgate.health.devices";

    /** The states that count as failing: the device is not bootstrapped and waits or gave up. */
    static final Set<BootstrapState> FAILING =
            EnumSet.of(BootstrapState.FAILED, BootstrapState.BACKING_OFF, BootstrapState.QUARANTINED);

    private static final int NAMED = 5;

    @ObjectClassDefinition(
            name = "Bootgate health: devices failing",
            description = "When the share of devices that are FAILED, BACKING_OFF or QUARANTINED makes the"
                    + " health check 'Bootgate devices failing' not OK.")
    public @interface Config {
        @AttributeDefinition(
                name = "Threshold (percent)",
                description = "Not OK when more than this percentage of the devices is failing (0-100).",
                min = "0",
                max = "100")
        double thresholdPercent() default 10.0;

        @AttributeDefinition(
                name = "Minimum devices",
                description = "With fewer devices than this the check is always OK: with 3 devices one failure"
                        + " would already be 33 %.",
                min = "1")
        int minDevices() default 1;

        @AttributeDefinition(name = "Status above threshold", description = "WARN or CRITICAL.")
        String statusAboveThreshold() default "WARN";
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BootstrapEngine engine;

    private volatile Settings settings = new Settings(10.0, 1, Result.Status.WARN);

    record Settings(double thresholdPercent, int minDevices, Result.Status statusAbove) {
        Settings {
            if (!(thresholdPercent >= 0 && thresholdPercent <= 100)) {
                throw new IllegalArgumentException(
                        PID + ": thresholdPercent must be between 0 and 100, not " + thresholdPercent);
            }
            if (minDevices < 1) {
                throw new IllegalArgumentException(PID + ": minDevices must be at least 1, not " + minDevices);
            }
            if (statusAbove != Result.Status.WARN && statusAbove != Result.Status.CRITICAL) {
                throw new IllegalArgumentException(
                        PID + ": statusAboveThreshold must be WARN or CRITICAL, not " + statusAbove);
            }
        }

        static Settings from(Config config) {
            Result.Status status;
            try {
                status = Result.Status.valueOf(
                        config.statusAboveThreshold().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        PID + ": statusAboveThreshold must be WARN or CRITICAL, not '" + config.statusAboveThreshold()
                                + "'",
                        e);
            }
            return new Settings(config.thresholdPercent(), config.minDevices(), status);
        }
    }

    public DeviceFailureHealthCheck() {}

    DeviceFailureHealthCheck(BootstrapEngine engine, Settings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    @Activate
    @Modified
    void configure(Config config) {
        this.settings = Settings.from(config);
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        BootstrapEngine current = engine;
        if (current == null) {
            log.critical(
                    "no bootstrap engine: the BootstrapEngine service is not registered (feature bootgate-engine)");
            return new Result(log);
        }
        Settings limits = settings;
        Map<BootstrapState, Integer> counts = new EnumMap<>(BootstrapState.class);
        List<String> failingNames = new ArrayList<>();
        int total = 0;
        for (String endpoint : current.devices()) {
            Optional<DeviceBootstrapStatus> status = current.state(endpoint);
            if (status.isEmpty()) {
                continue; // removed since devices() was read
            }
            total++;
            BootstrapState state = status.get().state();
            counts.merge(state, 1, Integer::sum);
            if (FAILING.contains(state) && failingNames.size() < NAMED) {
                failingNames.add(endpoint + " (" + state + ")");
            }
        }
        int failing = FAILING.stream().mapToInt(s -> counts.getOrDefault(s, 0)).sum();
        double share = total == 0 ? 0 : 100.0 * failing / total;
        String summary = String.format(
                java.util.Locale.ROOT,
                "%d of %d devices failing (%.1f %%, threshold %.1f %%)",
                failing,
                total,
                share,
                limits.thresholdPercent());
        log.info("devices by state: {}", counts);
        if (total >= limits.minDevices() && share > limits.thresholdPercent()) {
            String message = summary + ", e.g. " + String.join(", ", failingNames);
            if (limits.statusAbove() == Result.Status.CRITICAL) {
                log.critical(message);
            } else {
                log.warn(message);
            }
        } else {
            log.info(summary);
        }
        return new Result(log);
    }
}
