/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.testkit;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Real object stores in throw-away directories (no fsync: a test store need not survive power loss). */
public final class TestStores {

    private TestStores() {}

    public static Path newDirectory() {
        try {
            return Files.createTempDirectory("bootgate-engine-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MvObjectStore open(Path directory) {
        return MvObjectStore.open(StoreOptions.persistent(directory, ObjectModelRegistry::standard)
                .withSyncOnCommit(false));
    }

    public static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up test store " + directory, e);
        }
    }
}
