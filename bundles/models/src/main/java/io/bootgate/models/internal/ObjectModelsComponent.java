/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import io.bootgate.api.model.ObjectModelProvider;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ObjectModels;
import io.bootgate.api.model.ObjectModelsListener;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ObjectModels} service: the whiteboard of {@link ObjectModelProvider} services merged into one
 * registry ({@link ModelMerger}), rebuilt whenever a provider comes, changes or goes, with
 * {@link ObjectModelsListener} services told of each new registry. A definition that conflicts with a
 * higher-ranked provider's is refused with a warning naming both providers.
 */
@Component(service = ObjectModels.class, immediate = true)
public final class ObjectModelsComponent implements ObjectModels {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectModelsComponent.class);

    /** Providers by service id. Guarded by {@code this}. */
    private final Map<Long, ModelMerger.Contribution> contributions = new TreeMap<>();

    private final List<ObjectModelsListener> listeners = new CopyOnWriteArrayList<>();
    /** Conflicts already logged, so that each is logged once, not on every rebuild. Guarded by {@code this}. */
    private Set<ModelMerger.Conflict> reported = Set.of();

    private volatile ObjectModelRegistry registry = ObjectModelRegistry.of(List.of());

    /**
     * The two providers of this bundle are mandatory static references: the service is then only registered
     * once the standard and shipped objects are in the registry, so that a consumer reading it at activation
     * never sees an empty one. Their definitions come in through the whiteboard reference like any other's.
     */
    @Activate
    public ObjectModelsComponent(
            @Reference(
                            name = "standard",
                            target = "(" + ComponentConstants.COMPONENT_NAME + "=" + StandardModelsProvider.NAME + ")")
                    ObjectModelProvider standard,
            @Reference(
                            name = "bundled",
                            target =
                                    "(" + ComponentConstants.COMPONENT_NAME + "=" + BundledDdfModelsProvider.NAME + ")")
                    ObjectModelProvider bundled) {
        // Nothing to do with them here: see above.
    }

    @Override
    public ObjectModelRegistry registry() {
        return registry;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(ObjectModelProvider provider, Map<String, Object> properties) {
        put(provider, properties);
    }

    void updatedProvider(ObjectModelProvider provider, Map<String, Object> properties) {
        put(provider, properties);
    }

    void removeProvider(ObjectModelProvider provider, Map<String, Object> properties) {
        ObjectModelRegistry changed;
        synchronized (this) {
            contributions.remove(serviceId(properties));
            changed = rebuild();
        }
        notifyListeners(changed);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ObjectModelsListener listener) {
        listeners.add(listener);
    }

    void removeListener(ObjectModelsListener listener) {
        listeners.remove(listener);
    }

    private void put(ObjectModelProvider provider, Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault(
                        ComponentConstants.COMPONENT_NAME, provider.getClass().getName()))
                + " (service " + serviceId(properties) + ")";
        ModelMerger.Contribution contribution;
        try {
            contribution =
                    new ModelMerger.Contribution(name, ranking(properties), serviceId(properties), provider.models());
        } catch (RuntimeException e) {
            LOG.warn("object model provider {} failed to give its models; its objects are not defined", name, e);
            return;
        }
        ObjectModelRegistry changed;
        synchronized (this) {
            contributions.put(contribution.serviceId(), contribution);
            changed = rebuild();
        }
        notifyListeners(changed);
    }

    /** @return the new registry, or {@code null} when it did not change */
    private ObjectModelRegistry rebuild() {
        ModelMerger.Merged merged = ModelMerger.merge(contributions.values());
        Set<ModelMerger.Conflict> now = new HashSet<>(merged.conflicts());
        for (ModelMerger.Conflict conflict : merged.conflicts()) {
            if (!reported.contains(conflict)) {
                LOG.warn(conflict.describe());
            }
        }
        reported = now;
        ObjectModelRegistry previous = registry;
        registry = merged.registry();
        if (previous.objects().stream()
                .toList()
                .equals(merged.registry().objects().stream().toList())) {
            return null;
        }
        LOG.info(
                "object models changed: {}",
                merged.registry().objects().stream()
                        .map(m -> m.id() + " " + m.name())
                        .toList());
        return merged.registry();
    }

    private void notifyListeners(ObjectModelRegistry changed) {
        if (changed == null) {
            return;
        }
        for (ObjectModelsListener listener : listeners) {
            try {
                listener.modelsChanged(changed);
            } catch (RuntimeException e) {
                LOG.warn("object models listener {} failed", listener, e);
            }
        }
    }

    private static long serviceId(Map<String, Object> properties) {
        return ((Number) properties.get(Constants.SERVICE_ID)).longValue();
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }
}
