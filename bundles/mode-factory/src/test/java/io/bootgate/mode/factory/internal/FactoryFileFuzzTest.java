/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer targets for the factory file reader, in its three forms (JSON, SenML-JSON, SenML-CBOR). Whatever the
 * file's bytes (up to 64 KB), the reader returns factory data or throws {@link FactoryFileException}; any other
 * exception is a finding. The committed seeds under {@code FactoryFileFuzzTestInputs/<method>/} are replayed by
 * the build.
 */
class FactoryFileFuzzTest {

    private static final int MAX_INPUT = 64 * 1024;
    private static Path directory;

    private final FactoryFileReader reader = new FactoryFileReader(new DefaultLwM2mCodec(), new DefaultKeyCodec());

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("factory-fuzz");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @FuzzTest
    void json(byte[] content) {
        read("dev1.json", content);
    }

    @FuzzTest
    void senmlJson(byte[] content) {
        read("dev1.senml.json", content);
    }

    @FuzzTest
    void senmlCbor(byte[] content) {
        read("dev1.senml.cbor", content);
    }

    private void read(String name, byte[] content) {
        if (content.length > MAX_INPUT) {
            return;
        }
        Path file = directory.resolve(name);
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            reader.read(file, ObjectModelRegistry.standard());
        } catch (FactoryFileException expected) {
            // the documented rejection
        }
    }
}
