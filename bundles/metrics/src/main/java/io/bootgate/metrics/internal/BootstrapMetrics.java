/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.ObjectName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Counts the engine's bootstrap attempts from its {@link BootstrapEvent}s (whiteboard {@link BootstrapListener}):
 * {@code io.bootgate:type=Bootstraps} for all modes, and {@code io.bootgate:type=Bootstraps,mode=<name>} per mode,
 * registered when the mode's first attempt starts.
 */
@Component(service = BootstrapListener.class)
public final class BootstrapMetrics implements BootstrapListener {

    static final ObjectName TOTAL = MBeans.name("type=Bootstraps");

    private final MBeans mbeans;
    private final BootstrapCounters total = new BootstrapCounters();
    private final Map<String, BootstrapCounters> byMode = new ConcurrentHashMap<>();
    /** When each endpoint's running attempt started, to time it; an endpoint runs one attempt at a time. */
    private final Map<String, Instant> attemptStarts = new ConcurrentHashMap<>();

    @Activate
    public BootstrapMetrics() {
        this(new MBeans());
    }

    BootstrapMetrics(MBeans mbeans) {
        this.mbeans = mbeans;
        mbeans.register(total, TOTAL);
    }

    static ObjectName modeName(String mode) {
        return MBeans.name("type=Bootstraps,mode=" + quoteIfNeeded(mode));
    }

    /** Mode names are free text; ObjectName values with these characters must be quoted. */
    static String quoteIfNeeded(String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0)
                ? ObjectName.quote(value)
                : value;
    }

    @Override
    public void onEvent(BootstrapEvent event) {
        switch (event.type()) {
            case ATTEMPT_STARTED -> {
                attemptStarts.put(event.endpoint(), event.time());
                total.started();
                event.mode().ifPresent(mode -> mode(mode).started());
            }
            case ATTEMPT_ENDED -> {
                Instant start = attemptStarts.remove(event.endpoint());
                Duration duration = start == null ? null : Duration.between(start, event.time());
                event.outcome().ifPresent(outcome -> {
                    total.ended(outcome.status(), duration);
                    event.mode().ifPresent(mode -> mode(mode).ended(outcome.status(), duration));
                });
            }
            default -> {
                // Device-level events (bootstrapped, sequence failed, gave up) are visible per device in
                // bootgate:devices; the attempt counts above already contain their attempts.
            }
        }
    }

    private BootstrapCounters mode(String mode) {
        return byMode.computeIfAbsent(mode, name -> {
            BootstrapCounters counters = new BootstrapCounters();
            mbeans.register(counters, modeName(name));
            return counters;
        });
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }
}
