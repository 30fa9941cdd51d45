/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Bootgate object models",
        description = "Object definitions read from OMA registry "
                + "DDF XML files in a directory (vendor objects of proxied devices)")
public @interface DdfDirectoryConfiguration {

    String PID = "io.bootgate.models";

    @AttributeDefinition(
            description = "Directory of DDF files (*.xml), read at start and on every configuration "
                    + "change; empty: ${karaf.etc}/bootgate/models. A missing directory defines nothing.")
    String ddfDirectory() default "";
}
