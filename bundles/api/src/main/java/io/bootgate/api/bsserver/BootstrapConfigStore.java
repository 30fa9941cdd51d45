/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The per-endpoint bootstrap configurations the bootstrap server serves. Changes (through this API or, for the
 * embedded file store, by editing files) are announced to {@link BootstrapConfigListener} services and take
 * effect for the next session and the next DTLS handshake: adding a config authorises a new device.
 */
@ProviderType
public interface BootstrapConfigStore {

    Optional<BootstrapConfig> get(String endpoint);

    /** A snapshot of all configs keyed by endpoint name. */
    Map<String, BootstrapConfig> getAll();

    /**
     * Adds or replaces the config of {@code config.endpoint()}, persisting it first: when this throws, the
     * previous config stays in effect.
     *
     * @throws BootstrapConfigException when the config cannot be persisted
     */
    void put(BootstrapConfig config) throws BootstrapConfigException;

    /**
     * Removes an endpoint's config.
     *
     * @return whether there was one
     * @throws BootstrapConfigException when the stored config cannot be removed
     */
    boolean remove(String endpoint) throws BootstrapConfigException;
}
