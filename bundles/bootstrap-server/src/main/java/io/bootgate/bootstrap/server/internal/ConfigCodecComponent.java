/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigCodec;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.ObjectModels;
import io.bootgate.bootstrap.server.internal.config.JsonConfigCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The embedded file store's JSON form as a {@link BootstrapConfigCodec} service, so that other config stores
 * (the PostgreSQL one) validate with the same rules and messages, against the object models in effect.
 */
@Component(service = BootstrapConfigCodec.class)
public final class ConfigCodecComponent implements BootstrapConfigCodec {

    private final JsonConfigCodec codec;

    @Activate
    public ConfigCodecComponent(@Reference ObjectModels models, @Reference KeyCodec keys) {
        this.codec = new JsonConfigCodec(models::registry, keys);
    }

    @Override
    public BootstrapConfig parse(String endpoint, byte[] json) throws BootstrapConfigException {
        return codec.parse(endpoint, json);
    }

    @Override
    public byte[] format(BootstrapConfig config) {
        return codec.format(config);
    }

    @Override
    public String fileName(String endpoint) {
        return codec.fileName(endpoint);
    }
}
