/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.registration.RegistrationListener;
import io.bootgate.api.registration.ServerRegistration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The registration side of a server session as device management sees it: records which Registration Update
 * Triggers and Disables reached it, and knows only the short server ids it was told are registered.
 */
final class RecordingRegistrations implements DeviceRegistrations {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<Integer> registered = new CopyOnWriteArraySet<>();

    RecordingRegistrations registered(int ssid) {
        registered.add(ssid);
        return this;
    }

    @Override
    public List<ServerRegistration> registrations(String endpoint) {
        return List.of();
    }

    @Override
    public boolean triggerUpdate(String endpoint, int shortServerId) {
        calls.add("update " + endpoint + " " + shortServerId);
        return registered.contains(shortServerId);
    }

    @Override
    public boolean disable(String endpoint, int shortServerId) {
        calls.add("disable " + endpoint + " " + shortServerId);
        return registered.contains(shortServerId);
    }

    @Override
    public CompletionStage<BootstrapOutcome> rebootstrap(String endpoint, OptionalInt initializationSsid) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not used by device management"));
    }

    @Override
    public void addListener(RegistrationListener listener) {}

    @Override
    public void removeListener(RegistrationListener listener) {}
}
