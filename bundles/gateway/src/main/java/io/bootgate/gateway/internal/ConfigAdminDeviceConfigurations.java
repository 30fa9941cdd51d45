/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Device configurations as Config Admin factory configurations of {@value DeviceConfigurations#FACTORY_PID}. */
final class ConfigAdminDeviceConfigurations implements DeviceConfigurations {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminDeviceConfigurations.class);
    /**
     * Location "?" (multi-location): the configuration belongs to whichever bundle runs the device component (the
     * engine), not to this bundle, which would otherwise be its only allowed consumer.
     */
    private static final String ANY_BUNDLE = "?";

    private final ConfigurationAdmin configurationAdmin;

    ConfigAdminDeviceConfigurations(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = Objects.requireNonNull(configurationAdmin, "configurationAdmin");
    }

    @Override
    public Change ensure(String endpoint, Map<String, Object> properties, Set<String> maintained) throws IOException {
        Configuration[] existing;
        try {
            existing = configurationAdmin.listConfigurations(
                    "(&(service.factoryPid=" + FACTORY_PID + ")(endpoint=" + escape(endpoint) + "))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("device " + endpoint + ": filter not escaped correctly", e);
        }
        if (existing == null || existing.length == 0) {
            Configuration created = configurationAdmin.createFactoryConfiguration(FACTORY_PID, ANY_BUNDLE);
            created.update(new Hashtable<>(properties));
            return Change.CREATED;
        }
        if (existing.length > 1) {
            LOG.warn(
                    "device {} is configured by {} configurations ({}); the demo maintains {}",
                    endpoint,
                    existing.length,
                    Arrays.stream(existing).map(Configuration::getPid).toList(),
                    existing[0].getPid());
        }
        Configuration configuration = existing[0];
        Dictionary<String, Object> current = configuration.getProperties();
        Hashtable<String, Object> updated = new Hashtable<>();
        for (var keys = current.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            updated.put(key, current.get(key));
        }
        boolean changed = false;
        for (String key : maintained) {
            Object value = properties.get(key);
            if (value != null && !value.equals(current.get(key))) {
                updated.put(key, value);
                changed = true;
            }
        }
        if (!changed) {
            return Change.UNCHANGED;
        }
        configuration.update(updated);
        return Change.UPDATED;
    }

    /** RFC 1960 filter value escaping: URN endpoint names are fine, but a name may hold any of these. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
