/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.models.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelProvider;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.StandardObjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;

class ObjectModelsComponentTest {

    private static final ObjectModel VALVE = ObjectModel.of(
            33000,
            "Valve",
            "1.0",
            true,
            false,
            List.of(new ResourceModel(0, "Opening", Operations.READ_WRITE, false, true, ResourceType.INTEGER)));
    private static final ObjectModel OTHER_VALVE = ObjectModel.of(
            33000,
            "Valve",
            "1.1",
            true,
            false,
            List.of(new ResourceModel(0, "Opening", Operations.READ_WRITE, false, true, ResourceType.FLOAT)));

    private final ObjectModelsComponent models = new ObjectModelsComponent(null, null);
    private final List<ObjectModelRegistry> changes = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void theBundlesOwnProvidersGiveTheStandardAndShippedObjects() {
        models.addProvider(new StandardModelsProvider(), properties(1, 0));
        models.addProvider(new BundledDdfModelsProvider(), properties(2, 0));

        assertThat(models.registry().objects()).extracting(ObjectModel::id).containsExactly(0, 1, 2, 3, 4, 5, 3303);
        assertThat(models.registry().object(0)).contains(StandardObjects.SECURITY);
    }

    @Test
    void aProviderAddedLaterExtendsTheRegistryAndListenersAreTold() {
        models.addListener(changes::add);
        models.addProvider(new StandardModelsProvider(), properties(1, 0));
        ObjectModelProvider vendor = () -> List.of(VALVE);

        models.addProvider(vendor, properties(7, 0));

        assertThat(models.registry().object(33000)).contains(VALVE);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1)).isSameAs(models.registry());

        models.removeProvider(vendor, properties(7, 0));

        assertThat(models.registry().object(33000)).isEmpty();
        assertThat(changes).hasSize(3);
    }

    @Test
    void ofTwoConflictingDefinitionsTheHigherRankingWinsWhateverTheOrder() {
        models.addProvider(() -> List.of(VALVE), properties(5, 0));
        models.addProvider(() -> List.of(OTHER_VALVE), properties(6, 10));
        assertThat(models.registry().object(33000)).contains(OTHER_VALVE);

        ObjectModelsComponent reversed = new ObjectModelsComponent(null, null);
        reversed.addProvider(() -> List.of(OTHER_VALVE), properties(6, 10));
        reversed.addProvider(() -> List.of(VALVE), properties(5, 0));
        assertThat(reversed.registry().object(33000)).contains(OTHER_VALVE);
    }

    @Test
    void aConflictIsReportedNamingTheObjectAndBothProviders() {
        ModelMerger.Merged merged = ModelMerger.merge(List.of(
                new ModelMerger.Contribution("vendor-a", 0, 5, List.of(VALVE)),
                new ModelMerger.Contribution("vendor-b", 10, 6, List.of(OTHER_VALVE)),
                new ModelMerger.Contribution("copy-of-a", 0, 7, List.of(OTHER_VALVE))));

        assertThat(merged.registry().object(33000)).contains(OTHER_VALVE);
        assertThat(merged.conflicts())
                .extracting(ModelMerger.Conflict::describe)
                .containsExactly(
                        "object 33000 is defined differently by vendor-a (ranking 0) and vendor-b (ranking 10); the "
                                + "definition of vendor-a is refused, vendor-b's is used (the higher service.ranking wins)");
    }

    @Test
    void equalRankingsGoToTheOlderService() {
        models.addProvider(() -> List.of(OTHER_VALVE), properties(9, 0));
        models.addProvider(() -> List.of(VALVE), properties(3, 0));

        assertThat(models.registry().object(33000)).contains(VALVE);
    }

    @Test
    void theDirectoryProviderReadsVendorFilesAndSkipsBrokenOnes() throws Exception {
        Files.writeString(dir.resolve("valve.xml"), DdfParserTest.vendorObject("Integer"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("broken.xml"), DdfParserTest.vendorObject("Decimal"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not a DDF file", StandardCharsets.UTF_8);

        models.addProvider(new StandardModelsProvider(), properties(1, 0));
        models.addProvider(new DdfDirectoryModelsProvider(dir), properties(2, 0));

        assertThat(models.registry().objects()).extracting(ObjectModel::id).containsExactly(0, 1, 2, 3, 33000);
        assertThat(new DdfDirectoryModelsProvider(dir.resolve("missing")).models())
                .isEmpty();
    }

    private static Map<String, Object> properties(long serviceId, int ranking) {
        return Map.of(Constants.SERVICE_ID, serviceId, Constants.SERVICE_RANKING, ranking);
    }
}
