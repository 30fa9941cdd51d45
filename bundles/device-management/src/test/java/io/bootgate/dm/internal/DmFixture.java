/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.acl.DefaultAccessControl;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.engine.testkit.ManualClock;
import io.bootgate.engine.testkit.ManualScheduler;
import io.bootgate.models.internal.BundledDdfModelsProvider;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One proxied device on a real in-memory store, the real ACL service and codec, the shipped object models, a
 * manual clock and scheduler, and the device-management service under test.
 */
final class DmFixture implements AutoCloseable {

    static final String ENDPOINT = "urn:dev:dm-test";
    static final int TEST_OBJECT = 1000;

    static final ObjectModel TEST_MODEL = ObjectModel.of(
            TEST_OBJECT,
            "Test",
            "1.0",
            true,
            false,
            List.of(
                    new ResourceModel(0, "Value", Operations.READ_WRITE, false, false, ResourceType.INTEGER),
                    new ResourceModel(1, "Reset", Operations.EXECUTE, false, false, ResourceType.NONE),
                    new ResourceModel(2, "Label", Operations.READ, false, false, ResourceType.STRING)));

    /** Parsed once: the registry is immutable, and reading the DDF files for each fuzzed input would dominate. */
    private static final ObjectModelRegistry MODELS = ObjectModelRegistry.standard()
            .with(new BundledDdfModelsProvider().models())
            .with(List.of(TEST_MODEL));

    final ObjectModelRegistry models = MODELS;
    final MvObjectStore store =
            MvObjectStore.open(StoreOptions.inMemory(() -> models).withModels(models));
    final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final DeviceManagementService dm = new DeviceManagementService(
            store,
            new DefaultAccessControl(),
            codec,
            codec,
            new DefaultLinkFormat(),
            () -> models,
            scheduler,
            clock,
            DeviceObjectDefaults.BOOTGATE);
    final SimulatedTemperature temperature = new SimulatedTemperature();
    /** The registration sessions the requests arrive through; records /1/x/8 and /1/x/4 executes. */
    final RecordingRegistrations registrations = new RecordingRegistrations();

    DmFixture() {
        store.createEndpoint(ENDPOINT);
        dm.addAdapter(temperature, Set.of("*"));
    }

    DmFixture edit(java.util.function.Consumer<StoreTransaction> change) {
        try (StoreTransaction tx = store.begin(ENDPOINT)) {
            change.accept(tx);
            long revision = tx.commit();
            dm.storeChanged(new io.bootgate.api.store.StoreEvent(
                    ENDPOINT,
                    io.bootgate.api.store.StoreEvent.Kind.UPDATED,
                    revision,
                    new java.util.TreeSet<>(List.of(LwM2mPath.of(TEST_OBJECT, 1)))));
        }
        return this;
    }

    /** A management server account: Security instance (id = ssid) and Server instance (id = ssid). */
    DmFixture server(int ssid) {
        return edit(tx -> {
            tx.write(
                    LwM2mPath.of(Security.ID, ssid),
                    ObjectInstance.of(
                            ssid,
                            SingleResource.ofString(Security.SERVER_URI, "coaps://s" + ssid + ".example"),
                            SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false),
                            SingleResource.ofInteger(Security.SHORT_SERVER_ID, ssid)),
                    WriteMode.REPLACE);
            tx.write(
                    LwM2mPath.of(Server.ID, ssid),
                    ObjectInstance.of(
                            ssid,
                            SingleResource.ofInteger(Server.SHORT_SERVER_ID, ssid),
                            SingleResource.ofInteger(Server.LIFETIME, 300),
                            SingleResource.ofString(Server.BINDING, "U")),
                    WriteMode.REPLACE);
        });
    }

    DmFixture testInstance(int id) {
        return edit(tx -> tx.write(
                LwM2mPath.of(TEST_OBJECT, id),
                ObjectInstance.of(id, SingleResource.ofInteger(0, id), SingleResource.ofString(2, "label " + id)),
                WriteMode.REPLACE));
    }

    /** Access Control instance {@code id} naming /objectId/instanceId with an owner and ACL entries. */
    DmFixture ac(int id, int objectId, int instanceId, int owner, Map<Integer, Integer> acl) {
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        acl.forEach((ssid, bits) -> values.put(ssid, ResourceValue.ofInteger(bits)));
        return edit(tx -> tx.write(
                LwM2mPath.of(AccessControl.ID, id),
                ObjectInstance.of(
                        id,
                        SingleResource.ofInteger(AccessControl.OBJECT_ID, objectId),
                        SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, instanceId),
                        new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, values),
                        SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, owner)),
                WriteMode.REPLACE));
    }

    CoapResponse send(int ssid, CoapRequest request) {
        return dm.handle(ENDPOINT, ssid, request, registrations);
    }

    static String text(CoapResponse response) {
        return new String(response.payload(), StandardCharsets.UTF_8);
    }

    static CoapRequest putText(String path, String value) {
        return CoapRequest.put(path)
                .contentFormat(ContentFormat.TEXT)
                .payload(value)
                .build();
    }

    @Override
    public void close() {
        dm.close();
        store.close();
    }
}
