/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners one at a time, in publication order, on the engine's executor. Events are
 * published while a device's state is locked; delivering them later, outside any lock, means a listener may
 * call back into the engine without risking a deadlock between devices.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final Executor executor;
    private final List<BootstrapListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<BootstrapEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    EventDispatcher(Executor executor) {
        this.executor = executor;
    }

    void addListener(BootstrapListener listener) {
        listeners.add(listener);
    }

    void removeListener(BootstrapListener listener) {
        listeners.remove(listener);
    }

    void publish(BootstrapEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        queue.add(event);
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                // The engine is shutting down: nobody is left to tell.
                draining.set(false);
                queue.clear();
                LOG.debug("bootstrap event {} not delivered: engine stopped", event.type());
            }
        }
    }

    private void drain() {
        do {
            BootstrapEvent event;
            while ((event = queue.poll()) != null) {
                for (BootstrapListener listener : listeners) {
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "device {}: bootstrap listener {} failed on {}",
                                event.endpoint(),
                                listener,
                                event.type(),
                                e);
                    }
                }
            }
            draining.set(false);
            // An event published between the last poll and the reset found draining still set: take it here.
        } while (!queue.isEmpty() && draining.compareAndSet(false, true));
    }
}
