/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import static org.awaitility.Awaitility.await;

import io.bootgate.api.devices.DeviceSource;
import io.bootgate.api.devices.SourcedDevice;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.internal.DeviceSourceRegistry;
import io.bootgate.engine.testkit.EngineFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A device directory supplying the real engine (on the real store, with no mode installed and a manual scheduler,
 * so no bootstrap runs) through the engine's real device-source registry.
 */
final class DirectoryFixture implements AutoCloseable {

    final EngineFixture engine = new EngineFixture();
    final DeviceSourceRegistry registry = new DeviceSourceRegistry(engine.engine);
    final Path directory;
    /** How many devices the watcher handed to the source, in all. */
    final AtomicInteger supplied = new AtomicInteger();

    final AtomicInteger supplyCalls = new AtomicInteger();
    DirectoryWatcher watcher;

    DirectoryFixture(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DirectoryWatcher start(Duration rescan, Duration settle, DirectoryWatcher.WatchServices watchServices) {
        DirectoryWatcher.Settings settings = new DirectoryWatcher.Settings(directory, rescan, settle, 500, 65536);
        DeviceSource source = counting(registry.open("directory " + directory));
        watcher = watchServices == null
                ? new DirectoryWatcher(settings, source, new DeviceFileParser(new DefaultKeyCodec()))
                : new DirectoryWatcher(settings, source, new DeviceFileParser(new DefaultKeyCodec()), watchServices);
        watcher.start();
        return watcher;
    }

    DirectoryWatcher start() {
        return start(Duration.ofSeconds(30), Duration.ofMillis(200), null);
    }

    /** Writes a device file directly (not atomically, as cp does). */
    Path write(String fileName, String content) {
        try {
            return Files.writeString(directory.resolve(fileName), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String device(String endpoint) {
        return "# a proxied device\nendpoint = " + endpoint + "\nmodeSequence = factory\n"
                + "mode.factory.file = /nonexistent/" + endpoint + ".json\n";
    }

    /** Writes {@code count} device files in a staging directory, then copies them in one by one as cp would. */
    void copyIn(Path staging, int count) {
        try {
            Files.createDirectories(staging);
            for (int i = 0; i < count; i++) {
                Files.writeString(staging.resolve("dev-" + i + ".properties"), device("urn:dev:dir-" + i));
            }
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteDeviceFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitDevices(int count) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> engine.engine.devices().size() == count);
    }

    private DeviceSource counting(DeviceSource delegate) {
        return new DeviceSource() {
            @Override
            public String name() {
                return delegate.name();
            }

            @Override
            public int supply(Collection<SourcedDevice> devices) {
                supplyCalls.incrementAndGet();
                supplied.addAndGet(devices.size());
                return delegate.supply(devices);
            }

            @Override
            public int withdraw(Collection<String> endpoints) {
                return delegate.withdraw(endpoints);
            }

            @Override
            public Set<String> endpoints() {
                return delegate.endpoints();
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        engine.close();
    }
}
