/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the factory bootstrap mode (PID {@code io.bootgate.mode.factory}). */
@ObjectClassDefinition(
        id = FactoryBootstrapMode.PID,
        name = "Bootgate factory bootstrap mode",
        description = "Where the per-device factory provisioning files are.")
public @interface FactoryModeConfiguration {

    @AttributeDefinition(
            name = "Directory",
            required = false,
            description = "Directory of the factory files <endpoint>.json, <endpoint>.senml.json or"
                    + " <endpoint>.senml.cbor. Empty: <karaf.etc>/bootgate/factory. A device's mode.factory.file"
                    + " property names its file explicitly.")
    String directory() default "";
}
