/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.ClientInitiated;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap modes bound to the engine, by name. Among several services of one name the highest service
 * ranking wins, then the oldest service. A mode unbound while attempts of it are in flight stays with those
 * attempts (they hold its {@link ModeBinding}) until they end; it is only no longer resolved for new ones.
 * Thread safe.
 */
final class ModeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModeRegistry.class);

    /** Bound modes by name, best first; guarded by itself. */
    private final Map<String, List<ModeBinding>> modes = new HashMap<>();

    /**
     * Binds a mode service. Its name is the {@link BootstrapModeName} property, or {@link BootstrapMode#name()}
     * when the property is missing.
     */
    ModeBinding bind(BootstrapMode mode, Map<String, ?> properties) {
        String name = modeName(mode, properties);
        ModeBinding binding = new ModeBinding(
                mode,
                name,
                isTrue(properties.get(ClientInitiated.PROPERTY)),
                intProperty(properties.get("service.ranking"), 0),
                longProperty(properties.get("service.id")));
        synchronized (modes) {
            List<ModeBinding> bound = modes.computeIfAbsent(name, n -> new ArrayList<>());
            bound.add(binding);
            bound.sort(
                    Comparator.comparingInt(ModeBinding::ranking).reversed().thenComparingLong(ModeBinding::serviceId));
            if (bound.size() > 1) {
                LOG.warn(
                        "{} registered while {} other service(s) of that name exist; using {}",
                        binding,
                        bound.size() - 1,
                        bound.get(0));
            }
        }
        LOG.info("bootstrap {} installed{}", binding, binding.clientInitiated() ? " (client-initiated)" : "");
        return binding;
    }

    /**
     * Unbinds a mode service; attempts in flight keep it until they end.
     *
     * @return the binding removed, empty for a mode that was not bound
     */
    Optional<ModeBinding> unbind(BootstrapMode mode, Map<String, ?> properties) {
        String name = modeName(mode, properties);
        ModeBinding removed = null;
        synchronized (modes) {
            List<ModeBinding> bound = modes.get(name);
            if (bound != null) {
                for (int i = 0; i < bound.size(); i++) {
                    if (bound.get(i).mode() == mode) {
                        removed = bound.remove(i);
                        break;
                    }
                }
                if (bound.isEmpty()) {
                    modes.remove(name);
                }
            }
        }
        if (removed == null) {
            LOG.debug("unbind of unknown bootstrap mode '{}' ignored", name);
            return Optional.empty();
        }
        removed.markUnbound();
        int inFlight = removed.inFlight();
        if (inFlight > 0) {
            LOG.info("bootstrap {} uninstalled; {} attempt(s) in flight keep it until they end", removed, inFlight);
        } else {
            LOG.info("bootstrap {} uninstalled", removed);
        }
        return Optional.of(removed);
    }

    /** The best bound mode of that name. */
    Optional<ModeBinding> resolve(String name) {
        synchronized (modes) {
            List<ModeBinding> bound = modes.get(name);
            return bound == null || bound.isEmpty() ? Optional.empty() : Optional.of(bound.get(0));
        }
    }

    /** The names of the modes currently installed, sorted. */
    List<String> installedModes() {
        synchronized (modes) {
            return List.copyOf(new TreeSet<>(modes.keySet()));
        }
    }

    /** Counts an attempt of {@code binding} as ended; logs when it was the last one of an unbound mode. */
    static void attemptEnded(ModeBinding binding) {
        if (binding.attemptEnded() == 0 && binding.isUnbound()) {
            LOG.info("bootstrap {} dropped: its last attempt in flight ended", binding);
        }
    }

    private static String modeName(BootstrapMode mode, Map<String, ?> properties) {
        Object property = properties.get(BootstrapModeName.PROPERTY);
        if (property instanceof String name && !name.isBlank()) {
            return name;
        }
        return mode.name();
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static int intProperty(Object value, int otherwise) {
        return value instanceof Integer i ? i : otherwise;
    }

    private static long longProperty(Object value) {
        return value instanceof Long l ? l : 0L;
    }
}
