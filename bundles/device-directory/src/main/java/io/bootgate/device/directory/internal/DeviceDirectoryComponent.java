/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import io.bootgate.api.devices.DeviceSources;
import io.bootgate.api.keys.KeyCodec;
import java.nio.file.Path;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device directory as a device source (pid {@value #PID}). Runs with its defaults when no configuration
 * exists; a changed configuration restarts it (its devices are withdrawn and supplied again, which for a device
 * already bootstrapped starts no new run).
 */
@Component(
        configurationPid = DeviceDirectoryComponent.PID,
        service = {})
@Designate(ocd = DeviceDirectoryConfiguration.class)
public final class DeviceDirectoryComponent {

    public static final String PID = "io.bootgate.device.directory";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceDirectoryComponent.class);

    private final DirectoryWatcher watcher;

    @Activate
    public DeviceDirectoryComponent(
            @Reference(name = "sources") DeviceSources sources,
            @Reference(name = "keys") KeyCodec keys,
            DeviceDirectoryConfiguration configuration,
            BundleContext context) {
        if (!configuration.enabled()) {
            LOG.info("device directory off (enabled = false in {})", PID);
            watcher = null;
            return;
        }
        Path directory = directory(configuration.directory(), context.getProperty("karaf.etc"));
        DirectoryWatcher.Settings settings = new DirectoryWatcher.Settings(
                directory,
                Duration.ofSeconds(Math.max(0, configuration.rescanSeconds())),
                Duration.ofMillis(Math.max(0, configuration.settleMillis())),
                configuration.batchSize(),
                configuration.maxFileBytes());
        watcher = new DirectoryWatcher(settings, sources.open("directory " + directory), new DeviceFileParser(keys));
        watcher.start();
        LOG.info(
                "device directory {} watched (rescan every {} s, settle time {} ms)",
                directory,
                configuration.rescanSeconds(),
                configuration.settleMillis());
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** A relative directory is taken from Karaf's etc (or the working directory outside Karaf). */
    static Path directory(String configured, String karafEtc) {
        Path path = Path.of(configured.isBlank() ? "bootgate/devices" : configured.trim());
        if (path.isAbsolute()) {
            return path;
        }
        return (karafEtc == null ? Path.of("") : Path.of(karafEtc))
                .resolve(path)
                .toAbsolutePath();
    }
}
