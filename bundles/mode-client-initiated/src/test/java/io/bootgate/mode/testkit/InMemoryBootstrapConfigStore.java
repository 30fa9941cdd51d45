/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bootstrap server's configurations kept in memory, for tests that run Bootgate's own bootstrap server against
 * a mode: the test puts the device's config before the server starts, and nothing is written to disk.
 */
public final class InMemoryBootstrapConfigStore implements BootstrapConfigStore {

    private final Map<String, BootstrapConfig> configs = new ConcurrentHashMap<>();

    @Override
    public Optional<BootstrapConfig> get(String endpoint) {
        return Optional.ofNullable(configs.get(endpoint));
    }

    @Override
    public Map<String, BootstrapConfig> getAll() {
        return Map.copyOf(configs);
    }

    @Override
    public void put(BootstrapConfig config) {
        configs.put(config.endpoint(), config);
    }

    @Override
    public boolean remove(String endpoint) {
        return configs.remove(endpoint) != null;
    }
}
