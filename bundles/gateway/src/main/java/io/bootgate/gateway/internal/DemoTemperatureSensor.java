/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import io.bootgate.api.dm.DeviceDataAdapter;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo devices' own data: a simulated Temperature /3303/0 (5700 Sensor Value drifting along a slow sine
 * around 22 °C, 5701 "Cel", 5601/5602 min/max measured, 5605 resets them), so that a management server observing
 * a demo device gets notifications. Serves the endpoints of the demo configuration (pid {@value DemoConfiguration#PID})
 * while it is enabled; one daemon thread steps every demo sensor every {@value #STEP_SECONDS} s.
 */
@Component(
        service = DeviceDataAdapter.class,
        configurationPid = DemoConfiguration.PID,
        property = DeviceDataAdapter.ENDPOINTS + "=*")
public final class DemoTemperatureSensor implements DeviceDataAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTemperatureSensor.class);
    static final int TEMPERATURE = 3303;
    static final long STEP_SECONDS = 5;
    private static final double PERIOD_SECONDS = 600;

    private final DemoConfiguration config;
    private final Clock clock;
    private final Map<String, double[]> minMax = new ConcurrentHashMap<>();
    private final ScheduledExecutorService stepper;
    private volatile ChangeSink sink;

    @Activate
    public DemoTemperatureSensor(DemoConfiguration config) {
        this(config, Clock.systemUTC(), true);
    }

    DemoTemperatureSensor(DemoConfiguration config, Clock clock, boolean step) {
        this.config = config;
        this.clock = clock;
        if (step && config.enabled()) {
            stepper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "bootgate-demo-sensor");
                thread.setDaemon(true);
                return thread;
            });
            stepper.scheduleAtFixedRate(this::step, STEP_SECONDS, STEP_SECONDS, TimeUnit.SECONDS);
        } else {
            stepper = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (stepper != null) {
            stepper.shutdownNow();
        }
    }

    /** Whether the endpoint is one of the demo devices. */
    boolean serves(String endpoint) {
        if (!config.enabled() || !endpoint.startsWith(config.endpointPrefix())) {
            return false;
        }
        try {
            int index =
                    Integer.parseInt(endpoint.substring(config.endpointPrefix().length()));
            return index >= 1 && index <= config.deviceCount();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The simulated temperature now, one decimal; each device has its own phase. */
    double temperature(String endpoint) {
        double seconds = clock.millis() / 1000.0;
        double phase = (endpoint.hashCode() & 0xFF) / 255.0 * 2 * Math.PI;
        return Math.round((22 + 3 * Math.sin(2 * Math.PI * seconds / PERIOD_SECONDS + phase)) * 10) / 10.0;
    }

    void step() {
        ChangeSink current = sink;
        for (int i = 1; i <= config.deviceCount(); i++) {
            String endpoint = config.endpointPrefix() + i;
            record(endpoint, temperature(endpoint));
            if (current != null) {
                current.changed(endpoint, LwM2mPath.of(TEMPERATURE, 0, 5700));
            }
        }
    }

    private double[] record(String endpoint, double value) {
        return minMax.compute(
                endpoint,
                (e, old) -> old == null
                        ? new double[] {value, value}
                        : new double[] {Math.min(old[0], value), Math.max(old[1], value)});
    }

    @Override
    public Set<Integer> objectIds(String endpoint) {
        return serves(endpoint) ? Set.of(TEMPERATURE) : Set.of();
    }

    @Override
    public List<ObjectInstance> read(String endpoint, int objectId) {
        if (objectId != TEMPERATURE || !serves(endpoint)) {
            return List.of();
        }
        double value = temperature(endpoint);
        double[] range = record(endpoint, value);
        return List.of(ObjectInstance.of(
                0,
                SingleResource.of(5700, ResourceValue.ofFloat(value)),
                SingleResource.of(5601, ResourceValue.ofFloat(range[0])),
                SingleResource.of(5602, ResourceValue.ofFloat(range[1])),
                SingleResource.ofString(5701, "Cel")));
    }

    @Override
    public ResponseCode write(String endpoint, LwM2mPath resource, ResourceValue value) {
        return ResponseCode.METHOD_NOT_ALLOWED;
    }

    @Override
    public ResponseCode execute(String endpoint, LwM2mPath resource, String arguments) {
        if (resource.objectId() == TEMPERATURE && resource.resourceId() == 5605) {
            minMax.remove(endpoint);
            LOG.info("demo device {}: min/max measured temperature reset", endpoint);
            return ResponseCode.CHANGED;
        }
        return ResponseCode.METHOD_NOT_ALLOWED;
    }

    @Override
    public void setChangeSink(ChangeSink sink) {
        this.sink = sink;
    }
}
