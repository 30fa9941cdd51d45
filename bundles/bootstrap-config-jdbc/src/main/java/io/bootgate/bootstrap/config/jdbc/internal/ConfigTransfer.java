/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigCodec;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapConfigValidator;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Moves configs between a directory of {@code <endpoint>.json} files (the file store's form) and a store: an
 * import checks every file as the file store would load it before storing any, an export writes each config as the
 * file store would, key material inline.
 */
public final class ConfigTransfer {

    /** What a directory holds: the configs of its valid files and the errors of the others. */
    public record DirectoryContent(List<BootstrapConfig> configs, List<BootstrapConfigException> errors) {}

    private ConfigTransfer() {}

    /**
     * Reads every {@code *.json} file of a directory (not its subdirectories; hidden files skipped) with the file
     * store's rules.
     */
    public static DirectoryContent read(Path directory, BootstrapConfigValidator validator) throws IOException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(".json") && !name.startsWith(".");
                    })
                    .sorted()
                    .toList();
        }
        List<BootstrapConfig> configs = new ArrayList<>();
        List<BootstrapConfigException> errors = new ArrayList<>();
        for (Path file : files) {
            try {
                configs.add(validator.validate(file));
            } catch (BootstrapConfigException e) {
                errors.add(e);
            }
        }
        return new DirectoryContent(configs, errors);
    }

    /**
     * Imports a directory into a store, all files or none: when any file is invalid nothing is stored.
     *
     * @return the configs of the directory, all stored
     * @throws BootstrapConfigException the first invalid file's error (the others are suppressed ones), or the
     *     store's refusal; configs stored before a refusal stay (importing again is harmless)
     */
    public static List<BootstrapConfig> importDirectory(
            Path directory, BootstrapConfigValidator validator, BootstrapConfigStore store)
            throws IOException, BootstrapConfigException {
        DirectoryContent content = read(directory, validator);
        if (!content.errors().isEmpty()) {
            BootstrapConfigException first = content.errors().get(0);
            content.errors().stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        for (BootstrapConfig config : content.configs()) {
            store.put(config);
        }
        return content.configs();
    }

    /**
     * Writes every config of a store to {@code <endpoint>.json} files (owner-only: they hold key material), each
     * replacing a file of that name atomically; other files of the directory stay.
     *
     * @return the files written
     */
    public static List<Path> exportDirectory(
            Map<String, BootstrapConfig> configs, BootstrapConfigCodec codec, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (BootstrapConfig config : configs.values()) {
            Path file = directory.resolve(codec.fileName(config.endpoint()));
            Path temporary = directory.resolve("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
                Files.createFile(temporary);
            }
            Files.write(temporary, codec.format(config));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(file);
        }
        return written;
    }
}
