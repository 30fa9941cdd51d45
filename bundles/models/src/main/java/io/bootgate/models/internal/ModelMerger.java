/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the definitions of several providers into one registry. Providers are taken in OSGi service order
 * (highest ranking first, then lowest service id): the first definition of an object id wins, and every other
 * provider's different definition of that id is refused and reported. The same definition from two providers
 * is not a conflict.
 */
public final class ModelMerger {

    private ModelMerger() {}

    /** One provider's definitions, with what orders it among the others and names it in messages. */
    public record Contribution(String provider, int ranking, long serviceId, Collection<ObjectModel> models) {
        public Contribution {
            Objects.requireNonNull(provider, "provider");
            models = List.copyOf(models);
        }
    }

    /** A definition that lost against the one in the registry. */
    public record Conflict(int objectId, String refused, int refusedRanking, String kept, int keptRanking) {
        /** One log line: which provider's definition of which object was refused, and whose is used. */
        public String describe() {
            return "object " + objectId + " is defined differently by " + refused + " (ranking " + refusedRanking
                    + ") and " + kept + " (ranking " + keptRanking + "); the definition of " + refused
                    + " is refused, " + kept + "'s is used (the higher service.ranking wins)";
        }
    }

    /** The registry and the refused definitions. */
    public record Merged(ObjectModelRegistry registry, List<Conflict> conflicts) {}

    public static Merged merge(Collection<Contribution> contributions) {
        List<Contribution> ordered = new ArrayList<>(contributions);
        ordered.sort(
                Comparator.comparingInt(Contribution::ranking).reversed().thenComparingLong(Contribution::serviceId));
        Map<Integer, ObjectModel> models = new LinkedHashMap<>();
        Map<Integer, Contribution> owners = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (Contribution contribution : ordered) {
            for (ObjectModel model : contribution.models()) {
                ObjectModel kept = models.get(model.id());
                if (kept == null) {
                    models.put(model.id(), model);
                    owners.put(model.id(), contribution);
                } else if (!kept.equals(model)) {
                    Contribution owner = owners.get(model.id());
                    conflicts.add(new Conflict(
                            model.id(),
                            contribution.provider(),
                            contribution.ranking(),
                            owner.provider(),
                            owner.ranking()));
                }
            }
        }
        return new Merged(ObjectModelRegistry.of(models.values()), List.copyOf(conflicts));
    }
}
