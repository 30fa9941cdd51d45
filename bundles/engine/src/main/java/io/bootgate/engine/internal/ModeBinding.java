/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapMode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One registered {@link BootstrapMode} service as the engine sees it. An attempt holds its binding until it
 * ends, so that a mode unregistered meanwhile finishes the sessions it started (hot swap) and is only then
 * dropped.
 */
final class ModeBinding {

    private final BootstrapMode mode;
    private final String name;
    private final boolean clientInitiated;
    private final int ranking;
    private final long serviceId;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean unbound;

    ModeBinding(BootstrapMode mode, String name, boolean clientInitiated, int ranking, long serviceId) {
        this.mode = mode;
        this.name = name;
        this.clientInitiated = clientInitiated;
        this.ranking = ranking;
        this.serviceId = serviceId;
    }

    BootstrapMode mode() {
        return mode;
    }

    String name() {
        return name;
    }

    /** Whether the engine waits the Client Hold Off Time before an attempt of this mode. */
    boolean clientInitiated() {
        return clientInitiated;
    }

    int ranking() {
        return ranking;
    }

    long serviceId() {
        return serviceId;
    }

    void attemptStarted() {
        inFlight.incrementAndGet();
    }

    /** @return the attempts still in flight */
    int attemptEnded() {
        return inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    void markUnbound() {
        unbound = true;
    }

    boolean isUnbound() {
        return unbound;
    }

    @Override
    public String toString() {
        return "mode '" + name + "' (service " + serviceId + ")";
    }
}
