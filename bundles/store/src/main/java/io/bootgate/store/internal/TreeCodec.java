/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The stored form of one endpoint's tree: one MVStore value per endpoint, so that a transaction's commit is a
 * single map put and can never be half applied.
 * <p>
 * Format 1, big-endian: {@code u8 format | i64 revision | u16 objectCount | objects... | u32 crc32}. An object
 * is {@code u16 id | u16 instanceCount | instances...}, an instance {@code u16 id | u16 resourceCount |
 * resources...}, a resource {@code u16 id | u8 kind} where the high bit of kind marks a multiple resource
 * and the low bits are the type code; then a single value, or {@code u16 count | (u16 id | value)...}.
 * Values: strings and opaque as {@code i32 length | bytes} (UTF-8 for strings), integer, time (epoch
 * seconds), unsigned integer (64 bits) and float (raw IEEE bits) as 8 bytes, boolean as one byte 0/1, object
 * link as two u16. The CRC covers everything before it, so a damaged value is detected as such instead of
 * being decoded into wrong data.
 * <p>
 * Type codes are fixed numbers, not enum ordinals, so reordering {@link ResourceType} cannot change the
 * meaning of stored data. A later format gets a new format byte; decoding refuses unknown formats.
 */
final class TreeCodec {

    static final int FORMAT_1 = 1;
    private static final int MULTIPLE_FLAG = 0x80;
    private static final int HEADER_LENGTH = 1 + 8;
    private static final int CRC_LENGTH = 4;

    private TreeCodec() {}

    /** A decoded tree: the revision and the objects, keyed by id (unmodifiable). */
    record Decoded(long revision, SortedMap<Integer, LwM2mObject> objects) {}

    /** The stored form is not readable; the message says where and why. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }

        FormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static byte[] encode(long revision, Map<Integer, LwM2mObject> objects) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_1);
            out.writeLong(revision);
            out.writeShort(objects.size());
            for (LwM2mObject object : objects.values()) {
                out.writeShort(object.id());
                out.writeShort(object.instances().size());
                for (ObjectInstance instance : object.instances().values()) {
                    out.writeShort(instance.id());
                    out.writeShort(instance.resources().size());
                    for (Resource resource : instance.resources().values()) {
                        writeResource(out, resource);
                    }
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; this only satisfies the DataOutputStream signature.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeResource(DataOutputStream out, Resource resource) throws IOException {
        out.writeShort(resource.id());
        int code = typeCode(resource.type());
        if (resource instanceof MultipleResource multiple) {
            out.writeByte(code | MULTIPLE_FLAG);
            out.writeShort(multiple.values().size());
            for (Map.Entry<Integer, ResourceValue> e : multiple.values().entrySet()) {
                out.writeShort(e.getKey());
                writeValue(out, e.getValue());
            }
        } else {
            out.writeByte(code);
            writeValue(out, ((SingleResource) resource).value());
        }
    }

    private static void writeValue(DataOutputStream out, ResourceValue value) throws IOException {
        switch (value.type()) {
            case STRING, CORELNK -> writeBytes(out, value.stringValue().getBytes(StandardCharsets.UTF_8));
            case OPAQUE -> writeBytes(out, value.opaqueValue());
            case INTEGER -> out.writeLong(value.longValue());
            case UNSIGNED_INTEGER -> out.writeLong(value.unsignedValue().longValue());
            case FLOAT -> out.writeLong(Double.doubleToRawLongBits(value.doubleValue()));
            case BOOLEAN -> out.writeByte(value.booleanValue() ? 1 : 0);
            case TIME -> out.writeLong(value.timeValue().getEpochSecond());
            case OBJLNK -> {
                out.writeShort(value.objectLinkValue().objectId());
                out.writeShort(value.objectLinkValue().instanceId());
            }
            case NONE -> throw new IllegalArgumentException("executable resources carry no value to store");
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        out.writeInt(data.length);
        out.write(data);
    }

    /** The revision of a stored tree without decoding the rest; -1 if too short to hold one. */
    static long revisionOf(byte[] data) {
        return data.length >= HEADER_LENGTH ? ByteBuffer.wrap(data, 1, 8).getLong() : -1;
    }

    static Decoded decode(byte[] data) throws FormatException {
        if (data.length < HEADER_LENGTH + 2 + CRC_LENGTH) {
            throw new FormatException("entry of " + data.length + " bytes is too short");
        }
        if (data[0] != FORMAT_1) {
            throw new FormatException(
                    "unknown entry format " + (data[0] & 0xff) + " (this version reads format " + FORMAT_1 + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - CRC_LENGTH);
        int stored = ByteBuffer.wrap(data, data.length - CRC_LENGTH, CRC_LENGTH).getInt();
        if (stored != (int) crc.getValue()) {
            throw new FormatException("checksum mismatch: the entry is damaged");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 1, data.length - 1 - CRC_LENGTH));
        try {
            long revision = in.readLong();
            int objectCount = in.readUnsignedShort();
            TreeMap<Integer, LwM2mObject> objects = new TreeMap<>();
            for (int o = 0; o < objectCount; o++) {
                int objectId = in.readUnsignedShort();
                int instanceCount = in.readUnsignedShort();
                List<ObjectInstance> instances = new ArrayList<>(instanceCount);
                for (int i = 0; i < instanceCount; i++) {
                    int instanceId = in.readUnsignedShort();
                    int resourceCount = in.readUnsignedShort();
                    List<Resource> resources = new ArrayList<>(resourceCount);
                    for (int r = 0; r < resourceCount; r++) {
                        resources.add(readResource(in));
                    }
                    instances.add(ObjectInstance.of(instanceId, resources));
                }
                if (objects.put(objectId, LwM2mObject.of(objectId, instances)) != null) {
                    throw new FormatException("object " + objectId + " is stored twice");
                }
            }
            if (in.available() != 0) {
                throw new FormatException(in.available() + " bytes left after the last object");
            }
            return new Decoded(revision, Collections.unmodifiableSortedMap(objects));
        } catch (EOFException e) {
            throw new FormatException("entry ends before its content", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new FormatException("invalid content: " + e.getMessage(), e);
        }
    }

    private static Resource readResource(DataInputStream in) throws IOException, FormatException {
        int id = in.readUnsignedShort();
        int kind = in.readUnsignedByte();
        ResourceType type = typeOf(kind & ~MULTIPLE_FLAG);
        if ((kind & MULTIPLE_FLAG) == 0) {
            return SingleResource.of(id, readValue(in, type));
        }
        int count = in.readUnsignedShort();
        TreeMap<Integer, ResourceValue> values = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int instanceId = in.readUnsignedShort();
            values.put(instanceId, readValue(in, type));
        }
        return new MultipleResource(id, type, values);
    }

    private static ResourceValue readValue(DataInputStream in, ResourceType type) throws IOException, FormatException {
        return switch (type) {
            case STRING -> ResourceValue.ofString(readString(in));
            case CORELNK -> ResourceValue.ofCoreLink(readString(in));
            case OPAQUE -> ResourceValue.ofOpaque(readBytes(in));
            case INTEGER -> ResourceValue.ofInteger(in.readLong());
            case UNSIGNED_INTEGER -> ResourceValue.ofUnsignedInteger(
                    new BigInteger(Long.toUnsignedString(in.readLong())));
            case FLOAT -> ResourceValue.ofFloat(Double.longBitsToDouble(in.readLong()));
            case BOOLEAN -> {
                int b = in.readUnsignedByte();
                if (b > 1) {
                    throw new FormatException("boolean byte " + b);
                }
                yield ResourceValue.ofBoolean(b == 1);
            }
            case TIME -> ResourceValue.ofTime(Instant.ofEpochSecond(in.readLong()));
            case OBJLNK -> ResourceValue.ofObjectLink(new ObjectLink(in.readUnsignedShort(), in.readUnsignedShort()));
            case NONE -> throw new FormatException("a stored value has type NONE");
        };
    }

    private static byte[] readBytes(DataInputStream in) throws IOException, FormatException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new FormatException("value length " + length + " exceeds the entry");
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return data;
    }

    private static String readString(DataInputStream in) throws IOException, FormatException {
        byte[] data = readBytes(in);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new FormatException("string value is not UTF-8", e);
        }
    }

    private static int typeCode(ResourceType type) {
        return switch (type) {
            case STRING -> 1;
            case INTEGER -> 2;
            case UNSIGNED_INTEGER -> 3;
            case FLOAT -> 4;
            case BOOLEAN -> 5;
            case OPAQUE -> 6;
            case TIME -> 7;
            case OBJLNK -> 8;
            case CORELNK -> 9;
            case NONE -> throw new IllegalArgumentException("executable resources carry no value to store");
        };
    }

    private static ResourceType typeOf(int code) throws FormatException {
        return switch (code) {
            case 1 -> ResourceType.STRING;
            case 2 -> ResourceType.INTEGER;
            case 3 -> ResourceType.UNSIGNED_INTEGER;
            case 4 -> ResourceType.FLOAT;
            case 5 -> ResourceType.BOOLEAN;
            case 6 -> ResourceType.OPAQUE;
            case 7 -> ResourceType.TIME;
            case 8 -> ResourceType.OBJLNK;
            case 9 -> ResourceType.CORELNK;
            default -> throw new FormatException("unknown value type code " + code);
        };
    }
}
