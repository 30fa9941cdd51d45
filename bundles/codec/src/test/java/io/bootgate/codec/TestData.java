/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import static io.bootgate.api.model.ResourceType.BOOLEAN;
import static io.bootgate.api.model.ResourceType.CORELNK;
import static io.bootgate.api.model.ResourceType.FLOAT;
import static io.bootgate.api.model.ResourceType.INTEGER;
import static io.bootgate.api.model.ResourceType.OBJLNK;
import static io.bootgate.api.model.ResourceType.OPAQUE;
import static io.bootgate.api.model.ResourceType.STRING;
import static io.bootgate.api.model.ResourceType.TIME;
import static io.bootgate.api.model.ResourceType.UNSIGNED_INTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Object models, nodes and helpers shared by the codec tests. */
final class TestData {

    private TestData() {}

    /** Object 1000: one resource of every data type, plus an executable and a multiple one. */
    static final int TYPES = 1000;

    static ResourceModel rw(int id, ResourceType type, boolean multiple) {
        return new ResourceModel(id, "r" + id, Operations.READ_WRITE, multiple, false, type);
    }

    static final ObjectModel ALL_TYPES = ObjectModel.of(
            TYPES,
            "All types",
            "1.0",
            true,
            false,
            List.of(
                    rw(0, STRING, false),
                    rw(1, INTEGER, false),
                    rw(2, UNSIGNED_INTEGER, false),
                    rw(3, FLOAT, false),
                    rw(4, BOOLEAN, false),
                    rw(5, OPAQUE, false),
                    rw(6, TIME, false),
                    rw(7, OBJLNK, false),
                    rw(8, CORELNK, false),
                    new ResourceModel(9, "exec", Operations.EXECUTE, false, false, ResourceType.NONE),
                    rw(10, INTEGER, true),
                    rw(11, OPAQUE, true)));

    /** Objects 65, 66, 67 of the object link examples (Core §6.4.3.3, Figure 19). */
    static final ObjectModel OBJECT_65 = ObjectModel.of(
            65,
            "Object 65",
            "1.0",
            true,
            false,
            List.of(rw(0, OBJLNK, true), rw(1, STRING, false), rw(2, INTEGER, false)));

    static final ObjectModel OBJECT_66 = ObjectModel.of(
            66,
            "Object 66",
            "1.0",
            true,
            false,
            List.of(rw(0, STRING, false), rw(1, STRING, false), rw(2, OBJLNK, false)));
    static final ObjectModel OBJECT_67 =
            ObjectModel.of(67, "Object 67", "1.0", true, false, List.of(rw(0, STRING, false), rw(1, STRING, false)));

    static final ObjectModelRegistry MODELS =
            ObjectModelRegistry.standard().with(List.of(ALL_TYPES, OBJECT_65, OBJECT_66, OBJECT_67));
    static final ObjectModelRegistry NO_MODELS = ObjectModelRegistry.of(List.of());

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ResourceValue integer(long v) {
        return ResourceValue.ofInteger(v);
    }

    static MultipleResource ints(int id, long... values) {
        java.util.TreeMap<Integer, ResourceValue> map = new java.util.TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(i, integer(values[i]));
        }
        return new MultipleResource(id, INTEGER, map);
    }

    /** The Device object instance of the Core specification's examples (§6.4.3.1, §6.4.4). */
    static ObjectInstance device() {
        return ObjectInstance.of(
                0,
                SingleResource.ofString(0, "Open Mobile Alliance"),
                SingleResource.ofString(1, "Lightweight M2M Client"),
                SingleResource.ofString(2, "345000123"),
                SingleResource.ofString(3, "1.0"),
                ints(6, 1, 5),
                ints(7, 3800, 5000),
                ints(8, 125, 900),
                SingleResource.ofInteger(9, 100),
                SingleResource.ofInteger(10, 15),
                ints(11, 0),
                SingleResource.of(13, ResourceValue.ofTime(Instant.ofEpochSecond(1367491215))),
                SingleResource.ofString(14, "+02:00"),
                SingleResource.ofString(16, "U"));
    }

    /** Two Access Control instances of Core §6.4.3.2 B. */
    static LwM2mObject accessControl() {
        return LwM2mObject.of(
                2,
                ObjectInstance.of(
                        0,
                        SingleResource.ofInteger(0, 1),
                        SingleResource.ofInteger(1, 0),
                        MultipleResource.of(2, INTEGER, Map.of(127, integer(7))),
                        SingleResource.ofInteger(3, 127)),
                ObjectInstance.of(
                        2,
                        SingleResource.ofInteger(0, 3),
                        SingleResource.ofInteger(1, 0),
                        MultipleResource.of(2, INTEGER, Map.of(127, integer(7), 310, integer(1))),
                        SingleResource.ofInteger(3, 127)));
    }

    static ResourceValue link(int objectId, int instanceId) {
        return ResourceValue.ofObjectLink(new ObjectLink(objectId, instanceId));
    }

    /** Asserts the typed error of a decode: kind, and offset or field when given. */
    static CodecException codecError(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(CodecException.class);
        return (CodecException) thrown;
    }
}
