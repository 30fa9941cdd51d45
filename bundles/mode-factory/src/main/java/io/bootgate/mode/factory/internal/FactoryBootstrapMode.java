/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

import io.bootgate.api.bootstrap.AttemptTree;
import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.store.WriteRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Factory Bootstrap: applies a device's provisioning file to its store transaction and finishes through the
 * engine's consistency checks, so a factory file is held to the same rules as a bootstrap server.
 * <ul>
 * <li>No file for the device: {@link BootstrapOutcome#notApplicable not applicable} (the device simply has no
 * factory data; the engine goes on with the next mode).</li>
 * <li>A file that cannot be read or does not fit the object definitions: failure naming the file and the
 * place; nothing is written.</li>
 * <li>Data that fails the Finish checks: failure with the 4.06 reasons; the engine rolls the transaction
 * back, the store is unchanged.</li>
 * </ul>
 */
@Component(service = BootstrapMode.class, configurationPid = FactoryBootstrapMode.PID)
@BootstrapModeName(BootstrapModeName.FACTORY)
@Designate(ocd = FactoryModeConfiguration.class)
public final class FactoryBootstrapMode implements BootstrapMode {

    public static final String PID = "io.bootgate.mode.factory";

    /** Per-device property (device configuration {@code mode.factory.file}) naming its factory file. */
    public static final String FILE_PROPERTY = ModeProperties.FACTORY_FILE;

    /** Extensions looked for, in this order, when the device names no file. */
    static final List<String> EXTENSIONS = List.of(".json", ".senml.json", ".senml.cbor");

    /** Endpoint names usable as file names; others must name their file explicitly. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,200}");

    private static final Logger LOG = LoggerFactory.getLogger(FactoryBootstrapMode.class);

    private final ObjectStore store;
    private final FactoryFileReader reader;
    private volatile Path directory;

    @Activate
    public FactoryBootstrapMode(
            @Reference ObjectStore store,
            @Reference LwM2mDecoder decoder,
            @Reference KeyCodec keys,
            FactoryModeConfiguration configuration) {
        this.store = store;
        this.reader = new FactoryFileReader(decoder, keys);
        this.directory = directory(configuration);
    }

    /** For tests and embedding: files in {@code directory}. */
    public FactoryBootstrapMode(ObjectStore store, LwM2mDecoder decoder, KeyCodec keys, Path directory) {
        this.store = store;
        this.reader = new FactoryFileReader(decoder, keys);
        this.directory = directory;
    }

    @Modified
    void modified(FactoryModeConfiguration configuration) {
        this.directory = directory(configuration);
    }

    private static Path directory(FactoryModeConfiguration configuration) {
        if (!configuration.directory().isBlank()) {
            return Path.of(configuration.directory());
        }
        return Path.of(System.getProperty("karaf.etc", "etc"), "bootgate", "factory");
    }

    @Override
    public String name() {
        return BootstrapModeName.FACTORY;
    }

    @Override
    public CompletionStage<BootstrapOutcome> attempt(BootstrapContext context) {
        return CompletableFuture.completedFuture(run(context));
    }

    private BootstrapOutcome run(BootstrapContext context) {
        String endpoint = context.endpoint();
        Optional<Path> file;
        try {
            file = locate(context);
        } catch (IllegalArgumentException e) {
            LOG.warn("device {}: factory bootstrap failed: {}", endpoint, e.getMessage());
            return BootstrapOutcome.failure(e.getMessage());
        }
        if (file.isEmpty()) {
            String reason = "no factory file for the device in " + directory;
            LOG.info("device {}: factory bootstrap not applicable: {}", endpoint, reason);
            return BootstrapOutcome.notApplicable(reason);
        }
        FactoryData data;
        try {
            data = reader.read(file.get(), store.models());
        } catch (FactoryFileException e) {
            LOG.warn("device {}: factory bootstrap failed, file refused: {}", endpoint, e.getMessage());
            return BootstrapOutcome.failure("factory file refused: " + e.getMessage());
        }
        AttemptTree tx = context.tree();
        for (Map.Entry<Integer, java.util.SortedMap<Integer, ObjectInstance>> object :
                data.objects().entrySet()) {
            for (ObjectInstance instance : object.getValue().values()) {
                LwM2mPath path = LwM2mPath.of(object.getKey(), instance.id());
                try {
                    // Each instance of the file is the whole instance: what the file does not give is not kept.
                    tx.write(path, instance, WriteMode.REPLACE);
                } catch (WriteRejectedException e) {
                    LOG.warn(
                            "device {}: factory bootstrap failed, {} refused by the store ({}): {}",
                            endpoint,
                            path,
                            e.responseCode().dotted(),
                            e.getMessage());
                    return BootstrapOutcome.failure(file.get() + ": " + path + " refused: " + e.getMessage());
                }
            }
        }
        FinishResult finish = context.finish();
        if (!finish.isSuccess()) {
            LOG.warn(
                    "device {}: factory data of {} is inconsistent ({}): {}",
                    endpoint,
                    file.get(),
                    finish.code().dotted(),
                    String.join("; ", finish.reasons()));
            return BootstrapOutcome.failure(finish);
        }
        LOG.info("device {}: factory data of {} applied ({} instances)", endpoint, file.get(), data.instanceCount());
        return BootstrapOutcome.success();
    }

    /**
     * The device's file: its {@code file} property, else {@code <directory>/<endpoint><extension>} for the
     * first extension that exists.
     *
     * @throws IllegalArgumentException when the named file is missing or the endpoint name cannot be a file name
     */
    private Optional<Path> locate(BootstrapContext context) {
        Optional<String> named = context.property(FILE_PROPERTY);
        if (named.isPresent()) {
            Path file = Path.of(named.get());
            // A file the operator named explicitly and that is gone is a broken installation, not "no data".
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("factory file " + file + " (mode.factory.file) does not exist");
            }
            return Optional.of(file);
        }
        String endpoint = context.endpoint();
        if (!SAFE_NAME.matcher(endpoint).matches() || endpoint.contains("..")) {
            throw new IllegalArgumentException("endpoint name cannot be used as a file name;"
                    + " set mode.factory.file in the device configuration");
        }
        Path dir = directory;
        for (String extension : EXTENSIONS) {
            Path candidate = dir.resolve(endpoint + extension);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
