/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigCodec;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.ObjectModelRegistry;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The file store's JSON form ({@link ConfigJson}) for other stores: the content is parsed as if it were the file
 * {@code <endpoint>.json}, so an error reads exactly as the file store's for the same JSON.
 */
public final class JsonConfigCodec implements BootstrapConfigCodec {

    private final Supplier<ObjectModelRegistry> models;
    private final KeyCodec keys;

    /** @param models the object definitions in effect, read at each use (they change at run time) */
    public JsonConfigCodec(Supplier<ObjectModelRegistry> models, KeyCodec keys) {
        this.models = Objects.requireNonNull(models, "models");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public BootstrapConfig parse(String endpoint, byte[] json) throws BootstrapConfigException {
        String fileName;
        try {
            fileName = EndpointFileNames.fileName(endpoint);
        } catch (IllegalArgumentException e) {
            throw new BootstrapConfigException(null, "endpoint", e.getMessage(), e);
        }
        return json().parse(json, Path.of(fileName), endpoint).config();
    }

    @Override
    public byte[] format(BootstrapConfig config) {
        return json().write(config);
    }

    @Override
    public String fileName(String endpoint) {
        return EndpointFileNames.fileName(endpoint);
    }

    private ConfigJson json() {
        return new ConfigJson(models.get(), keys);
    }
}
