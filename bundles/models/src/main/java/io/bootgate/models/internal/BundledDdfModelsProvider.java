/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The OMA registry objects Bootgate ships as DDF files in this bundle ({@code /ddf/*.xml}): Device (3, the same
 * definition as the API's), Connectivity Monitoring (4), Firmware Update (5) and IPSO Temperature (3303). A
 * shipped file that does not parse is a build defect: the component fails to activate, naming the file.
 */
@Component(name = BundledDdfModelsProvider.NAME, service = ObjectModelProvider.class)
public final class BundledDdfModelsProvider implements ObjectModelProvider {

    static final String NAME = "io.bootgate.models.bundled";

    /** The shipped files, resources of this bundle. */
    static final List<String> RESOURCES = List.of(
            "ddf/3-device.xml",
            "ddf/4-connectivity-monitoring.xml",
            "ddf/5-firmware-update.xml",
            "ddf/3303-temperature.xml");

    private final List<ObjectModel> models;

    public BundledDdfModelsProvider() {
        this.models = load();
    }

    static List<ObjectModel> load() {
        DdfParser parser = new DdfParser();
        List<ObjectModel> loaded = new ArrayList<>();
        for (String resource : RESOURCES) {
            try (InputStream in =
                    BundledDdfModelsProvider.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled DDF resource " + resource + " is missing");
                }
                loaded.addAll(parser.parse(in, resource));
            } catch (IOException e) {
                throw new UncheckedIOException("bundled DDF resource " + resource + " cannot be read", e);
            } catch (DdfFormatException e) {
                throw new IllegalStateException("bundled DDF resource is invalid: " + e.getMessage(), e);
            }
        }
        return List.copyOf(loaded);
    }

    @Override
    public Collection<ObjectModel> models() {
        return models;
    }
}
