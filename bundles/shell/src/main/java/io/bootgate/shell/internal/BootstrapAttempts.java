/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the last {@value #PER_DEVICE} ended attempts of each of the last {@value #DEVICES} devices seen, for
 * {@code bootgate:device}. Both bounds keep memory flat with 10,000 devices.
 */
@Component(service = {BootstrapListener.class, BootstrapAttempts.class})
public final class BootstrapAttempts implements BootstrapListener {

    static final int PER_DEVICE = 10;
    static final int DEVICES = 10_000;

    private final Map<String, Deque<BootstrapEvent>> byEndpoint = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<BootstrapEvent>> eldest) {
            return size() > DEVICES;
        }
    };

    @Override
    public void onEvent(BootstrapEvent event) {
        if (event.type() != BootstrapEvent.Type.ATTEMPT_ENDED && event.type() != BootstrapEvent.Type.MODE_SKIPPED) {
            return;
        }
        synchronized (byEndpoint) {
            Deque<BootstrapEvent> ring = byEndpoint.computeIfAbsent(event.endpoint(), e -> new ArrayDeque<>());
            if (ring.size() == PER_DEVICE) {
                ring.removeFirst();
            }
            ring.addLast(event);
        }
    }

    /** The device's recent attempts, oldest first. */
    public List<BootstrapEvent> recent(String endpoint) {
        synchronized (byEndpoint) {
            Deque<BootstrapEvent> ring = byEndpoint.get(endpoint);
            return ring == null ? List.of() : List.copyOf(ring);
        }
    }
}
