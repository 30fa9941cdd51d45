/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.store.WriteRejectedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LwM2M Write semantics (replace / partial update) at every level, create, delete and the model checks. */
class WriteSemanticsTest {

    private static final String EP = "urn:dev:write";

    private MvObjectStore store;
    private StoreTransaction tx;

    @BeforeEach
    void open() {
        store = MvObjectStore.open(StoreOptions.inMemory(ObjectModelRegistry::standard));
        store.createEndpoint(EP);
        tx = store.begin(EP);
        tx.write(LwM2mPath.of(1, 0), server(0, 101, 300, "U"), WriteMode.REPLACE);
        tx.write(
                LwM2mPath.of(3, 0),
                ObjectInstance.of(
                        0,
                        SingleResource.ofString(Device.MANUFACTURER, "ACME"),
                        SingleResource.ofString(Device.MODEL_NUMBER, "M1"),
                        errorCodes(Map.of(0, 0L, 1, 5L))),
                WriteMode.REPLACE);
    }

    @AfterEach
    void close() {
        tx.close();
        store.close();
    }

    private static ObjectInstance server(int id, long ssid, long lifetime, String binding) {
        return ObjectInstance.of(
                id,
                SingleResource.ofInteger(Server.SHORT_SERVER_ID, ssid),
                SingleResource.ofInteger(Server.LIFETIME, lifetime),
                SingleResource.ofString(Server.BINDING, binding));
    }

    private static MultipleResource errorCodes(Map<Integer, Long> codes) {
        java.util.TreeMap<Integer, ResourceValue> values = new java.util.TreeMap<>();
        codes.forEach((k, v) -> values.put(k, ResourceValue.ofInteger(v)));
        return new MultipleResource(Device.ERROR_CODE, ResourceType.INTEGER, values);
    }

    private LwM2mNode at(String path) {
        return tx.read(LwM2mPath.parse(path)).orElse(null);
    }

    @Test
    void replaceObjectKeepsOnlyTheGivenInstances() {
        tx.write(LwM2mPath.of(1, 1), server(1, 102, 60, "U"), WriteMode.REPLACE);
        tx.write(LwM2mPath.of(1), LwM2mObject.of(1, server(1, 103, 70, "UQ")), WriteMode.REPLACE);
        assertThat(tx.object(1).orElseThrow().instances().keySet()).containsExactly(1);
        assertThat(tx.value(LwM2mPath.of(1, 1, Server.SHORT_SERVER_ID))
                        .orElseThrow()
                        .longValue())
                .isEqualTo(103);
    }

    @Test
    void updateObjectMergesEachGivenInstanceAndKeepsTheOthers() {
        tx.write(LwM2mPath.of(1, 1), server(1, 102, 60, "U"), WriteMode.REPLACE);
        ObjectInstance lifetimeOnly = ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 999));
        ObjectInstance newInstance = server(2, 104, 10, "U");
        tx.write(LwM2mPath.of(1), LwM2mObject.of(1, lifetimeOnly, newInstance), WriteMode.UPDATE);
        assertThat(tx.object(1).orElseThrow().instances().keySet()).containsExactly(0, 1, 2);
        assertThat(tx.value(LwM2mPath.of(1, 0, Server.LIFETIME)).orElseThrow().longValue())
                .isEqualTo(999);
        assertThat(tx.value(LwM2mPath.of(1, 0, Server.BINDING)).orElseThrow().stringValue())
                .isEqualTo("U");
    }

    @Test
    void replaceInstanceRemovesResourcesNotGiven() {
        tx.write(
                LwM2mPath.of(1, 0),
                ObjectInstance.of(0, SingleResource.ofInteger(Server.LIFETIME, 5)),
                WriteMode.REPLACE);
        assertThat(tx.instance(1, 0).orElseThrow().resources().keySet()).containsExactly(Server.LIFETIME);
    }

    @Test
    void updateInstanceKeepsOtherResourcesAndMergesMultipleResources() {
        tx.write(
                LwM2mPath.of(3, 0),
                ObjectInstance.of(
                        0, SingleResource.ofString(Device.MODEL_NUMBER, "M2"), errorCodes(Map.of(1, 7L, 2, 8L))),
                WriteMode.UPDATE);
        assertThat(at("/3/0/0")).isEqualTo(SingleResource.ofString(Device.MANUFACTURER, "ACME"));
        assertThat(at("/3/0/1")).isEqualTo(SingleResource.ofString(Device.MODEL_NUMBER, "M2"));
        assertThat(at("/3/0/11")).isEqualTo(errorCodes(Map.of(0, 0L, 1, 7L, 2, 8L)));
    }

    @Test
    void updateOfMissingInstanceCreatesItAsBootstrapWriteDoes() {
        tx.write(LwM2mPath.of(1, 4), server(4, 105, 1, "U"), WriteMode.UPDATE);
        assertThat(at("/1/4")).isEqualTo(server(4, 105, 1, "U"));
    }

    @Test
    void replaceMultipleResourceKeepsOnlyGivenResourceInstances() {
        tx.write(LwM2mPath.of(3, 0, Device.ERROR_CODE), errorCodes(Map.of(3, 1L)), WriteMode.REPLACE);
        assertThat(at("/3/0/11")).isEqualTo(errorCodes(Map.of(3, 1L)));
    }

    @Test
    void updateMultipleResourceAddsAndReplacesResourceInstances() {
        tx.write(LwM2mPath.of(3, 0, Device.ERROR_CODE), errorCodes(Map.of(1, 6L, 3, 1L)), WriteMode.UPDATE);
        assertThat(at("/3/0/11")).isEqualTo(errorCodes(Map.of(0, 0L, 1, 6L, 3, 1L)));
    }

    @Test
    void writeSingleResourceSetsItInBothModes() {
        tx.write(LwM2mPath.of(1, 0, Server.LIFETIME), SingleResource.ofInteger(Server.LIFETIME, 1), WriteMode.UPDATE);
        assertThat(tx.value(LwM2mPath.parse("/1/0/1")).orElseThrow().longValue())
                .isEqualTo(1);
        tx.write(LwM2mPath.of(1, 0, Server.LIFETIME), SingleResource.ofInteger(Server.LIFETIME, 2), WriteMode.REPLACE);
        assertThat(tx.value(LwM2mPath.parse("/1/0/1")).orElseThrow().longValue())
                .isEqualTo(2);
        assertThat(tx.instance(1, 0).orElseThrow().resources()).hasSize(3);
    }

    @Test
    void writeResourceInstanceSetsOneEntryAndCreatesTheResourceIfMissing() {
        tx.write(
                LwM2mPath.of(3, 0, Device.ERROR_CODE, 1),
                new ResourceInstance(1, ResourceValue.ofInteger(9)),
                WriteMode.REPLACE);
        assertThat(at("/3/0/11")).isEqualTo(errorCodes(Map.of(0, 0L, 1, 9L)));
        assertThat(at("/3/0/11/1")).isEqualTo(new ResourceInstance(1, ResourceValue.ofInteger(9)));
        tx.delete(LwM2mPath.of(3, 0, Device.ERROR_CODE));
        tx.write(
                LwM2mPath.of(3, 0, Device.ERROR_CODE, 4),
                new ResourceInstance(4, ResourceValue.ofInteger(2)),
                WriteMode.UPDATE);
        assertThat(at("/3/0/11")).isEqualTo(errorCodes(Map.of(4, 2L)));
    }

    @Test
    void writeBelowMissingInstanceCreatesTheInstance() {
        tx.write(LwM2mPath.of(1, 3, Server.BINDING), SingleResource.ofString(Server.BINDING, "T"), WriteMode.UPDATE);
        assertThat(at("/1/3")).isEqualTo(ObjectInstance.of(3, SingleResource.ofString(Server.BINDING, "T")));
    }

    @Test
    void createAddsNewInstanceAndRefusesExistingOne() {
        tx.create(1, server(5, 106, 30, "U"));
        assertThat(at("/1/5")).isEqualTo(server(5, 106, 30, "U"));
        assertThatThrownBy(() -> tx.create(1, server(5, 107, 30, "U")))
                .isInstanceOfSatisfying(WriteRejectedException.class, e -> assertThat(e.responseCode())
                        .isEqualTo(ResponseCode.BAD_REQUEST))
                .hasMessageContaining("/1/5 already exists");
        assertThat(tx.value(LwM2mPath.of(1, 5, Server.SHORT_SERVER_ID))
                        .orElseThrow()
                        .longValue())
                .isEqualTo(106);
    }

    @Test
    void deleteAtEveryLevel() {
        tx.write(LwM2mPath.of(1, 1), server(1, 102, 60, "U"), WriteMode.REPLACE);
        assertThat(tx.delete(LwM2mPath.of(3, 0, Device.ERROR_CODE, 1))).isTrue();
        assertThat(at("/3/0/11")).isEqualTo(errorCodes(Map.of(0, 0L)));
        assertThat(tx.delete(LwM2mPath.of(3, 0, Device.MODEL_NUMBER))).isTrue();
        assertThat(at("/3/0/1")).isNull();
        assertThat(tx.delete(LwM2mPath.of(1, 1))).isTrue();
        assertThat(tx.object(1).orElseThrow().instances().keySet()).containsExactly(0);
        assertThat(tx.delete(LwM2mPath.of(1))).isTrue();
        assertThat(tx.object(1)).isEmpty();
        assertThat(tx.delete(LwM2mPath.of(1))).isFalse();
        assertThat(tx.delete(LwM2mPath.root())).isTrue();
        assertThat(tx.objects()).isEmpty();
        assertThat(tx.delete(LwM2mPath.root())).isFalse();
    }

    @Test
    void deletingLastInstanceRemovesTheObject() {
        tx.delete(LwM2mPath.of(1, 0));
        assertThat(tx.objects()).doesNotContainKey(1);
        assertThat(tx.read(LwM2mPath.of(1))).isEmpty();
    }

    @Test
    void undefinedObjectIsNotFound() {
        assertThatThrownBy(() -> tx.write(LwM2mPath.of(5, 0), ObjectInstance.of(0), WriteMode.REPLACE))
                .isInstanceOfSatisfying(WriteRejectedException.class, e -> assertThat(e.responseCode())
                        .isEqualTo(ResponseCode.NOT_FOUND))
                .hasMessageContaining("object 5 has no definition");
    }

    @Test
    void anObjectModelAddedLaterAppliesToLaterTransactions() {
        AtomicReference<ObjectModelRegistry> models = new AtomicReference<>(ObjectModelRegistry.standard());
        ObjectModel valve = ObjectModel.of(
                33000,
                "Valve",
                "1.0",
                true,
                false,
                List.of(new ResourceModel(0, "Opening", Operations.READ_WRITE, false, true, ResourceType.INTEGER)));
        ObjectInstance opening = ObjectInstance.of(0, SingleResource.ofInteger(0, 40));
        try (MvObjectStore live = MvObjectStore.open(StoreOptions.inMemory(models::get))) {
            live.createEndpoint(EP);
            try (StoreTransaction before = live.begin(EP)) {
                assertThatThrownBy(() -> before.write(LwM2mPath.of(33000, 0), opening, WriteMode.REPLACE))
                        .hasMessageContaining("object 33000 has no definition");
            }

            models.set(ObjectModelRegistry.standard().with(List.of(valve)));

            try (StoreTransaction after = live.begin(EP)) {
                after.write(LwM2mPath.of(33000, 0), opening, WriteMode.REPLACE);
                after.commit();
            }
            assertThat(live.models().object(33000)).contains(valve);
            assertThat(live.read(EP, LwM2mPath.parse("/33000/0/0"))).contains(SingleResource.ofInteger(0, 40));
        }
    }

    @Test
    void undefinedResourceIsNotFound() {
        assertThatThrownBy(() -> tx.write(LwM2mPath.of(1, 0, 99), SingleResource.ofInteger(99, 1), WriteMode.UPDATE))
                .isInstanceOfSatisfying(WriteRejectedException.class, e -> assertThat(e.responseCode())
                        .isEqualTo(ResponseCode.NOT_FOUND));
    }

    @Test
    void wrongTypeOrMultiplicityIsBadRequestAndChangesNothing() {
        var before = tx.objects();
        ObjectInstance wrongType = ObjectInstance.of(
                0, SingleResource.ofInteger(Server.LIFETIME, 1), SingleResource.ofInteger(Server.BINDING, 1));
        assertThatThrownBy(() -> tx.write(LwM2mPath.of(1, 0), wrongType, WriteMode.UPDATE))
                .isInstanceOfSatisfying(WriteRejectedException.class, e -> {
                    assertThat(e.responseCode()).isEqualTo(ResponseCode.BAD_REQUEST);
                    assertThat(e.path()).isEqualTo(LwM2mPath.of(1, 0, Server.BINDING));
                });
        assertThatThrownBy(() -> tx.write(
                        LwM2mPath.of(3, 0, Device.ERROR_CODE),
                        SingleResource.ofInteger(Device.ERROR_CODE, 1),
                        WriteMode.REPLACE))
                .isInstanceOf(WriteRejectedException.class)
                .hasMessageContaining("multiple-instance");
        assertThatThrownBy(() -> tx.write(
                        LwM2mPath.of(1, 0, Server.LIFETIME, 0),
                        new ResourceInstance(0, ResourceValue.ofInteger(1)),
                        WriteMode.REPLACE))
                .isInstanceOf(WriteRejectedException.class)
                .hasMessageContaining("single-instance");
        assertThat(tx.objects()).isEqualTo(before);
    }

    @Test
    void executableResourceHoldsNoValue() {
        assertThatThrownBy(() -> tx.write(
                        LwM2mPath.of(3, 0, Device.REBOOT),
                        SingleResource.ofString(Device.REBOOT, "x"),
                        WriteMode.REPLACE))
                .isInstanceOf(WriteRejectedException.class)
                .hasMessageContaining("executable");
    }

    @Test
    void singleInstanceObjectOnlyHasInstanceZero() {
        assertThatThrownBy(() -> tx.write(LwM2mPath.of(3, 1), ObjectInstance.of(1), WriteMode.REPLACE))
                .isInstanceOf(WriteRejectedException.class)
                .hasMessageContaining("single-instance");
        assertThatThrownBy(() -> tx.nextInstanceId(Device.ID)).isInstanceOf(WriteRejectedException.class);
    }

    @Test
    void nextInstanceIdIsTheLowestFreeId() {
        tx.write(LwM2mPath.of(1, 1), server(1, 102, 60, "U"), WriteMode.REPLACE);
        tx.write(LwM2mPath.of(1, 3), server(3, 103, 60, "U"), WriteMode.REPLACE);
        assertThat(tx.nextInstanceId(Server.ID)).isEqualTo(2);
        assertThat(tx.nextInstanceId(0)).isZero();
    }

    @Test
    void nodeThatDoesNotMatchThePathIsAProgrammingError() {
        assertThatThrownBy(() -> tx.write(LwM2mPath.of(1, 0), SingleResource.ofInteger(1, 1), WriteMode.REPLACE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tx.write(LwM2mPath.of(1, 0), server(2, 1, 1, "U"), WriteMode.REPLACE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> tx.write(LwM2mPath.root(), server(0, 1, 1, "U"), WriteMode.REPLACE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void committedWritesAreWhatReadersThenSee() {
        tx.write(LwM2mPath.of(1, 0, Server.LIFETIME), SingleResource.ofInteger(Server.LIFETIME, 42), WriteMode.UPDATE);
        var expected = tx.objects();
        tx.commit();
        assertThat(store.snapshot(EP).objects()).isEqualTo(expected);
        assertThat(store.read(EP, LwM2mPath.parse("/1/0/1"))).contains(SingleResource.ofInteger(Server.LIFETIME, 42));
        assertThat(store.snapshot(EP)
                        .value(LwM2mPath.parse("/3/0/11/1"))
                        .orElseThrow()
                        .longValue())
                .isEqualTo(5);
    }
}
