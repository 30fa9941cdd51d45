/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.keys.ByteValueException;
import io.bootgate.api.keys.ByteValues;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads factory files: Bootgate's JSON format (see README.md) or SenML-JSON / SenML-CBOR decoded with the
 * codec. Values are typed by the store's object definitions, so a file cannot put a value of the wrong type
 * into a resource.
 */
final class FactoryFileReader {

    /** Factory files are small configuration files; a larger one is a mistake, not data. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    static final int FORMAT_VERSION = 1;

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final LwM2mDecoder decoder;
    private final KeyCodec keys;

    FactoryFileReader(LwM2mDecoder decoder, KeyCodec keys) {
        this.decoder = decoder;
        this.keys = keys;
    }

    FactoryData read(Path file, ObjectModelRegistry models) throws FactoryFileException {
        try {
            return parse(file, models);
        } catch (RuntimeException e) {
            // Every bad file is refused with the file named, also for a case no check above foresaw.
            throw new FactoryFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private FactoryData parse(Path file, ObjectModelRegistry models) throws FactoryFileException {
        byte[] content = readBytes(file);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".senml.json")) {
            return fromSenml(file, content, ContentFormat.SENML_JSON, models);
        }
        if (name.endsWith(".senml.cbor")) {
            return fromSenml(file, content, ContentFormat.SENML_CBOR, models);
        }
        return fromJson(file, content, models);
    }

    private static byte[] readBytes(Path file) throws FactoryFileException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new FactoryFileException(file + ": " + size + " bytes, above the limit of " + MAX_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FactoryFileException(file + ": cannot be read: " + e, e);
        }
    }

    // ---- SenML ----------------------------------------------------------------------------------------

    private FactoryData fromSenml(Path file, byte[] content, ContentFormat format, ObjectModelRegistry models)
            throws FactoryFileException {
        List<PathValue> values;
        try {
            values = decoder.decodeValues(content, format, models);
        } catch (CodecException e) {
            throw new FactoryFileException(file + ": " + e.getMessage(), e);
        }
        // object -> instance -> resource -> (single value | resource instances)
        Map<Integer, Map<Integer, Map<Integer, Object>>> tree = new TreeMap<>();
        for (PathValue value : values) {
            LwM2mPath path = value.path();
            if (!path.isResource() && !path.isResourceInstance()) {
                throw new FactoryFileException(file + ": record " + path + " does not name a resource");
            }
            // The codec decodes a resource it has no model for (as a peer may send one); a factory file may not.
            if (models.object(path.objectId()).isEmpty()) {
                throw new FactoryFileException(
                        file + ": record " + path + ": object " + path.objectId() + " is not defined");
            }
            ResourceModel model = models.resource(path.objectId(), path.resourceId())
                    .orElseThrow(() -> new FactoryFileException(file + ": record " + path + ": " + path.truncate(3)
                            + " is not a resource of object " + path.objectId()));
            Map<Integer, Object> resources = tree.computeIfAbsent(path.objectId(), o -> new TreeMap<>())
                    .computeIfAbsent(path.instanceId(), i -> new TreeMap<>());
            if (model.multiple() != path.isResourceInstance()) {
                throw new FactoryFileException(file + ": " + path
                        + (model.multiple()
                                ? " addresses a multiple resource without a resource instance id"
                                : " addresses a resource instance of a single resource"));
            }
            if (path.isResourceInstance()) {
                @SuppressWarnings("unchecked")
                Map<Integer, ResourceValue> instances = (Map<Integer, ResourceValue>)
                        resources.computeIfAbsent(path.resourceId(), r -> new TreeMap<Integer, ResourceValue>());
                instances.put(path.resourceInstanceId(), value.value());
            } else {
                resources.put(path.resourceId(), value.value());
            }
        }
        SortedMap<Integer, SortedMap<Integer, ObjectInstance>> objects = new TreeMap<>();
        for (var object : tree.entrySet()) {
            for (var instance : object.getValue().entrySet()) {
                List<Resource> resources = new ArrayList<>();
                for (var resource : instance.getValue().entrySet()) {
                    ResourceModel model =
                            models.resource(object.getKey(), resource.getKey()).orElseThrow();
                    if (resource.getValue() instanceof ResourceValue single) {
                        resources.add(SingleResource.of(resource.getKey(), single));
                    } else {
                        @SuppressWarnings("unchecked")
                        Map<Integer, ResourceValue> multiple = (Map<Integer, ResourceValue>) resource.getValue();
                        resources.add(MultipleResource.of(resource.getKey(), model.type(), multiple));
                    }
                }
                objects.computeIfAbsent(object.getKey(), o -> new TreeMap<>())
                        .put(instance.getKey(), ObjectInstance.of(instance.getKey(), resources));
            }
        }
        return new FactoryData(objects);
    }

    // ---- Bootgate JSON ---------------------------------------------------------------------------------

    private FactoryData fromJson(Path file, byte[] content, ObjectModelRegistry models) throws FactoryFileException {
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JsonProcessingException e) {
            throw new FactoryFileException(
                    file + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FactoryFileException(file + ": cannot be parsed: " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new FactoryFileException(file + ": the top level must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("version") && !field.equals("objects")) {
                throw new FactoryFileException(
                        file + ": unknown top-level field '" + field + "' (expected version, objects)");
            }
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != FORMAT_VERSION) {
            throw new FactoryFileException(file + ": \"version\" must be " + FORMAT_VERSION);
        }
        JsonNode objectsNode = root.get("objects");
        if (objectsNode == null || !objectsNode.isObject()) {
            throw new FactoryFileException(file + ": \"objects\" must be a JSON object keyed by object id");
        }
        Context context = new Context(file, models, new ByteValues(keys, baseDirectory(file)));
        SortedMap<Integer, SortedMap<Integer, ObjectInstance>> objects = new TreeMap<>();
        for (var object : fields(objectsNode)) {
            int objectId = id(context, object.getKey(), "objects");
            ObjectModel model = models.object(objectId)
                    .orElseThrow(() -> new FactoryFileException(file + ": object " + objectId + " is not defined"));
            JsonNode instancesNode = object.getValue();
            if (!instancesNode.isObject()) {
                throw new FactoryFileException(file + ": /" + objectId + " must be a JSON object keyed by instance id");
            }
            SortedMap<Integer, ObjectInstance> instances = new TreeMap<>();
            for (var instance : fields(instancesNode)) {
                int instanceId = id(context, instance.getKey(), "/" + objectId);
                instances.put(instanceId, instance(context, model, instanceId, instance.getValue()));
            }
            objects.put(objectId, instances);
        }
        return new FactoryData(objects);
    }

    private record Context(Path file, ObjectModelRegistry models, ByteValues byteValues) {}

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static int id(Context context, String text, String where) throws FactoryFileException {
        try {
            // Digits only: "/" + "" or "/" + "1/2" would parse as another path than one id.
            if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an id");
            }
            return LwM2mPath.parse("/" + text).objectId();
        } catch (IllegalArgumentException e) {
            throw new FactoryFileException(
                    context.file() + ": key '" + text + "' in " + where + " is not an id in 0.." + LwM2mPath.MAX_ID);
        }
    }

    private ObjectInstance instance(Context context, ObjectModel model, int instanceId, JsonNode node)
            throws FactoryFileException {
        LwM2mPath instancePath = LwM2mPath.of(model.id(), instanceId);
        if (!node.isObject()) {
            throw new FactoryFileException(
                    context.file() + ": " + instancePath + " must be a JSON object keyed by resource id");
        }
        List<Resource> resources = new ArrayList<>();
        for (var resource : fields(node)) {
            int resourceId = id(context, resource.getKey(), instancePath.toString());
            LwM2mPath path = instancePath.append(resourceId);
            ResourceModel resourceModel = model.resource(resourceId)
                    .orElseThrow(() -> new FactoryFileException(context.file() + ": " + path
                            + " is not a resource of object " + model.id() + " (" + model.name() + ")"));
            if (resourceModel.type() == ResourceType.NONE) {
                throw new FactoryFileException(context.file() + ": " + path + " is executable and has no value");
            }
            resources.add(resource(context, resourceModel, path, resource.getValue()));
        }
        return ObjectInstance.of(instanceId, resources);
    }

    private Resource resource(Context context, ResourceModel model, LwM2mPath path, JsonNode node)
            throws FactoryFileException {
        if (!model.multiple()) {
            return SingleResource.of(model.id(), value(context, model.type(), path, node));
        }
        SortedMap<Integer, ResourceValue> values = new TreeMap<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.put(i, value(context, model.type(), path.append(i), node.get(i)));
            }
        } else if (node.isObject()) {
            for (var entry : fields(node)) {
                int id = id(context, entry.getKey(), path.toString());
                values.put(id, value(context, model.type(), path.append(id), entry.getValue()));
            }
        } else {
            throw new FactoryFileException(context.file() + ": " + path
                    + " is a multiple resource: give an array or an object keyed by resource instance id");
        }
        return MultipleResource.of(model.id(), model.type(), values);
    }

    private ResourceValue value(Context context, ResourceType type, LwM2mPath path, JsonNode node)
            throws FactoryFileException {
        String where = context.file() + ": " + path;
        try {
            return switch (type) {
                case STRING -> ResourceValue.ofString(text(node, where, "a string"));
                case CORELNK -> ResourceValue.ofCoreLink(text(node, where, "a string"));
                case INTEGER -> {
                    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                        throw new FactoryFileException(where + ": expected an integer");
                    }
                    yield ResourceValue.ofInteger(node.longValue());
                }
                case UNSIGNED_INTEGER -> {
                    if (!node.isIntegralNumber()) {
                        throw new FactoryFileException(where + ": expected an unsigned integer");
                    }
                    yield ResourceValue.ofUnsignedInteger(node.bigIntegerValue());
                }
                case FLOAT -> {
                    if (!node.isNumber()) {
                        throw new FactoryFileException(where + ": expected a number");
                    }
                    yield ResourceValue.ofFloat(node.doubleValue());
                }
                case BOOLEAN -> {
                    if (!node.isBoolean()) {
                        throw new FactoryFileException(where + ": expected true or false");
                    }
                    yield ResourceValue.ofBoolean(node.booleanValue());
                }
                case TIME -> ResourceValue.ofTime(time(node, where));
                case OBJLNK -> ResourceValue.ofObjectLink(ObjectLink.parse(text(node, where, "\"object:instance\"")));
                case OPAQUE -> ResourceValue.ofOpaque(opaque(context, node, where));
                case NONE -> throw new FactoryFileException(where + ": executable resources have no value");
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new FactoryFileException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String where, String expected) throws FactoryFileException {
        if (!node.isTextual()) {
            throw new FactoryFileException(where + ": expected " + expected);
        }
        return node.textValue();
    }

    private static Instant time(JsonNode node, String where) throws FactoryFileException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochSecond(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.textValue());
            } catch (DateTimeParseException e) {
                throw new FactoryFileException(where + ": not an ISO-8601 instant such as 2024-01-31T12:00:00Z");
            }
        }
        throw new FactoryFileException(where + ": expected seconds since the epoch or an ISO-8601 instant");
    }

    /**
     * Opaque values in the JSON form shared with bootstrap-server configs, resolved by {@link ByteValues}
     * (README.md, "Byte values in JSON files"); files are resolved against the factory file's directory.
     */
    private static byte[] opaque(Context context, JsonNode node, String where) throws FactoryFileException {
        Object value;
        if (node.isTextual()) {
            value = node.textValue();
        } else if (node.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            node.fields()
                    .forEachRemaining(member -> members.put(
                            member.getKey(),
                            member.getValue().isTextual() ? member.getValue().textValue() : member.getValue()));
            value = members;
        } else {
            value = node;
        }
        try {
            return context.byteValues().bytes(value, where);
        } catch (ByteValueException e) {
            throw new FactoryFileException(e.getMessage(), e);
        }
    }

    private static Path baseDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
