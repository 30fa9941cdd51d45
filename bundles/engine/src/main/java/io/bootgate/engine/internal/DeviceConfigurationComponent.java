package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.security.DtlsCredentials;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
@Component(configurationPid = DeviceConfigurationComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = DeviceConfiguration.class, factory = true)
public final class DeviceConfigurationComponent {

    public static final String FACTORY_PID = "io.bootgate.device";

    /** Prefix of mode-specific properties: {@code mode.<mode name>.<key>}. */
    static final String MODE_PREFIX = "mode.";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConfigurationComponent.class);

    private final BootstrapEngine engine;
    private final KeyCodec keys;
    private String endpoint;

    @Activate
    public DeviceConfigurationComponent(@Reference(name = "engine") BootstrapEngine engine,
            @Reference(name = "keys") KeyCodec keys, DeviceConfiguration configuration, Map<String, Object> properties) {
        this.engine = engine;
        this.keys = keys;
        apply(configuration, properties);
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
            LOG.error("device configuration {} (endpoint {}) refused: {}", pid, configuration.endpoint(),
                    e.getMessage());
            throw e;
        }
        try {
            engine.addDevice(config);
        } catch (RuntimeException e) {
            LOG.error("device configuration {} (endpoint {}) could not be added: {}", pid, config.endpoint(),
                    e.getMessage());
            throw e;
        }
        endpoint = config.endpoint();
    }

    static DeviceBootstrapConfig toConfig(KeyCodec keys, DeviceConfiguration configuration,
            Map<String, Object> properties) {
        String name = configuration.endpoint();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint is missing");
        }
        List<String> sequence = Arrays.stream(configuration.modeSequence()).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        Optional<DtlsCredentials> credentials = CredentialFiles.credentials(keys, configuration.credentials_privateKey(),
                configuration.credentials_publicKey(), configuration.credentials_certificate());
        return new DeviceBootstrapConfig(name, sequence, modeProperties(properties), credentials);
    }

    /** Groups {@code mode.<mode>.<key> = value} properties by mode; mode names contain no dot. */
    static Map<String, Map<String, String>> modeProperties(Map<String, Object> properties) {
        Map<String, Map<String, String>> byMode = new LinkedHashMap<>();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            String key = property.getKey();
            if (!key.startsWith(MODE_PREFIX)) {
                continue;
            }
            int dot = key.indexOf('.', MODE_PREFIX.length());
            if (dot < 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("property " + key + " is not of the form mode.<mode>.<key>");
            }
            byMode.computeIfAbsent(key.substring(MODE_PREFIX.length(), dot), m -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1), String.valueOf(property.getValue()));
        }
        return byMode;
    }
}
