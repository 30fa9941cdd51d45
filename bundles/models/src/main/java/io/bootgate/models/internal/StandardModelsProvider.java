/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelProvider;
import io.bootgate.api.model.StandardObjects;
import java.util.Collection;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The core objects every endpoint has, Security (0), Server (1), Access Control (2) and Device (3), as the API
 * defines them in {@link StandardObjects}.
 */
@Component(name = StandardModelsProvider.NAME, service = ObjectModelProvider.class)
public final class StandardModelsProvider implements ObjectModelProvider {

    static final String NAME = "io.bootgate.models.standard";

    @Override
    public Collection<ObjectModel> models() {
        return List.of(
                StandardObjects.SECURITY,
                StandardObjects.SERVER,
                StandardObjects.ACCESS_CONTROL,
                StandardObjects.DEVICE);
    }
}
