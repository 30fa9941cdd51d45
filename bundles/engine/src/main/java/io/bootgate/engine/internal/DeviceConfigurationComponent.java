/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.devices.DeviceProperties;
import io.bootgate.api.keys.KeyCodec;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied device from a Config Admin factory configuration ({@code io.bootgate.device}): adds it to the
 * engine on activation, applies changes in place, removes it when the configuration is deleted.
 */
@Component(
        configurationPid = DeviceConfigurationComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = DeviceConfiguration.class, factory = true)
public final class DeviceConfigurationComponent {

    public static final String FACTORY_PID = "io.bootgate.device";

    /** The modes Bootgate ships (each its own feature): naming one that is not installed yet is no mistake. */
    static final Set<String> BOOTGATE_MODES = Set.of(
            BootstrapModeName.FACTORY,
            BootstrapModeName.SMARTCARD,
            BootstrapModeName.CLIENT_INITIATED,
            BootstrapModeName.SERVER_INITIATED);

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConfigurationComponent.class);

    private final BootstrapEngine engine;
    private final KeyCodec keys;
    private final BundleContext bundleContext;
    private String endpoint;
    /** The unknown mode names last warned about, so that a configuration update repeating them stays quiet. */
    private List<String> warnedUnknownModes = List.of();

    @Activate
    public DeviceConfigurationComponent(
            @Reference(name = "engine") BootstrapEngine engine,
            @Reference(name = "keys") KeyCodec keys,
            DeviceConfiguration configuration,
            Map<String, Object> properties,
            BundleContext bundleContext) {
        this.engine = engine;
        this.keys = keys;
        this.bundleContext = bundleContext;
        apply(configuration, properties);
    }

    /** Outside a framework (tests): only Bootgate's own mode names count as known. */
    public DeviceConfigurationComponent(
            BootstrapEngine engine, KeyCodec keys, DeviceConfiguration configuration, Map<String, Object> properties) {
        this(engine, keys, configuration, properties, null);
    }

    @Modified
    void modified(DeviceConfiguration configuration, Map<String, Object> properties) {
        String previous = endpoint;
        apply(configuration, properties);
        if (previous != null && !previous.equals(endpoint)) {
            engine.removeDevice(previous);
        }
    }

    @Deactivate
    void deactivate() {
        if (endpoint != null) {
            engine.removeDevice(endpoint);
        }
    }

    private void apply(DeviceConfiguration configuration, Map<String, Object> properties) {
        String pid = String.valueOf(properties.get("service.pid"));
        DeviceBootstrapConfig config;
        try {
            config = toConfig(keys, configuration, properties);
        } catch (IllegalArgumentException e) {
            LOG.error(
                    "device configuration {} (endpoint {}) refused: {}", pid, configuration.endpoint(), e.getMessage());
            throw e;
        }
        try {
            engine.addDevice(config);
        } catch (RuntimeException e) {
            LOG.error(
                    "device configuration {} (endpoint {}) could not be added: {}",
                    pid,
                    config.endpoint(),
                    e.getMessage());
            throw e;
        }
        endpoint = config.endpoint();
        warnAboutUnknownModes(pid, config);
    }

    /**
     * Warns once per configuration (not per retry: the engine skips a missing mode on every run at INFO) about
     * mode names that are neither a Bootgate mode nor the name of an installed mode, most often a typo.
     */
    private void warnAboutUnknownModes(String pid, DeviceBootstrapConfig config) {
        List<String> unknown = unknownModes(config.modeSequence(), installedModeNames());
        if (!unknown.isEmpty() && !unknown.equals(warnedUnknownModes)) {
            LOG.warn(
                    "device {} (configuration {}): bootstrap mode(s) {} in modeSequence {} are neither installed nor"
                            + " one of Bootgate's modes {}; the device skips them on every run (misspelt?)",
                    config.endpoint(),
                    pid,
                    unknown,
                    config.modeSequence(),
                    new TreeSet<>(BOOTGATE_MODES));
        }
        warnedUnknownModes = unknown;
    }

    /** Names of the {@link BootstrapMode} services registered now, by their {@value BootstrapModeName#PROPERTY}. */
    private Set<String> installedModeNames() {
        Set<String> names = new HashSet<>();
        if (bundleContext == null) {
            return names;
        }
        try {
            Collection<ServiceReference<BootstrapMode>> modes =
                    bundleContext.getServiceReferences(BootstrapMode.class, null);
            for (ServiceReference<BootstrapMode> mode : modes) {
                Object name = mode.getProperty(BootstrapModeName.PROPERTY);
                if (name instanceof String text) {
                    names.add(text);
                }
            }
        } catch (InvalidSyntaxException e) {
            // Unreachable with a null filter; without the installed names only Bootgate's own modes count as known.
            LOG.debug("installed bootstrap modes not listed", e);
        } catch (IllegalStateException e) {
            // The bundle is stopping: nothing to warn about any more.
            LOG.debug("installed bootstrap modes not listed, bundle stopping", e);
        }
        return names;
    }

    /** The mode names of a sequence that are neither one of {@link #BOOTGATE_MODES} nor among {@code installed}. */
    static List<String> unknownModes(List<String> sequence, Set<String> installed) {
        return sequence.stream()
                .filter(m -> !BOOTGATE_MODES.contains(m) && !installed.contains(m))
                .distinct()
                .toList();
    }

    /** The mode sequence of a configuration: {@link DeviceProperties#modeSequence}. */
    static List<String> modeSequence(String[] configured) {
        return DeviceProperties.modeSequence(configured);
    }

    /** The vocabulary and its parsing are shared with the device sources: {@link DeviceProperties}. */
    static DeviceBootstrapConfig toConfig(
            KeyCodec keys, DeviceConfiguration configuration, Map<String, Object> properties) {
        return DeviceProperties.toConfig(
                configuration.endpoint(),
                modeSequence(configuration.modeSequence()),
                configuration.credentials_privateKey(),
                configuration.credentials_publicKey(),
                configuration.credentials_certificate(),
                properties,
                keys);
    }

    /** Groups {@code mode.<mode>.<key> = value} properties by mode: {@link DeviceProperties#modeProperties}. */
    static Map<String, Map<String, String>> modeProperties(Map<String, Object> properties) {
        return DeviceProperties.modeProperties(properties);
    }
}
