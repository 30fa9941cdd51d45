/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import io.bootgate.api.bootstrap.BootstrapEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booted device directory in the real distribution: 1,000 device files copied into etc/bootgate/devices of the
 * running gateway all reach the engine, and deleting them removes them all. The devices name only the factory mode,
 * which the distribution does not boot: each run fails at once ("no mode installed") and backs off, so 1,000 devices
 * cost no network traffic.
 */
public class DeviceDirectoryIT extends BootgateTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceDirectoryIT.class);

    private static final int DEVICES = 1_000;
    private static final String PREFIX = "urn:dev:directory-it-";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    public void thousandDeviceFilesCopiedInAllArriveAndDeletingThemRemovesAll() throws IOException {
        BootstrapEngine engine = awaitService(BootstrapEngine.class, null, DEFAULT_TIMEOUT);
        Path directory = Path.of(System.getProperty("karaf.etc"), "bootgate", "devices");
        awaitCondition(() -> Files.isDirectory(directory), DEFAULT_TIMEOUT, () -> directory + " was not created");

        Path staging = Path.of(System.getProperty("karaf.data"), "device-directory-it");
        Files.createDirectories(staging);
        for (int i = 0; i < DEVICES; i++) {
            Files.writeString(
                    staging.resolve("device-" + i + ".properties"),
                    "endpoint = " + PREFIX + i + "\nmodeSequence = factory\nmode.factory.file = /nonexistent.json\n");
        }
        long started = System.nanoTime();
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        awaitCondition(
                () -> count(engine) == DEVICES,
                TIMEOUT,
                () -> count(engine) + " of " + DEVICES + " devices known to the engine");
        long added = System.nanoTime();

        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        awaitCondition(() -> count(engine) == 0, TIMEOUT, () -> count(engine) + " devices still known");
        long removed = System.nanoTime();
        LOG.info(
                "device directory in Karaf: {} device files copied in, all in the engine after {} ms; deleted, all"
                        + " removed after {} ms",
                DEVICES,
                (added - started) / 1_000_000,
                (removed - added) / 1_000_000);
    }

    private static long count(BootstrapEngine engine) {
        return engine.devices().stream().filter(e -> e.startsWith(PREFIX)).count();
    }
}
