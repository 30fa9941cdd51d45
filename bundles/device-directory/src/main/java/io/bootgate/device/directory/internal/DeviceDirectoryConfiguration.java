/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        id = DeviceDirectoryComponent.PID,
        name = "Bootgate device directory",
        description = "A directory of device files, one proxied device per *.properties or *.cfg file, with the"
                + " property names of the io.bootgate.device factory configuration.")
public @interface DeviceDirectoryConfiguration {

    @AttributeDefinition(
            name = "Enabled",
            description = "Whether the directory is watched; false withdraws the devices of its files.")
    boolean enabled() default true;

    @AttributeDefinition(
            name = "Directory",
            description = "The watched directory; a relative path is taken from Karaf's etc directory. Created when"
                    + " missing.")
    String directory() default "bootgate/devices";

    @AttributeDefinition(
            name = "Rescan interval (s)",
            description = "Seconds between two full rescans, the safety net under the watch events; 0 for none.")
    int rescanSeconds() default 30;

    @AttributeDefinition(
            name = "Settle time (ms)",
            description = "A file modified less than this ago is read at a later pass, so a file being written is"
                    + " read once complete.")
    long settleMillis() default 1000;

    @AttributeDefinition(name = "Batch size", description = "Devices handed to the engine per call.")
    int batchSize() default 500;

    @AttributeDefinition(name = "Largest file (bytes)", description = "Larger device files are refused.")
    int maxFileBytes() default 65536;
}
