/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's DDF files ({@code *.xml} in {@code ${karaf.etc}/bootgate/models} or the configured directory),
 * e.g. the vendor objects of proxied devices. A file that does not parse is skipped with a warning naming the file
 * and the element; the others still count. A configuration change re-reads the directory (a new component
 * instance); a {@code service.ranking} in the configuration ranks these definitions against other providers'.
 */
@Component(
        name = DdfDirectoryModelsProvider.NAME,
        service = ObjectModelProvider.class,
        configurationPid = DdfDirectoryConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DdfDirectoryConfiguration.class)
public final class DdfDirectoryModelsProvider implements ObjectModelProvider {

    static final String NAME = "io.bootgate.models.directory";
    private static final Logger LOG = LoggerFactory.getLogger(DdfDirectoryModelsProvider.class);

    private final List<ObjectModel> models;

    @Activate
    public DdfDirectoryModelsProvider(DdfDirectoryConfiguration configuration) {
        this(directory(configuration));
    }

    DdfDirectoryModelsProvider(Path directory) {
        this.models = load(directory);
    }

    static Path directory(DdfDirectoryConfiguration configuration) {
        String configured = configuration.ddfDirectory().strip();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "etc" : etc, "bootgate", "models");
    }

    static List<ObjectModel> load(Path directory) {
        if (!Files.isDirectory(directory)) {
            LOG.debug("no DDF directory {}", directory);
            return List.of();
        }
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*.xml")) {
            listing.forEach(files::add);
        } catch (IOException e) {
            LOG.warn("DDF directory {} cannot be listed, no object models read from it: {}", directory, e.getMessage());
            return List.of();
        }
        DdfParser parser = new DdfParser();
        List<ObjectModel> loaded = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                List<ObjectModel> fromFile = parser.parse(in, file.toString());
                loaded.addAll(fromFile);
                LOG.info(
                        "object models from {}: {}",
                        file,
                        fromFile.stream().map(m -> m.id() + " " + m.name()).toList());
            } catch (IOException e) {
                LOG.warn("DDF file {} skipped: cannot be read: {}", file, e.getMessage());
            } catch (DdfFormatException e) {
                LOG.warn("DDF file skipped: {}", e.getMessage());
            }
        }
        return List.copyOf(loaded);
    }

    @Override
    public Collection<ObjectModel> models() {
        return models;
    }
}
