/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import static io.bootgate.dm.internal.DmFixture.ENDPOINT;
import static io.bootgate.dm.internal.DmFixture.TEST_OBJECT;
import static io.bootgate.dm.internal.DmFixture.putText;
import static io.bootgate.dm.internal.DmFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation's answer codes for a single server (full access) and under several servers' ACLs. */
class DeviceManagementOperationsTest {

    private static final int S1 = 101;
    private static final int S2 = 102;

    private final DmFixture fx = new DmFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    static Stream<Arguments> singleServerCodes() {
        return Stream.of(
                Arguments.of("Read /3/0", CoapRequest.get("/3/0").build(), ResponseCode.CONTENT),
                Arguments.of(
                        "Read /3/0 SenML-JSON",
                        CoapRequest.get("/3/0").accept(ContentFormat.SENML_JSON).build(),
                        ResponseCode.CONTENT),
                Arguments.of(
                        "Read /3/0 SenML-CBOR",
                        CoapRequest.get("/3/0").accept(ContentFormat.SENML_CBOR).build(),
                        ResponseCode.CONTENT),
                Arguments.of("Read /3/0/0 text", CoapRequest.get("/3/0/0").build(), ResponseCode.CONTENT),
                Arguments.of("Read /1000", CoapRequest.get("/1000").build(), ResponseCode.CONTENT),
                Arguments.of(
                        "Read /3303/0/5700", CoapRequest.get("/3303/0/5700").build(), ResponseCode.CONTENT),
                Arguments.of(
                        "Discover /1000",
                        CoapRequest.get("/1000").accept(ContentFormat.LINK).build(),
                        ResponseCode.CONTENT),
                Arguments.of("Read /0", CoapRequest.get("/0").build(), ResponseCode.UNAUTHORIZED),
                Arguments.of("Read /0/101", CoapRequest.get("/0/101").build(), ResponseCode.UNAUTHORIZED),
                Arguments.of("Read /21 OSCORE", CoapRequest.get("/21").build(), ResponseCode.UNAUTHORIZED),
                Arguments.of("Write /0/101/0", putText("/0/101/0", "coaps://x"), ResponseCode.UNAUTHORIZED),
                Arguments.of("Delete /0/101", CoapRequest.delete("/0/101").build(), ResponseCode.UNAUTHORIZED),
                Arguments.of("Read unknown instance", CoapRequest.get("/1000/9").build(), ResponseCode.NOT_FOUND),
                Arguments.of("Read unknown object", CoapRequest.get("/4000").build(), ResponseCode.NOT_FOUND),
                Arguments.of(
                        "Read unknown resource", CoapRequest.get("/1000/1/7").build(), ResponseCode.NOT_FOUND),
                Arguments.of("Write unknown instance", putText("/1000/9/0", "1"), ResponseCode.NOT_FOUND),
                Arguments.of(
                        "Delete unknown instance", CoapRequest.delete("/1000/9").build(), ResponseCode.NOT_FOUND),
                Arguments.of("Write read-only", putText("/3/0/0", "x"), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Write read-only /1000/1/2", putText("/1000/1/2", "x"), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of(
                        "Execute readable", CoapRequest.post("/1000/1/0").build(), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Read executable", CoapRequest.get("/1000/1/1").build(), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Execute undefined", CoapRequest.post("/1000/1/9").build(), ResponseCode.NOT_FOUND),
                Arguments.of("Write whole object", putText("/1000", "1"), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Delete /3/0", CoapRequest.delete("/3/0").build(), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Execute reboot", CoapRequest.post("/3/0/4").build(), ResponseCode.CHANGED),
                Arguments.of("Write /1000/1/0", putText("/1000/1/0", "7"), ResponseCode.CHANGED),
                Arguments.of("Write bad value", putText("/1000/1/0", "seven"), ResponseCode.BAD_REQUEST),
                Arguments.of(
                        "Write unsupported format",
                        CoapRequest.put("/1000/1/0")
                                .contentFormat(9999)
                                .payload("7")
                                .build(),
                        ResponseCode.UNSUPPORTED_CONTENT_FORMAT),
                Arguments.of(
                        "Write-Attributes",
                        CoapRequest.put("/1000/1/0").query("pmin", "1").build(),
                        ResponseCode.CHANGED),
                Arguments.of(
                        "Write-Attributes pmin>pmax",
                        CoapRequest.put("/1000/1/0")
                                .query("pmin", "10")
                                .query("pmax", "5")
                                .build(),
                        ResponseCode.BAD_REQUEST),
                Arguments.of("Delete /1000/1", CoapRequest.delete("/1000/1").build(), ResponseCode.DELETED),
                Arguments.of("Execute adapter", CoapRequest.post("/3303/0/5605").build(), ResponseCode.CHANGED),
                Arguments.of(
                        "Write adapter read-only", putText("/3303/0/5700", "1.0"), ResponseCode.METHOD_NOT_ALLOWED),
                Arguments.of("Read /1/101 Server", CoapRequest.get("/1/101").build(), ResponseCode.CONTENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleServerCodes")
    void singleServerGetsFullAccessButNeverTheSecurityObject(String name, CoapRequest request, ResponseCode code) {
        fx.server(S1).testInstance(1);
        CoapResponse response = fx.send(S1, request);
        assertThat(response.code()).as("%s: %s", name, response).isEqualTo(code);
    }

    @Test
    void readOfTheDefaultDeviceObject() {
        fx.server(S1);
        assertThat(text(fx.send(S1, CoapRequest.get("/3/0/0").build()))).isEqualTo("Bootgate");
        assertThat(text(fx.send(S1, CoapRequest.get("/3/0/2").build()))).isEqualTo(ENDPOINT);
        assertThat(text(fx.send(S1, CoapRequest.get("/3/0/16").build()))).isEqualTo("U");
        assertThat(text(fx.send(
                        S1,
                        CoapRequest.get("/3/0").accept(ContentFormat.SENML_JSON).build())))
                .contains("\"vs\":\"Bootgate\"");
    }

    @Test
    void writeReplacesAndUpdatesInTheStore() throws Exception {
        fx.server(S1).testInstance(1);
        assertThat(fx.send(S1, putText("/1000/1/0", "42")).code()).isEqualTo(ResponseCode.CHANGED);
        assertThat(fx.store.read(ENDPOINT, LwM2mPath.of(TEST_OBJECT, 1, 0))).contains(SingleResource.ofInteger(0, 42));
        byte[] update = fx.codec.encode(
                ObjectInstance.of(1, SingleResource.ofInteger(0, 43)),
                LwM2mPath.of(TEST_OBJECT, 1),
                ContentFormat.SENML_JSON,
                fx.models);
        CoapResponse partial = fx.send(
                S1,
                CoapRequest.post("/1000/1")
                        .contentFormat(ContentFormat.SENML_JSON)
                        .payload(update)
                        .build());
        assertThat(partial.code()).isEqualTo(ResponseCode.CHANGED);
        assertThat(fx.store.read(ENDPOINT, LwM2mPath.of(TEST_OBJECT, 1, 0))).contains(SingleResource.ofInteger(0, 43));
        // The read-only label the device holds survives a replace of the instance.
        CoapResponse replace = fx.send(
                S1,
                CoapRequest.put("/1000/1")
                        .contentFormat(ContentFormat.SENML_JSON)
                        .payload(update)
                        .build());
        assertThat(replace.code()).isEqualTo(ResponseCode.CHANGED);
        assertThat(fx.store.read(ENDPOINT, LwM2mPath.of(TEST_OBJECT, 1, 2))).isPresent();
    }

    @Test
    void rejectedWriteChangesNothing() {
        fx.server(S1).testInstance(1);
        long before = fx.store.snapshot(ENDPOINT).revision();
        assertThat(fx.send(S1, putText("/1000/1/0", "not a number")).code()).isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fx.store.snapshot(ENDPOINT).revision()).isEqualTo(before);
        assertThat(fx.store.read(ENDPOINT, LwM2mPath.of(TEST_OBJECT, 1, 0))).contains(SingleResource.ofInteger(0, 1));
    }

    @Test
    void aclDecidesForSeveralServers() {
        fx.server(S1)
                .server(S2)
                .testInstance(1)
                .testInstance(2)
                .ac(0, TEST_OBJECT, 1, S1, Map.of(S2, AccessRights.READ))
                .ac(1, TEST_OBJECT, 2, S2, Map.of());
        assertThat(fx.send(S2, CoapRequest.get("/1000/1").build()).code()).isEqualTo(ResponseCode.CONTENT);
        assertThat(fx.send(S2, putText("/1000/1/0", "5")).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(fx.send(S2, CoapRequest.delete("/1000/1").build()).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(fx.send(S1, putText("/1000/1/0", "5")).code()).isEqualTo(ResponseCode.CHANGED);
        // S1 has no right on /1000/2 (owned by S2, no default entry): the object read leaves it out.
        assertThat(fx.send(S1, CoapRequest.get("/1000/2").build()).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
        CoapResponse objectRead = fx.send(
                S1, CoapRequest.get("/1000").accept(ContentFormat.SENML_JSON).build());
        assertThat(text(objectRead)).contains("\"n\":\"1/0\"").doesNotContain("\"2/");
        // The Access Control instance is changed by its owner only.
        assertThat(fx.send(S2, putText("/2/0/3", "102")).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    }

    @Test
    void createAddsTheCreatorsAccessControlInstanceAndOnlyTheOwnerDeletes() throws Exception {
        fx.server(S1).server(S2).ac(0, TEST_OBJECT, 65535, S1, Map.of(S2, AccessRights.CREATE));
        byte[] payload = fx.codec.encode(
                LwM2mObject.of(TEST_OBJECT, ObjectInstance.of(5, SingleResource.ofInteger(0, 9))),
                LwM2mPath.of(TEST_OBJECT),
                ContentFormat.TLV,
                fx.models);
        CoapResponse created = fx.send(
                S2,
                CoapRequest.post("/1000")
                        .contentFormat(ContentFormat.TLV)
                        .payload(payload)
                        .build());
        assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
        assertThat(created.locationPathString()).contains("/1000/5");
        List<ObjectInstance> acls = List.copyOf(fx.store
                .snapshot(ENDPOINT)
                .object(AccessControl.ID)
                .orElseThrow()
                .instances()
                .values());
        assertThat(acls).anySatisfy(ac -> {
            assertThat(ac.value(AccessControl.OBJECT_ID).orElseThrow().longValue())
                    .isEqualTo(TEST_OBJECT);
            assertThat(ac.value(AccessControl.OBJECT_INSTANCE_ID).orElseThrow().longValue())
                    .isEqualTo(5);
            assertThat(ac.value(AccessControl.ACCESS_CONTROL_OWNER)
                            .orElseThrow()
                            .longValue())
                    .isEqualTo(S2);
        });
        // S1 may not create (no Create right of its own) nor delete what S2 owns.
        assertThat(fx.send(
                                S1,
                                CoapRequest.post("/1000")
                                        .contentFormat(ContentFormat.TLV)
                                        .payload(payload)
                                        .build())
                        .code())
                .isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(fx.send(S1, CoapRequest.delete("/1000/5").build()).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
        assertThat(fx.send(S2, CoapRequest.delete("/1000/5").build()).code()).isEqualTo(ResponseCode.DELETED);
        assertThat(fx.store.snapshot(ENDPOINT).instance(TEST_OBJECT, 5)).isEmpty();
        assertThat(fx.store
                        .snapshot(ENDPOINT)
                        .object(AccessControl.ID)
                        .orElseThrow()
                        .instances())
                .hasSize(1);
    }

    @Test
    void singleServerCreateNeedsNoAccessControlInstance() throws Exception {
        fx.server(S1);
        byte[] payload = fx.codec.encode(
                ObjectInstance.of(3, SingleResource.ofInteger(0, 9)),
                LwM2mPath.of(TEST_OBJECT, 3),
                ContentFormat.TLV,
                fx.models);
        CoapResponse created = fx.send(
                S1,
                CoapRequest.post("/1000")
                        .contentFormat(ContentFormat.TLV)
                        .payload(payload)
                        .build());
        assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
        assertThat(created.locationPathString())
                .as("a payload without instance id gets the next free one")
                .contains("/1000/0");
        assertThat(fx.store.snapshot(ENDPOINT).object(AccessControl.ID)).isEmpty();
    }

    @Test
    void writeAttributesAreValidatedAndDiscovered() {
        fx.server(S1).testInstance(1);
        assertThat(fx.send(
                                S1,
                                CoapRequest.put("/1000/1/0")
                                        .query("lt", "10")
                                        .query("gt", "5")
                                        .build())
                        .code())
                .isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fx.send(
                                S1,
                                CoapRequest.put("/1000/1/0")
                                        .query("lt", "1")
                                        .query("gt", "5")
                                        .query("st", "2")
                                        .build())
                        .code())
                .isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fx.send(S1, CoapRequest.put("/1000/1/0").query("st", "-1").build())
                        .code())
                .isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fx.send(
                                S1,
                                CoapRequest.put("/1000/1/0")
                                        .query("color", "red")
                                        .build())
                        .code())
                .isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fx.send(S1, CoapRequest.put("/1000/1/2").query("gt", "1").build())
                        .code())
                .as("gt on a string resource")
                .isEqualTo(ResponseCode.BAD_REQUEST);
        assertThat(fx.send(
                                S1,
                                CoapRequest.put("/1000/1/0")
                                        .query("lt", "1")
                                        .query("gt", "6")
                                        .query("st", "2")
                                        .build())
                        .code())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(fx.send(
                                S1,
                                CoapRequest.put("/1000/1")
                                        .query("pmin", "5")
                                        .query("pmax", "60")
                                        .build())
                        .code())
                .isEqualTo(ResponseCode.CHANGED);
        String links = text(fx.send(
                S1, CoapRequest.get("/1000/1").accept(ContentFormat.LINK).build()));
        assertThat(links)
                .contains("</1000/1>;pmin=5;pmax=60")
                .contains("</1000/1/0>;gt=6;lt=1;st=2")
                .contains("</1000/1/2>");
    }

    @Test
    void registrationLinksListEveryObjectButSecurity() {
        fx.server(S1).testInstance(1);
        String links = fx.dm.registrationLinks(ENDPOINT);
        assertThat(links)
                .startsWith("</>;rt=\"oma.lwm2m\";ct=110,")
                .doesNotContain("</0")
                .contains("</1/101>", "</1000/1>", "</3303/0>")
                // The Object Version attribute is on the object's own link, not on an instance link.
                .contains("</3>;ver=1.1,</3/0>,")
                .doesNotContainPattern("</\\d+/\\d+>;ver=");
    }

    @Test
    void registrationUpdateTriggerAndDisableActOnTheSessionTheRequestCameThrough() {
        fx.server(S1);
        fx.registrations.registered(S1);
        assertThat(fx.send(S1, CoapRequest.post("/1/" + S1 + "/8").build()).code())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(fx.send(S1, CoapRequest.post("/1/" + S1 + "/4").build()).code())
                .isEqualTo(ResponseCode.CHANGED);
        assertThat(fx.registrations.calls)
                .containsExactly("update " + ENDPOINT + " " + S1, "disable " + ENDPOINT + " " + S1);
    }

    @Test
    void registrationUpdateTriggerWithoutARegistrationIsNotFoundAndWithoutTheRegistrationBundleUnavailable() {
        fx.server(S1);
        assertThat(fx.send(S1, CoapRequest.post("/1/" + S1 + "/8").build()).code())
                .isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(fx.dm.handle(
                                ENDPOINT,
                                S1,
                                CoapRequest.post("/1/" + S1 + "/8").build(),
                                null)
                        .code())
                .isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
    }
}
