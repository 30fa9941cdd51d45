/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecException.Kind;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * LwM2M TLV (Core 1.0/1.1 §6.4.3 / §7.4.3, data types in Appendix C), content format 11542.
 * <p>
 * Decoding by target path: {@code /o} takes object instance TLVs; {@code /o/i} takes resource and multiple
 * resource TLVs, bare or inside one object instance TLV of id {@code i}; {@code /o/i/r} takes one resource
 * or multiple resource TLV of id {@code r} (the specification requires the multiple resource TLV for
 * multiple resources, so bare resource instance TLVs are refused there); {@code /o/i/r/ri} takes one resource
 * instance TLV. TLV carries no types: values are typed by the model, and a resource without a model is
 * decoded as OPAQUE, its bytes as sent. Integers are 1, 2, 4 or 8 bytes, floats 4 or 8, booleans 1 byte
 * holding 0 or 1, object links 4 bytes; any other length is {@link Kind#INVALID_VALUE}.
 * <p>
 * Encoding writes {@code /o/i} as bare resources (as the specification's Read /3/0 example does), every
 * integer in the fewest of 1, 2, 4, 8 bytes, and a float in 4 bytes when that is exact, else 8.
 */
public final class TlvCodec implements NodeCodec {

    private static final ContentFormat TLV = ContentFormat.TLV;
    private static final int MAX_LENGTH = 0xFFFFFF;

    private final CodecLimits limits;

    public TlvCodec(CodecLimits limits) {
        this.limits = limits;
    }

    // ---------------------------------------------------------------- decoding

    @Override
    public LwM2mNode decode(byte[] payload, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        if (payload.length > limits.maxPayloadBytes()) {
            throw CodecException.atOffset(
                    Kind.PAYLOAD_TOO_LARGE,
                    TLV,
                    limits.maxPayloadBytes(),
                    "payload of " + payload.length + " bytes is above the limit of " + limits.maxPayloadBytes());
        }
        if (path.isRoot()) {
            throw new CodecException(Kind.INVALID_PATH, TLV, "TLV carries no object ids, so it cannot address /");
        }
        List<TlvEntry> entries = TlvReader.read(payload, limits);
        Decoding d = new Decoding(payload, models);
        return switch (path.depth()) {
            case 1 -> d.object(path.objectId(), entries);
            case 2 -> d.targetInstance(path, entries);
            case 3 -> d.targetResource(path, entries);
            default -> d.targetResourceInstance(path, entries);
        };
    }

    private final class Decoding {
        private final byte[] payload;
        private final ObjectModelRegistry models;

        Decoding(byte[] payload, ObjectModelRegistry models) {
            this.payload = payload;
            this.models = models;
        }

        private CodecException fail(Kind kind, TlvEntry entry, String detail) {
            return CodecException.atOffset(kind, TLV, entry.offset(), detail);
        }

        LwM2mObject object(int objectId, List<TlvEntry> entries) throws CodecException {
            List<ObjectInstance> instances = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (TlvEntry entry : entries) {
                if (entry.type() != TlvEntry.OBJECT_INSTANCE) {
                    throw fail(
                            Kind.INVALID_STRUCTURE,
                            entry,
                            "a payload for object /" + objectId + " holds object instance TLVs, not a "
                                    + TlvEntry.typeName(entry.type()) + " TLV");
                }
                if (!ids.add(entry.id())) {
                    throw fail(Kind.DUPLICATE, entry, "second TLV for instance /" + objectId + "/" + entry.id());
                }
                instances.add(instance(objectId, entry.id(), entry.children()));
            }
            return LwM2mObject.of(objectId, instances);
        }

        ObjectInstance targetInstance(LwM2mPath path, List<TlvEntry> entries) throws CodecException {
            if (entries.size() == 1 && entries.get(0).type() == TlvEntry.OBJECT_INSTANCE) {
                TlvEntry wrapper = entries.get(0);
                if (wrapper.id() != path.instanceId()) {
                    throw fail(
                            Kind.INVALID_PATH,
                            wrapper,
                            "object instance TLV " + wrapper.id() + " does not match the target " + path);
                }
                return instance(path.objectId(), path.instanceId(), wrapper.children());
            }
            return instance(path.objectId(), path.instanceId(), entries);
        }

        Resource targetResource(LwM2mPath path, List<TlvEntry> entries) throws CodecException {
            if (entries.isEmpty()) {
                throw CodecException.atOffset(Kind.INVALID_STRUCTURE, TLV, 0, "empty payload for resource " + path);
            }
            if (entries.size() > 1) {
                throw fail(
                        Kind.INVALID_STRUCTURE,
                        entries.get(1),
                        "a payload for resource " + path + " holds one resource or multiple resource TLV");
            }
            TlvEntry entry = entries.get(0);
            if (entry.type() != TlvEntry.RESOURCE && entry.type() != TlvEntry.MULTIPLE_RESOURCE) {
                throw fail(
                        Kind.INVALID_STRUCTURE,
                        entry,
                        "a payload for resource " + path + " holds a resource or multiple resource TLV, not a "
                                + TlvEntry.typeName(entry.type()));
            }
            if (entry.id() != path.resourceId()) {
                throw fail(
                        Kind.INVALID_PATH,
                        entry,
                        "TLV for resource " + entry.id() + " does not match the target " + path);
            }
            return resource(path.objectId(), path.instanceId(), entry);
        }

        ResourceInstance targetResourceInstance(LwM2mPath path, List<TlvEntry> entries) throws CodecException {
            if (entries.size() != 1 || entries.get(0).type() != TlvEntry.RESOURCE_INSTANCE) {
                throw CodecException.atOffset(
                        Kind.INVALID_STRUCTURE,
                        TLV,
                        entries.isEmpty() ? 0 : entries.get(0).offset(),
                        "a payload for " + path + " holds exactly one resource instance" + " TLV");
            }
            TlvEntry entry = entries.get(0);
            if (entry.id() != path.resourceInstanceId()) {
                throw fail(
                        Kind.INVALID_PATH,
                        entry,
                        "TLV for resource instance " + entry.id() + " does not match the target " + path);
            }
            Optional<ResourceModel> model = models.resource(path.objectId(), path.resourceId());
            if (model.isPresent() && !model.get().multiple()) {
                throw fail(
                        Kind.INVALID_PATH,
                        entry,
                        "resource " + path.parent() + " is single-instance and has no " + "resource instances");
            }
            return new ResourceInstance(
                    entry.id(), value(entry, model.map(ResourceModel::type).orElse(null)));
        }

        private ObjectInstance instance(int objectId, int instanceId, List<TlvEntry> children) throws CodecException {
            List<Resource> resources = new ArrayList<>();
            Set<Integer> ids = new HashSet<>();
            for (TlvEntry child : children) {
                if (child.type() != TlvEntry.RESOURCE && child.type() != TlvEntry.MULTIPLE_RESOURCE) {
                    throw fail(
                            Kind.INVALID_STRUCTURE,
                            child,
                            "an object instance holds resource and multiple resource" + " TLVs, not a "
                                    + TlvEntry.typeName(child.type()) + " TLV");
                }
                if (!ids.add(child.id())) {
                    throw fail(
                            Kind.DUPLICATE,
                            child,
                            "second TLV for resource /" + objectId + "/" + instanceId + "/" + child.id());
                }
                resources.add(resource(objectId, instanceId, child));
            }
            return ObjectInstance.of(instanceId, resources);
        }

        private Resource resource(int objectId, int instanceId, TlvEntry entry) throws CodecException {
            Optional<ResourceModel> model = models.resource(objectId, entry.id());
            ResourceType type = model.map(ResourceModel::type).orElse(null);
            String path = "/" + objectId + "/" + instanceId + "/" + entry.id();
            if (entry.type() == TlvEntry.RESOURCE) {
                if (model.isPresent() && model.get().multiple()) {
                    throw fail(
                            Kind.INVALID_STRUCTURE,
                            entry,
                            "resource " + path + " is multiple-instance but came" + " as a single resource TLV");
                }
                return new SingleResource(entry.id(), value(entry, type));
            }
            if (model.isPresent() && !model.get().multiple()) {
                throw fail(
                        Kind.INVALID_STRUCTURE,
                        entry,
                        "resource " + path + " is single-instance but came as a" + " multiple resource TLV");
            }
            if (entry.children().size() > limits.maxResourceInstances()) {
                throw fail(
                        Kind.TOO_MANY_ENTRIES,
                        entry.children().get(limits.maxResourceInstances()),
                        "resource " + path + " has more than " + limits.maxResourceInstances() + " instances");
            }
            TreeMap<Integer, ResourceValue> values = new TreeMap<>();
            for (TlvEntry child : entry.children()) {
                if (child.type() != TlvEntry.RESOURCE_INSTANCE) {
                    throw fail(
                            Kind.INVALID_STRUCTURE,
                            child,
                            "a multiple resource holds resource instance TLVs, not" + " a "
                                    + TlvEntry.typeName(child.type()) + " TLV");
                }
                if (values.put(child.id(), value(child, type)) != null) {
                    throw fail(Kind.DUPLICATE, child, "second TLV for resource instance " + path + "/" + child.id());
                }
            }
            return new MultipleResource(entry.id(), type == null ? ResourceType.OPAQUE : type, values);
        }

        /** @param type the model's type, or {@code null} when there is no model (decoded as OPAQUE) */
        private ResourceValue value(TlvEntry entry, ResourceType type) throws CodecException {
            int off = entry.valueOffset();
            int len = entry.length();
            Site site = Site.at(TLV, off);
            if (type == null) {
                return ResourceValue.ofOpaque(slice(off, len));
            }
            return switch (type) {
                case STRING -> ResourceValue.ofString(Utf8.decode(payload, off, len, TLV, null));
                case CORELNK -> ResourceValue.ofCoreLink(Utf8.decode(payload, off, len, TLV, null));
                case INTEGER -> ResourceValue.ofInteger(signed(entry, "integer"));
                case TIME -> Values.time(signed(entry, "time"), site);
                case UNSIGNED_INTEGER -> {
                    checkIntegerLength(entry, "unsigned integer");
                    yield ResourceValue.ofUnsignedInteger(new BigInteger(1, slice(off, len)));
                }
                case FLOAT -> {
                    if (len == 4) {
                        yield ResourceValue.ofFloat(Float.intBitsToFloat((int) bigEndian(off, 4)));
                    }
                    if (len == 8) {
                        yield ResourceValue.ofFloat(Double.longBitsToDouble(bigEndian(off, 8)));
                    }
                    throw fail(Kind.INVALID_VALUE, entry, "a float is 4 or 8 bytes, not " + len);
                }
                case BOOLEAN -> {
                    if (len != 1 || (payload[off] & 0xff) > 1) {
                        throw fail(Kind.INVALID_VALUE, entry, "a boolean is one byte holding 0 or 1");
                    }
                    yield ResourceValue.ofBoolean(payload[off] == 1);
                }
                case OPAQUE -> ResourceValue.ofOpaque(slice(off, len));
                case OBJLNK -> {
                    if (len != 4) {
                        throw fail(Kind.INVALID_VALUE, entry, "an object link is 4 bytes, not " + len);
                    }
                    yield ResourceValue.ofObjectLink(
                            new ObjectLink((int) bigEndian(off, 2), (int) bigEndian(off + 2, 2)));
                }
                case NONE -> throw fail(
                        Kind.TYPE_MISMATCH, entry, "resource " + entry.id() + " is executable and has no value");
            };
        }

        private void checkIntegerLength(TlvEntry entry, String what) throws CodecException {
            int len = entry.length();
            if (len != 1 && len != 2 && len != 4 && len != 8) {
                throw fail(Kind.INVALID_VALUE, entry, "an " + what + " is 1, 2, 4 or 8 bytes, not " + len);
            }
        }

        private long signed(TlvEntry entry, String what) throws CodecException {
            checkIntegerLength(entry, what);
            int len = entry.length();
            long raw = bigEndian(entry.valueOffset(), len);
            int shift = 64 - 8 * len;
            return raw << shift >> shift;
        }

        private long bigEndian(int off, int len) {
            long v = 0;
            for (int i = 0; i < len; i++) {
                v = v << 8 | payload[off + i] & 0xff;
            }
            return v;
        }

        private byte[] slice(int off, int len) {
            byte[] copy = new byte[len];
            System.arraycopy(payload, off, copy, 0, len);
            return copy;
        }
    }

    // ---------------------------------------------------------------- encoding

    @Override
    public byte[] encode(LwM2mNode node, LwM2mPath path, ObjectModelRegistry models) throws CodecException {
        NodeFlattener.checkPath(node, path, TLV);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (node instanceof LwM2mObject object) {
            for (ObjectInstance instance : object.instances().values()) {
                entry(out, TlvEntry.OBJECT_INSTANCE, instance.id(), resources(instance));
            }
        } else if (node instanceof ObjectInstance instance) {
            out.writeBytes(resources(instance));
        } else if (node instanceof Resource resource) {
            resource(out, resource);
        } else {
            ResourceInstance instance = (ResourceInstance) node;
            entry(out, TlvEntry.RESOURCE_INSTANCE, instance.id(), valueBytes(instance.value()));
        }
        return out.toByteArray();
    }

    private byte[] resources(ObjectInstance instance) throws CodecException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Resource resource : instance.resources().values()) {
            resource(out, resource);
        }
        return out.toByteArray();
    }

    private void resource(ByteArrayOutputStream out, Resource resource) throws CodecException {
        if (resource instanceof SingleResource single) {
            entry(out, TlvEntry.RESOURCE, single.id(), valueBytes(single.value()));
            return;
        }
        ByteArrayOutputStream instances = new ByteArrayOutputStream();
        for (var e : ((MultipleResource) resource).values().entrySet()) {
            entry(instances, TlvEntry.RESOURCE_INSTANCE, e.getKey(), valueBytes(e.getValue()));
        }
        entry(out, TlvEntry.MULTIPLE_RESOURCE, resource.id(), instances.toByteArray());
    }

    private static void entry(ByteArrayOutputStream out, int type, int id, byte[] value) throws CodecException {
        int length = value.length;
        if (length > MAX_LENGTH) {
            throw new CodecException(
                    Kind.UNREPRESENTABLE, TLV, "a TLV value holds at most " + MAX_LENGTH + " bytes, not " + length);
        }
        int lengthType = length <= 7 ? 0 : length <= 0xFF ? 1 : length <= 0xFFFF ? 2 : 3;
        int typeByte = type << 6 | (id > 0xFF ? 0x20 : 0) | lengthType << 3 | (lengthType == 0 ? length : 0);
        out.write(typeByte);
        if (id > 0xFF) {
            out.write(id >>> 8);
        }
        out.write(id & 0xFF);
        for (int i = lengthType - 1; i >= 0; i--) {
            out.write(length >>> (8 * i) & 0xFF);
        }
        out.writeBytes(value);
    }

    static byte[] valueBytes(ResourceValue value) throws CodecException {
        return switch (value.type()) {
            case STRING, CORELNK -> Utf8.encode(value.stringValue(), TLV, "string value");
            case INTEGER -> signedBytes(value.longValue());
            case TIME -> signedBytes(value.timeValue().getEpochSecond());
            case UNSIGNED_INTEGER -> {
                long bits = value.unsignedValue().longValue();
                int size = Long.compareUnsigned(bits, 0xFFL) <= 0
                        ? 1
                        : Long.compareUnsigned(bits, 0xFFFFL) <= 0
                                ? 2
                                : Long.compareUnsigned(bits, 0xFFFF_FFFFL) <= 0 ? 4 : 8;
                yield bigEndianBytes(bits, size);
            }
            case FLOAT -> {
                double d = value.doubleValue();
                float f = (float) d;
                if (Double.doubleToRawLongBits(f) == Double.doubleToRawLongBits(d)) {
                    yield bigEndianBytes(Float.floatToRawIntBits(f), 4);
                }
                yield bigEndianBytes(Double.doubleToRawLongBits(d), 8);
            }
            case BOOLEAN -> new byte[] {(byte) (value.booleanValue() ? 1 : 0)};
            case OPAQUE -> value.opaqueValue();
            case OBJLNK -> {
                ObjectLink link = value.objectLinkValue();
                yield bigEndianBytes((long) link.objectId() << 16 | link.instanceId(), 4);
            }
            case NONE -> throw new CodecException(Kind.UNREPRESENTABLE, TLV, "an executable resource has no value");
        };
    }

    private static byte[] signedBytes(long v) {
        int size = v == (byte) v ? 1 : v == (short) v ? 2 : v == (int) v ? 4 : 8;
        return bigEndianBytes(v, size);
    }

    private static byte[] bigEndianBytes(long v, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[size - 1 - i] = (byte) (v >>> (8 * i));
        }
        return bytes;
    }
}
