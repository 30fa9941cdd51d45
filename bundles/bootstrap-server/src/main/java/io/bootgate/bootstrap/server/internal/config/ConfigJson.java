/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bsserver.AccessControlWrite;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.keys.ByteValueException;
import io.bootgate.api.keys.ByteValues;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.keys.KeyMaterialKind;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectLink;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.objects.AccessControlInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and writes the JSON file format of bootstrap configurations (documented in the bundle's README).
 * <p>
 * Parsing is strict: an unknown field, a value of the wrong type or a missing mandatory field fails with a
 * {@link BootstrapConfigException} naming the file and the JSON path of the field, because a typo in a
 * config file that is silently ignored would provision a device wrongly. Files referenced by the config
 * (PEM keys and certificates) are resolved against the config's directory; their paths are collected so that
 * the store can reload a config when one of them changes.
 */
public final class ConfigJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /*
     * The file's shape, bound by Jackson: unknown fields, duplicate keys and non-object entries fail there.
     * Scalars stay JSON nodes because their meaning (ranges, enum names or codes, model-typed resource values)
     * is checked by the Reader, which names the field in each message. write() fills the same records.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ConfigFile(
            JsonNode endpoint,
            IdentityFile identity,
            JsonNode contentFormat,
            JsonNode autoNumberSecurityInstances,
            List<JsonNode> reset,
            List<JsonNode> reads,
            List<JsonNode> deletes,
            List<ServerAccountFile> servers,
            List<AccessControlFile> accessControl,
            List<WriteFile> writes) {}

    /** A server account: the Security (0) and Server (1) resources by friendly name, others by id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ServerAccountFile(
            JsonNode shortServerId,
            JsonNode securityInstanceId,
            JsonNode serverInstanceId,
            JsonNode uri,
            JsonNode securityMode,
            JsonNode publicKeyOrIdentity,
            JsonNode serverPublicKey,
            JsonNode secretKey,
            JsonNode clientHoldOffTime,
            JsonNode bootstrapServerAccountTimeout,
            JsonNode sni,
            JsonNode certificateUsage,
            JsonNode lifetime,
            JsonNode defaultMinPeriod,
            JsonNode defaultMaxPeriod,
            JsonNode notificationStoring,
            JsonNode binding,
            JsonNode bootstrapOnRegistrationFailure,
            JsonNode communicationRetryCount,
            JsonNode communicationRetryTimer,
            JsonNode communicationSequenceDelayTimer,
            JsonNode communicationSequenceRetryCount,
            JsonNode securityResources,
            JsonNode serverResources) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record IdentityFile(JsonNode rpkPublicKey, JsonNode x509) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record AccessControlFile(
            JsonNode instanceId, JsonNode objectId, JsonNode objectInstanceId, JsonNode acl, JsonNode owner) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record WriteFile(JsonNode path, JsonNode value, JsonNode resources, JsonNode instances) {}

    private final ObjectModelRegistry models;
    private final KeyCodec keys;

    public ConfigJson(ObjectModelRegistry models, KeyCodec keys) {
        this.models = Objects.requireNonNull(models, "models");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** A parsed config and the files it referenced. */
    public record Parsed(BootstrapConfig config, Set<Path> referencedFiles) {}

    /**
     * Parses the config file of an endpoint.
     *
     * @param file the file, named {@code <endpoint>.json}; referenced files resolve against its directory
     * @param expectedEndpoint the endpoint the file name gives
     * @throws BootstrapConfigException naming the file and the field
     */
    public Parsed parse(Path file, String expectedEndpoint) throws BootstrapConfigException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BootstrapConfigException(file, null, "cannot read: " + e.getMessage(), e);
        }
        return parse(content, file, expectedEndpoint);
    }

    /**
     * Parses config JSON.
     *
     * @param file the file the content came from (for messages and relative paths)
     */
    public Parsed parse(byte[] content, Path file, String expectedEndpoint) throws BootstrapConfigException {
        ConfigFile root;
        try {
            root = MAPPER.readValue(content, ConfigFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BootstrapConfigException(
                    file,
                    jsonPath(e),
                    "unknown field (known: "
                            + new TreeSet<>(e.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .toList()) + ")",
                    e);
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() != null && List.class.isAssignableFrom(e.getTargetType())
                    ? "an array"
                    : "an object";
            throw new BootstrapConfigException(file, jsonPath(e), "expected " + expected, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BootstrapConfigException(file, null, "invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BootstrapConfigException(file, null, "cannot read: " + e.getMessage(), e);
        }
        Reader reader = new Reader(file);
        return new Parsed(reader.config(root, expectedEndpoint), Set.copyOf(reader.referenced));
    }

    /** Serialises a config in the file format, with inline (base64) key material. */
    public byte[] write(BootstrapConfig config) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        IdentityFile identity = config.identity() instanceof DeviceIdentity.RawPublicKey rpk
                ? new IdentityFile(
                        f.objectNode()
                                .put(
                                        "base64",
                                        Base64.getEncoder()
                                                .encodeToString(rpk.publicKey().getEncoded())),
                        null)
                : new IdentityFile(null, f.booleanNode(true));
        List<AccessControlFile> acls = new ArrayList<>();
        for (AccessControlWrite write : config.accessControl()) {
            AccessControlInstance acl = write.accessControl();
            ObjectNode rights = f.objectNode();
            acl.acl().forEach((ssid, r) -> rights.put(Integer.toString(ssid), rightsLetters(r.bits())));
            acls.add(new AccessControlFile(
                    write.instanceId().isPresent()
                            ? f.numberNode(write.instanceId().getAsInt())
                            : null,
                    f.numberNode(acl.objectId()),
                    f.numberNode(acl.objectInstanceId()),
                    rights,
                    f.numberNode(acl.owner())));
        }
        List<WriteFile> writes = new ArrayList<>();
        for (BootstrapWrite write : config.writes()) {
            JsonNode path = f.textNode(write.path().toString());
            if (write.node() instanceof LwM2mObject object) {
                ObjectNode instances = f.objectNode();
                object.instances()
                        .forEach((id, instance) -> instances.set(Integer.toString(id), resourcesJson(instance)));
                writes.add(new WriteFile(path, null, null, instances));
            } else if (write.node() instanceof ObjectInstance instance) {
                writes.add(new WriteFile(path, null, resourcesJson(instance), null));
            } else if (write.node() instanceof Resource resource) {
                writes.add(new WriteFile(path, resourceJson(resource), null, null));
            } else {
                throw new IllegalStateException(
                        "a BootstrapWrite holds no " + write.node().getClass().getSimpleName());
            }
        }
        ConfigFile root = new ConfigFile(
                f.textNode(config.endpoint()),
                identity,
                config.contentFormat()
                        .map(format -> (JsonNode) f.textNode(format.name()))
                        .orElse(null),
                f.booleanNode(config.autoNumberSecurityInstances()),
                config.resetServers().stream()
                        .map(id -> (JsonNode) f.numberNode(id))
                        .toList(),
                config.reads().stream()
                        .map(p -> (JsonNode) f.textNode(p.toString()))
                        .toList(),
                config.deletes().stream()
                        .map(p -> (JsonNode) f.textNode(p.toString()))
                        .toList(),
                config.servers().stream().map(ConfigJson::accountFile).toList(),
                acls,
                writes);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // Records of plain nodes always serialise; this would be a Jackson bug.
            throw new IllegalStateException("cannot serialise config of " + config.endpoint(), e);
        }
    }

    /** The JSON path of a binding error, in the form of the Reader's field names: {@code servers[0].uri}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** The file form of an account: known resources under their friendly names, the others by id. */
    private static ServerAccountFile accountFile(ServerAccount account) {
        Map<Integer, Resource> security = new TreeMap<>(account.securityResources());
        Map<Integer, Resource> server = new TreeMap<>(account.serverResources());
        Resource mode = security.remove(StandardObjects.Security.SECURITY_MODE);
        JsonNode modeName = mode instanceof SingleResource single
                ? JsonNodeFactory.instance.textNode(
                        modeName(SecurityMode.fromCode(single.value().longValue())))
                : mode == null ? null : resourceJson(mode);
        JsonNodeFactory f = JsonNodeFactory.instance;
        // Arguments evaluate left to right: each take() removes its resource, so the last two hold the rest.
        return new ServerAccountFile(
                f.numberNode(account.shortServerId()),
                account.securityInstanceId().isPresent()
                        ? f.numberNode(account.securityInstanceId().getAsInt())
                        : null,
                account.serverInstanceId().isPresent()
                        ? f.numberNode(account.serverInstanceId().getAsInt())
                        : null,
                take(security, StandardObjects.Security.SERVER_URI),
                modeName,
                take(security, StandardObjects.Security.PUBLIC_KEY_OR_IDENTITY),
                take(security, StandardObjects.Security.SERVER_PUBLIC_KEY),
                take(security, StandardObjects.Security.SECRET_KEY),
                take(security, StandardObjects.Security.CLIENT_HOLD_OFF_TIME),
                take(security, StandardObjects.Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT),
                take(security, StandardObjects.Security.SNI),
                take(security, StandardObjects.Security.CERTIFICATE_USAGE),
                take(server, StandardObjects.Server.LIFETIME),
                take(server, StandardObjects.Server.DEFAULT_MIN_PERIOD),
                take(server, StandardObjects.Server.DEFAULT_MAX_PERIOD),
                take(server, StandardObjects.Server.NOTIFICATION_STORING),
                take(server, StandardObjects.Server.BINDING),
                take(server, StandardObjects.Server.BOOTSTRAP_ON_REGISTRATION_FAILURE),
                take(server, StandardObjects.Server.COMMUNICATION_RETRY_COUNT),
                take(server, StandardObjects.Server.COMMUNICATION_RETRY_TIMER),
                take(server, StandardObjects.Server.COMMUNICATION_SEQUENCE_DELAY_TIMER),
                take(server, StandardObjects.Server.COMMUNICATION_SEQUENCE_RETRY_COUNT),
                byId(security),
                byId(server));
    }

    private static JsonNode take(Map<Integer, Resource> resources, int id) {
        Resource resource = resources.remove(id);
        return resource == null ? null : resourceJson(resource);
    }

    private static ObjectNode byId(Map<Integer, Resource> resources) {
        if (resources.isEmpty()) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        resources.forEach((id, resource) -> node.set(Integer.toString(id), resourceJson(resource)));
        return node;
    }

    private static ObjectNode resourcesJson(ObjectInstance instance) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        instance.resources().forEach((id, resource) -> node.set(Integer.toString(id), resourceJson(resource)));
        return node;
    }

    private static JsonNode resourceJson(Resource resource) {
        if (resource instanceof MultipleResource multiple) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            multiple.values().forEach((id, value) -> node.set(Integer.toString(id), valueJson(value)));
            return node;
        }
        return valueJson(((SingleResource) resource).value());
    }

    private static JsonNode valueJson(ResourceValue value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value.type()) {
            case STRING, CORELNK -> f.textNode(value.stringValue());
            case INTEGER -> f.numberNode(value.longValue());
            case UNSIGNED_INTEGER -> f.numberNode(value.unsignedValue());
            case FLOAT -> f.numberNode(value.doubleValue());
            case BOOLEAN -> f.booleanNode(value.booleanValue());
            case OPAQUE -> f.objectNode().put("base64", Base64.getEncoder().encodeToString(value.opaqueValue()));
            case TIME -> f.numberNode(value.timeValue().getEpochSecond());
            case OBJLNK -> f.textNode(value.objectLinkValue().toString());
            case NONE -> throw new IllegalStateException("executable resources carry no value");
        };
    }

    private static String modeName(SecurityMode mode) {
        return switch (mode) {
            case PRE_SHARED_KEY -> "PSK";
            case RAW_PUBLIC_KEY -> "RPK";
            case CERTIFICATE -> "X509";
            case NO_SEC -> "NO_SEC";
            case CERTIFICATE_WITH_EST -> "EST";
        };
    }

    static String rightsLetters(int rights) {
        StringBuilder sb = new StringBuilder();
        if ((rights & AccessControl.READ) != 0) {
            sb.append('R');
        }
        if ((rights & AccessControl.WRITE) != 0) {
            sb.append('W');
        }
        if ((rights & AccessControl.EXECUTE) != 0) {
            sb.append('E');
        }
        if ((rights & AccessControl.DELETE) != 0) {
            sb.append('D');
        }
        if ((rights & AccessControl.CREATE) != 0) {
            sb.append('C');
        }
        return sb.toString();
    }

    /** One parse: the file for messages and relative paths, and the files referenced so far. */
    private final class Reader {
        private final Path file;
        private final Path directory;
        private final Set<Path> referenced = new TreeSet<>();
        private final ByteValues byteValues;

        Reader(Path file) {
            this.file = file;
            Path parent = file == null ? null : file.toAbsolutePath().getParent();
            this.directory = parent == null ? Path.of("").toAbsolutePath() : parent;
            this.byteValues = new ByteValues(keys, directory, this::referenced);
        }

        BootstrapConfigException error(String field, String message) {
            return new BootstrapConfigException(file, field, message);
        }

        BootstrapConfigException error(String field, String message, Throwable cause) {
            return new BootstrapConfigException(file, field, message, cause);
        }

        BootstrapConfig config(ConfigFile root, String expectedEndpoint) throws BootstrapConfigException {
            if (root == null) {
                throw error(null, "expected a JSON object at the top level");
            }
            String endpoint = expectedEndpoint;
            if (root.endpoint() != null) {
                endpoint = text(root.endpoint(), "endpoint");
                if (expectedEndpoint != null && !endpoint.equals(expectedEndpoint)) {
                    throw error(
                            "endpoint",
                            "'" + endpoint + "' differs from the file name's endpoint '" + expectedEndpoint + "'");
                }
            }
            if (endpoint == null) {
                throw error("endpoint", "missing");
            }
            try {
                BootstrapConfig.checkEndpoint(endpoint);
            } catch (IllegalArgumentException e) {
                throw error("endpoint", e.getMessage(), e);
            }
            validate(root);
            BootstrapConfig.Builder builder = BootstrapConfig.builder(endpoint, identity(root.identity(), "identity"));
            if (root.contentFormat() != null) {
                builder.contentFormat(contentFormat(root.contentFormat(), "contentFormat"));
            }
            if (root.autoNumberSecurityInstances() != null) {
                builder.autoNumberSecurityInstances(
                        bool(root.autoNumberSecurityInstances(), "autoNumberSecurityInstances"));
            }
            forEach(root.reset(), "reset", (node, field) -> builder.resetServer(node.intValue()));
            forEach(root.reads(), "reads", (node, field) -> builder.read(path(node, field)));
            if (root.deletes() != null) {
                List<LwM2mPath> deletes = new ArrayList<>();
                forEach(root.deletes(), "deletes", (node, field) -> deletes.add(path(node, field)));
                builder.deletes(deletes);
            }
            forEach(root.servers(), "servers", (node, field) -> builder.server(server(node, field)));
            forEach(
                    root.accessControl(),
                    "accessControl",
                    (node, field) -> builder.accessControl(accessControl(node, field)));
            forEach(root.writes(), "writes", (node, field) -> builder.write(write(node, field)));
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw error(null, e.getMessage(), e);
            }
        }

        /**
         * The range, presence and combination checks on the bound file, before any value is converted, so
         * that the conversions below can take those values as given.
         */
        void validate(ConfigFile root) throws BootstrapConfigException {
            IdentityFile identity = root.identity();
            if (identity == null) {
                throw error("identity", "missing");
            }
            if ((identity.rpkPublicKey() == null) == (identity.x509() == null)) {
                throw error("identity", "give exactly one of 'rpkPublicKey' or 'x509'");
            }
            if (identity.x509() != null && !bool(identity.x509(), "identity.x509")) {
                throw error(
                        "identity.x509",
                        "must be true (the device presents a certificate whose CN is the " + "endpoint name)");
            }
            forEach(root.reset(), "reset", (node, field) -> intIn(node, field, 1, 65534));
            forEach(root.servers(), "servers", (node, field) -> {
                String f = field + ".";
                intIn(require(node.shortServerId(), f + "shortServerId"), f + "shortServerId", 1, 65534);
                if (node.securityInstanceId() != null) {
                    intIn(node.securityInstanceId(), f + "securityInstanceId", 0, LwM2mPath.MAX_ID);
                }
                if (node.serverInstanceId() != null) {
                    intIn(node.serverInstanceId(), f + "serverInstanceId", 0, LwM2mPath.MAX_ID);
                }
                require(node.uri(), f + "uri");
                require(node.securityMode(), f + "securityMode");
                if (node.lifetime() == null) {
                    throw error(f + "lifetime", "missing");
                }
            });
            forEach(root.accessControl(), "accessControl", (node, field) -> {
                if (node.instanceId() != null) {
                    intIn(node.instanceId(), field + ".instanceId", 0, LwM2mPath.MAX_ID);
                }
                intIn(require(node.objectId(), field + ".objectId"), field + ".objectId", 0, LwM2mPath.MAX_ID);
                intIn(
                        require(node.objectInstanceId(), field + ".objectInstanceId"),
                        field + ".objectInstanceId",
                        0,
                        AccessControl.OBJECT_LEVEL);
                intIn(require(node.owner(), field + ".owner"), field + ".owner", 0, AccessControl.OWNER_BOOTSTRAP_ONLY);
            });
            forEach(root.writes(), "writes", (node, field) -> require(node.path(), field + ".path"));
        }

        DeviceIdentity identity(IdentityFile node, String field) throws BootstrapConfigException {
            if (node.x509() != null) {
                return DeviceIdentity.x509();
            }
            String keyField = field + ".rpkPublicKey";
            byte[] der = bytes(node.rpkPublicKey(), keyField, Set.of(KeyMaterialKind.PUBLIC_KEY));
            try {
                return DeviceIdentity.rawPublicKey(keys.publicKey(der, keyField));
            } catch (KeyFormatException e) {
                throw error(keyField, e.reason(), e);
            }
        }

        ServerAccount server(ServerAccountFile node, String field) throws BootstrapConfigException {
            String f = field + ".";
            ServerAccount.Builder account =
                    ServerAccount.builder(node.shortServerId().intValue());
            if (node.securityInstanceId() != null) {
                account.securityInstanceId(node.securityInstanceId().intValue());
            }
            if (node.serverInstanceId() != null) {
                account.serverInstanceId(node.serverInstanceId().intValue());
            }
            ResourceSink security = (id, value, name) -> {
                if (value != null) {
                    account.securityResource(resource(StandardObjects.Security.ID, id, value, f + name));
                }
            };
            security.add(StandardObjects.Security.SERVER_URI, node.uri(), "uri");
            account.securityMode(securityMode(node.securityMode(), f + "securityMode"));
            security.add(
                    StandardObjects.Security.PUBLIC_KEY_OR_IDENTITY, node.publicKeyOrIdentity(), "publicKeyOrIdentity");
            security.add(StandardObjects.Security.SERVER_PUBLIC_KEY, node.serverPublicKey(), "serverPublicKey");
            security.add(StandardObjects.Security.SECRET_KEY, node.secretKey(), "secretKey");
            security.add(StandardObjects.Security.CLIENT_HOLD_OFF_TIME, node.clientHoldOffTime(), "clientHoldOffTime");
            security.add(
                    StandardObjects.Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT,
                    node.bootstrapServerAccountTimeout(),
                    "bootstrapServerAccountTimeout");
            security.add(StandardObjects.Security.SNI, node.sni(), "sni");
            if (node.certificateUsage() != null && node.certificateUsage().isTextual()) {
                account.certificateUsage(certificateUsage(node.certificateUsage(), f + "certificateUsage"));
            } else {
                security.add(StandardObjects.Security.CERTIFICATE_USAGE, node.certificateUsage(), "certificateUsage");
            }
            ResourceSink server = (id, value, name) -> {
                if (value != null) {
                    account.serverResource(resource(StandardObjects.Server.ID, id, value, f + name));
                }
            };
            server.add(StandardObjects.Server.LIFETIME, node.lifetime(), "lifetime");
            server.add(StandardObjects.Server.DEFAULT_MIN_PERIOD, node.defaultMinPeriod(), "defaultMinPeriod");
            server.add(StandardObjects.Server.DEFAULT_MAX_PERIOD, node.defaultMaxPeriod(), "defaultMaxPeriod");
            server.add(StandardObjects.Server.NOTIFICATION_STORING, node.notificationStoring(), "notificationStoring");
            server.add(StandardObjects.Server.BINDING, node.binding(), "binding");
            server.add(
                    StandardObjects.Server.BOOTSTRAP_ON_REGISTRATION_FAILURE,
                    node.bootstrapOnRegistrationFailure(),
                    "bootstrapOnRegistrationFailure");
            server.add(
                    StandardObjects.Server.COMMUNICATION_RETRY_COUNT,
                    node.communicationRetryCount(),
                    "communicationRetryCount");
            server.add(
                    StandardObjects.Server.COMMUNICATION_RETRY_TIMER,
                    node.communicationRetryTimer(),
                    "communicationRetryTimer");
            server.add(
                    StandardObjects.Server.COMMUNICATION_SEQUENCE_DELAY_TIMER,
                    node.communicationSequenceDelayTimer(),
                    "communicationSequenceDelayTimer");
            server.add(
                    StandardObjects.Server.COMMUNICATION_SEQUENCE_RETRY_COUNT,
                    node.communicationSequenceRetryCount(),
                    "communicationSequenceRetryCount");
            resources(StandardObjects.Security.ID, node.securityResources(), f + "securityResources")
                    .forEach(account::securityResource);
            resources(StandardObjects.Server.ID, node.serverResources(), f + "serverResources")
                    .forEach(account::serverResource);
            try {
                return account.build();
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage(), e);
            }
        }

        AccessControlWrite accessControl(AccessControlFile node, String field) throws BootstrapConfigException {
            java.util.OptionalInt instanceId = node.instanceId() != null
                    ? java.util.OptionalInt.of(node.instanceId().intValue())
                    : java.util.OptionalInt.empty();
            int objectId = node.objectId().intValue();
            int objectInstanceId = node.objectInstanceId().intValue();
            int owner = node.owner().intValue();
            SortedMap<Integer, AccessRights> acl = new TreeMap<>();
            JsonNode aclNode = node.acl();
            if (aclNode != null) {
                if (!aclNode.isObject()) {
                    throw error(field + ".acl", "expected an object of short server id to rights");
                }
                Iterator<Map.Entry<String, JsonNode>> it = aclNode.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String f = field + ".acl." + e.getKey();
                    int ssid = idKey(e.getKey(), f, 65534);
                    acl.put(ssid, AccessRights.of(rights(e.getValue(), f)));
                }
            }
            try {
                return new AccessControlWrite(
                        instanceId,
                        new AccessControlInstance(instanceId.orElse(0), objectId, objectInstanceId, acl, owner));
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage(), e);
            }
        }

        int rights(JsonNode node, String field) throws BootstrapConfigException {
            if (node.isIntegralNumber()) {
                return intIn(node, field, 0, AccessRights.FULL.bits());
            }
            if (!node.isTextual()) {
                throw error(field, "expected rights as letters of RWEDC or a number 0..31");
            }
            int rights = 0;
            for (char c : node.asText().toCharArray()) {
                int bit =
                        switch (c) {
                            case 'R' -> AccessControl.READ;
                            case 'W' -> AccessControl.WRITE;
                            case 'E' -> AccessControl.EXECUTE;
                            case 'D' -> AccessControl.DELETE;
                            case 'C' -> AccessControl.CREATE;
                            default -> throw error(field, "unknown right '" + c + "' (use R, W, E, D, C)");
                        };
                rights |= bit;
            }
            return rights;
        }

        BootstrapWrite write(WriteFile node, String field) throws BootstrapConfigException {
            LwM2mPath path = path(node.path(), field + ".path");
            LwM2mNode lwm2mNode =
                    switch (path.depth()) {
                        case 3 -> resource(
                                path.objectId(),
                                path.resourceId(),
                                require(node.value(), field + ".value"),
                                field + ".value");
                        case 2 -> instance(
                                path.objectId(),
                                path.instanceId(),
                                require(node.resources(), field + ".resources"),
                                field + ".resources");
                        case 1 -> object(
                                path.objectId(), require(node.instances(), field + ".instances"), field + ".instances");
                        default -> throw error(field + ".path", "a write targets /O, /O/I or /O/I/R, not " + path);
                    };
            Map<String, JsonNode> bodies = new LinkedHashMap<>();
            bodies.put("value", node.value());
            bodies.put("resources", node.resources());
            bodies.put("instances", node.instances());
            String expected = path.depth() == 3 ? "value" : path.depth() == 2 ? "resources" : "instances";
            for (Map.Entry<String, JsonNode> other : bodies.entrySet()) {
                if (!other.getKey().equals(expected) && other.getValue() != null) {
                    throw error(field + "." + other.getKey(), "a write to " + path + " takes '" + expected + "'");
                }
            }
            return new BootstrapWrite(path, lwm2mNode);
        }

        LwM2mObject object(int objectId, JsonNode node, String field) throws BootstrapConfigException {
            if (!node.isObject()) {
                throw error(field, "expected an object of instance id to resources");
            }
            List<ObjectInstance> instances = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String f = field + "." + e.getKey();
                instances.add(instance(objectId, idKey(e.getKey(), f, LwM2mPath.MAX_ID), e.getValue(), f));
            }
            return LwM2mObject.of(objectId, instances);
        }

        ObjectInstance instance(int objectId, int instanceId, JsonNode node, String field)
                throws BootstrapConfigException {
            return ObjectInstance.of(instanceId, resources(objectId, node, field));
        }

        List<Resource> resources(int objectId, JsonNode node, String field) throws BootstrapConfigException {
            List<Resource> resources = new ArrayList<>();
            if (node == null) {
                return resources;
            }
            if (!node.isObject()) {
                throw error(field, "expected an object of resource id to value");
            }
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String f = field + "." + e.getKey();
                resources.add(resource(objectId, idKey(e.getKey(), f, LwM2mPath.MAX_ID), e.getValue(), f));
            }
            return resources;
        }

        Resource resource(int objectId, int resourceId, JsonNode node, String field) throws BootstrapConfigException {
            ResourceModel model = models.resource(objectId, resourceId)
                    .orElseThrow(() -> error(
                            field,
                            "object " + objectId + " has no resource " + resourceId
                                    + " in the object models this server " + "knows"));
            if (model.type() == ResourceType.NONE) {
                throw error(field, "resource " + resourceId + " (" + model.name() + ") is executable and has no value");
            }
            if (!model.multiple()) {
                return new SingleResource(resourceId, value(model.type(), node, field));
            }
            if (!node.isObject()) {
                throw error(
                        field,
                        "resource " + resourceId + " (" + model.name()
                                + ") has multiple instances: expected an object of instance id to value");
            }
            SortedMap<Integer, ResourceValue> values = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String f = field + "." + e.getKey();
                values.put(idKey(e.getKey(), f, LwM2mPath.MAX_ID), value(model.type(), e.getValue(), f));
            }
            return new MultipleResource(resourceId, model.type(), values);
        }

        ResourceValue value(ResourceType type, JsonNode node, String field) throws BootstrapConfigException {
            switch (type) {
                case STRING:
                    return ResourceValue.ofString(text(node, field));
                case CORELNK:
                    return ResourceValue.ofCoreLink(text(node, field));
                case INTEGER:
                    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                        throw error(field, "expected an integer, got " + describe(node));
                    }
                    return ResourceValue.ofInteger(node.longValue());
                case UNSIGNED_INTEGER:
                    if (!node.isIntegralNumber()
                            || node.bigIntegerValue().signum() < 0
                            || node.bigIntegerValue().compareTo(ResourceValue.MAX_UNSIGNED) > 0) {
                        throw error(field, "expected an unsigned integer, got " + describe(node));
                    }
                    return ResourceValue.ofUnsignedInteger(node.bigIntegerValue());
                case FLOAT:
                    if (!node.isNumber()) {
                        throw error(field, "expected a number, got " + describe(node));
                    }
                    return ResourceValue.ofFloat(node.doubleValue());
                case BOOLEAN:
                    return ResourceValue.ofBoolean(bool(node, field));
                case OPAQUE:
                    return ResourceValue.ofOpaque(bytes(node, field, EnumSet.allOf(KeyMaterialKind.class)));
                case TIME:
                    if (node.isIntegralNumber() && node.canConvertToLong()) {
                        return ResourceValue.ofTime(Instant.ofEpochSecond(node.longValue()));
                    }
                    try {
                        Instant instant = Instant.parse(text(node, field));
                        return ResourceValue.ofTime(instant.minusNanos(instant.getNano()));
                    } catch (DateTimeParseException e) {
                        throw error(field, "expected seconds since the epoch or an ISO-8601 instant", e);
                    }
                case OBJLNK:
                    try {
                        return ResourceValue.ofObjectLink(ObjectLink.parse(text(node, field)));
                    } catch (IllegalArgumentException e) {
                        throw error(field, e.getMessage(), e);
                    }
                default:
                    throw error(field, "resources of type " + type + " carry no value");
            }
        }

        /**
         * Opaque bytes in the JSON form shared with factory files, resolved by {@link ByteValues} (README.md,
         * "Byte values in JSON files"); referenced files are collected for the store's change detection.
         */
        byte[] bytes(JsonNode node, String field, Set<KeyMaterialKind> pemKinds) throws BootstrapConfigException {
            try {
                return byteValues.bytes(byteValue(node), field, pemKinds);
            } catch (ByteValueException e) {
                throw error(e.field(), e.reason(), e);
            }
        }

        void referenced(Path path) {
            referenced.add(path);
        }

        /** The plain Java form {@link ByteValues} takes: a string, or a map of the object's members. */
        private Object byteValue(JsonNode node) {
            if (node.isTextual()) {
                return node.textValue();
            }
            if (!node.isObject()) {
                return node;
            }
            Map<String, Object> members = new LinkedHashMap<>();
            node.fields()
                    .forEachRemaining(member -> members.put(
                            member.getKey(),
                            member.getValue().isTextual() ? member.getValue().textValue() : member.getValue()));
            return members;
        }

        SecurityMode securityMode(JsonNode node, String field) throws BootstrapConfigException {
            if (node.isIntegralNumber()) {
                try {
                    return SecurityMode.fromCode(node.longValue());
                } catch (IllegalArgumentException e) {
                    throw error(field, e.getMessage(), e);
                }
            }
            return switch (text(node, field)) {
                case "PSK" -> SecurityMode.PRE_SHARED_KEY;
                case "RPK" -> SecurityMode.RAW_PUBLIC_KEY;
                case "X509" -> SecurityMode.CERTIFICATE;
                case "NO_SEC" -> SecurityMode.NO_SEC;
                case "EST" -> SecurityMode.CERTIFICATE_WITH_EST;
                default -> throw error(field, "expected PSK, RPK, X509, NO_SEC, EST or 0..4, got " + describe(node));
            };
        }

        CertificateUsage certificateUsage(JsonNode node, String field) throws BootstrapConfigException {
            try {
                return CertificateUsage.valueOf(text(node, field));
            } catch (IllegalArgumentException e) {
                throw error(
                        field,
                        "expected 0..3 or one of CA_CONSTRAINT, SERVICE_CERTIFICATE_CONSTRAINT, "
                                + "TRUST_ANCHOR_ASSERTION, DOMAIN_ISSUED_CERTIFICATE",
                        e);
            }
        }

        ContentFormat contentFormat(JsonNode node, String field) throws BootstrapConfigException {
            ContentFormat format;
            if (node.isIntegralNumber()) {
                format = ContentFormat.fromCode(node.intValue()).orElse(null);
            } else {
                try {
                    format = ContentFormat.valueOf(text(node, field));
                } catch (IllegalArgumentException e) {
                    format = null;
                }
            }
            if (format == null || !BootstrapConfig.WRITE_FORMATS.contains(format)) {
                throw error(
                        field, "expected TLV, SENML_JSON or SENML_CBOR (or 11542, 110, 112), got " + describe(node));
            }
            return format;
        }

        LwM2mPath path(JsonNode node, String field) throws BootstrapConfigException {
            try {
                return LwM2mPath.parse(text(node, field));
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage(), e);
            }
        }

        String text(JsonNode node, String field) throws BootstrapConfigException {
            if (node == null || !node.isTextual()) {
                throw error(field, "expected a string, got " + describe(node));
            }
            return node.asText();
        }

        boolean bool(JsonNode node, String field) throws BootstrapConfigException {
            if (!node.isBoolean()) {
                throw error(field, "expected true or false, got " + describe(node));
            }
            return node.booleanValue();
        }

        int intIn(JsonNode node, String field, int min, int max) throws BootstrapConfigException {
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
                throw error(field, "expected an integer " + min + ".." + max + ", got " + describe(node));
            }
            return node.intValue();
        }

        int idKey(String key, String field, int max) throws BootstrapConfigException {
            try {
                int id = Integer.parseInt(key);
                if (id < 0 || id > max) {
                    throw error(field, "id " + id + " is outside 0.." + max);
                }
                return id;
            } catch (NumberFormatException e) {
                throw error(field, "expected a decimal id as key, got '" + key + "'", e);
            }
        }

        JsonNode require(JsonNode node, String field) throws BootstrapConfigException {
            if (node == null || node.isNull()) {
                throw error(field, "missing");
            }
            return node;
        }

        <T> void forEach(List<T> elements, String name, ElementReader<T> reader) throws BootstrapConfigException {
            if (elements == null) {
                return;
            }
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) == null) {
                    throw error(name + "[" + i + "]", "expected an object, got null");
                }
                reader.read(elements.get(i), name + "[" + i + "]");
            }
        }
    }

    /** Adds the resource {@code id} read from {@code value} (when present) to a server account. */
    @FunctionalInterface
    private interface ResourceSink {
        void add(int id, JsonNode value, String name) throws BootstrapConfigException;
    }

    @FunctionalInterface
    private interface ElementReader<T> {
        void read(T element, String field) throws BootstrapConfigException;
    }

    /** A JSON value described for an error message: its type and, for scalars, the value itself. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }
}
