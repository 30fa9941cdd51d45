/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.acl.AccessDecision;
import io.bootgate.api.acl.Operation;
import io.bootgate.api.acl.Requester;
import io.bootgate.api.bootstrap.BootstrapRequestTrigger;
import io.bootgate.api.bootstrap.TriggerResult;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkAttribute;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.dm.DeviceDataAdapter;
import io.bootgate.api.dm.DeviceManagement;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResourceInstance;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.UnknownEndpointException;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.store.WriteRejectedException;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.ObserveRelation;
import io.bootgate.api.transport.PeerIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Device Management and Information Reporting interfaces of every proxied device, without OSGi: the DS
 * component {@link DeviceManagementComponent} wires it, the tests build it on a real store, ACL service and
 * codec.
 * <p>
 * Each request is decided in this order: /0 by a management server 4.01; an unknown path 4.04; the ACL
 * service's decision (4.01 missing right, 4.05 an operation the level does not allow); the object definition's
 * operations (4.05). A write happens in one store transaction that is committed only when every part was
 * accepted. Objects supplied by a {@link DeviceDataAdapter} are read, written and executed through it.
 * <p>
 * Observations keep one timer each on the shared scheduler: the end of pmin while a change waits, else pmax.
 */
public final class DeviceManagementService implements DeviceManagement {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceManagementService.class);

    /** How long a request waits for the device's open store transaction (a bootstrap) before 5.03. */
    private static final Duration WRITE_WAIT = Duration.ofSeconds(2);

    /** The OSCORE object: like the Security object, never reachable by a management server nor registered. */
    private static final int OSCORE_OBJECT = 21;

    private final ObjectStore store;
    private final AccessControlService acl;
    private final LwM2mEncoder encoder;
    private final LwM2mDecoder decoder;
    private final LinkFormat linkFormat;
    private final Supplier<ObjectModelRegistry> models;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final DeviceObjectDefaults deviceDefaults;

    private final List<AdapterEntry> adapters = new CopyOnWriteArrayList<>();
    private volatile BootstrapRequestTrigger bootstrapTrigger;

    /** Guards the observations and the attributes. */
    private final Object lock = new Object();

    private final Map<String, List<Observation>> observations = new HashMap<>();
    private final Map<AttributeKey, NotificationAttributes> attributes = new HashMap<>();

    private record AttributeKey(String endpoint, int ssid, LwM2mPath path) {}

    private record AdapterEntry(DeviceDataAdapter adapter, Set<String> endpoints) {
        boolean serves(String endpoint) {
            return endpoints.contains("*") || endpoints.contains(endpoint);
        }
    }

    public DeviceManagementService(
            ObjectStore store,
            AccessControlService acl,
            LwM2mEncoder encoder,
            LwM2mDecoder decoder,
            LinkFormat linkFormat,
            Supplier<ObjectModelRegistry> models,
            ScheduledExecutorService scheduler,
            Clock clock,
            DeviceObjectDefaults deviceDefaults) {
        this.store = store;
        this.acl = acl;
        this.encoder = encoder;
        this.decoder = decoder;
        this.linkFormat = linkFormat;
        this.models = models;
        this.scheduler = scheduler;
        this.clock = clock;
        this.deviceDefaults = deviceDefaults;
    }

    // ---- wiring ----

    /** Adds an adapter serving the given endpoints ({@code *} for all) and gives it its change sink. */
    public void addAdapter(DeviceDataAdapter adapter, Set<String> endpoints) {
        adapters.add(new AdapterEntry(adapter, Set.copyOf(endpoints)));
        adapter.setChangeSink(this::changed);
    }

    public void removeAdapter(DeviceDataAdapter adapter) {
        adapters.removeIf(entry -> entry.adapter == adapter);
        adapter.setChangeSink(null);
    }

    public void setBootstrapTrigger(BootstrapRequestTrigger trigger) {
        this.bootstrapTrigger = trigger;
    }

    /** Cancels every observation; the service is going away. */
    public void close() {
        List<Observation> all = new ArrayList<>();
        synchronized (lock) {
            observations.values().forEach(all::addAll);
            observations.clear();
            all.forEach(Observation::cancelTimer);
        }
        all.forEach(o -> o.relation.cancel());
    }

    // ---- DeviceManagement ----

    @Override
    public CoapRequestHandler handler(String endpoint, int shortServerId, DeviceRegistrations registrations) {
        Requester.checkSsid(shortServerId);
        return new CoapRequestHandler() {
            @Override
            public CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request) {
                return CompletableFuture.completedFuture(
                        DeviceManagementService.this.handle(endpoint, shortServerId, request, registrations));
            }

            @Override
            public CompletionStage<CoapResponse> observe(
                    PeerIdentity peer, CoapRequest request, ObserveRelation relation) {
                return CompletableFuture.completedFuture(DeviceManagementService.this.observe(
                        endpoint, shortServerId, request, relation, registrations));
            }
        };
    }

    @Override
    public void serverSessionEnded(String endpoint, int shortServerId) {
        List<Observation> ended = new ArrayList<>();
        synchronized (lock) {
            List<Observation> list = observations.get(endpoint);
            if (list != null) {
                for (Iterator<Observation> it = list.iterator(); it.hasNext(); ) {
                    Observation observation = it.next();
                    if (observation.ssid == shortServerId) {
                        observation.cancelTimer();
                        ended.add(observation);
                        it.remove();
                    }
                }
            }
            attributes.keySet().removeIf(key -> key.endpoint.equals(endpoint) && key.ssid == shortServerId);
        }
        ended.forEach(o -> o.relation.cancel());
        if (!ended.isEmpty()) {
            LOG.info("{}: cancelled {} observation(s) of server {}", endpoint, ended.size(), shortServerId);
        }
    }

    @Override
    public String registrationLinks(String endpoint) {
        TreeView tree = store.snapshot(endpoint);
        ObjectModelRegistry registry = models.get();
        List<Link> links = new ArrayList<>();
        links.add(Link.of(
                "/",
                LinkAttribute.quoted("rt", "oma.lwm2m"),
                LinkAttribute.of("ct", Integer.toString(ContentFormat.SENML_JSON.code()))));
        SortedMap<Integer, LwM2mObject> objects = new TreeMap<>(tree.objects());
        objects.putIfAbsent(
                StandardObjects.Device.ID,
                LwM2mObject.of(StandardObjects.Device.ID, deviceDefaults.instanceFor(endpoint)));
        for (AdapterEntry entry : adapters) {
            if (entry.serves(endpoint)) {
                for (int objectId : entry.adapter.objectIds(endpoint)) {
                    objects.put(objectId, LwM2mObject.of(objectId, entry.adapter.read(endpoint, objectId)));
                }
            }
        }
        // Core 6.2.1: the Security and OSCORE objects are never listed.
        objects.remove(StandardObjects.Security.ID);
        objects.remove(OSCORE_OBJECT);
        for (LwM2mObject object : objects.values()) {
            String version =
                    registry.object(object.id()).map(ObjectModel::version).orElse("1.0");
            LinkAttribute[] ver = "1.0".equals(version)
                    ? new LinkAttribute[0]
                    : new LinkAttribute[] {LinkAttribute.of("ver", version)};
            // "ver" (Object Version) is an attribute of the object, so it goes on the object's own link, followed by
            // the instance links: </3>;ver=1.1,</3/0>. Leshan 2.0.0-M15 attaches it to object paths only and answers
            // 4.00 to a Register carrying it on an instance link.
            if (object.instances().isEmpty() || ver.length > 0) {
                links.add(Link.of(LwM2mPath.of(object.id()), ver));
            }
            for (int instanceId : object.instances().keySet()) {
                links.add(Link.of(LwM2mPath.of(object.id(), instanceId)));
            }
        }
        return new String(linkFormat.serialize(links), java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- store and adapter changes ----

    /** A committed change of the store: notifies observers, cancels those of servers whose account is gone. */
    public void storeChanged(StoreEvent event) {
        String endpoint = event.endpoint();
        List<Observation> concerned;
        synchronized (lock) {
            List<Observation> list = observations.get(endpoint);
            if (list == null || list.isEmpty()) {
                return;
            }
            concerned = List.copyOf(list);
        }
        TreeView tree;
        try {
            tree = store.snapshot(endpoint);
        } catch (UnknownEndpointException e) {
            concerned.forEach(o -> serverSessionEnded(endpoint, o.ssid));
            return;
        }
        for (Observation observation : concerned) {
            if (serverInstance(tree, observation.ssid).isEmpty()) {
                LOG.info("{}: server {} has no account any more", endpoint, observation.ssid);
                serverSessionEnded(endpoint, observation.ssid);
            }
        }
        for (LwM2mPath changed : event.changedInstances()) {
            changed(endpoint, changed);
        }
    }

    /** A value of the device changed (store commit or adapter): re-evaluates the observations it concerns. */
    void changed(String endpoint, LwM2mPath path) {
        synchronized (lock) {
            List<Observation> list = observations.get(endpoint);
            if (list == null) {
                return;
            }
            for (Observation observation : List.copyOf(list)) {
                if (observation.concerns(path)) {
                    evaluate(observation);
                }
            }
        }
    }

    // ---- request dispatch ----

    CoapResponse handle(String endpoint, int ssid, CoapRequest request, DeviceRegistrations registrations) {
        LwM2mPath path;
        try {
            path = LwM2mPath.parse(request.pathString());
        } catch (IllegalArgumentException e) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "not an LwM2M path: " + request.pathString());
        }
        try {
            CoapResponse response = dispatch(endpoint, ssid, request, path, registrations);
            LOG.debug(
                    "{}: server {} {} -> {}",
                    endpoint,
                    ssid,
                    request,
                    response.code().dotted());
            return response;
        } catch (UnknownEndpointException e) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "unknown device " + endpoint);
        } catch (WriteRejectedException e) {
            return CoapResponse.error(e.responseCode(), e.getMessage());
        } catch (CodecException e) {
            return CoapResponse.error(e.kind().responseCode(), e.getMessage());
        } catch (StoreException e) {
            LOG.warn("{}: server {} {} failed in the store: {}", endpoint, ssid, request, e.getMessage());
            return CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, "store unavailable");
        }
    }

    private CoapResponse dispatch(
            String endpoint, int ssid, CoapRequest request, LwM2mPath path, DeviceRegistrations registrations)
            throws CodecException {
        if (!path.isRoot() && (path.objectId() == StandardObjects.Security.ID || path.objectId() == OSCORE_OBJECT)) {
            return CoapResponse.error(ResponseCode.UNAUTHORIZED, "the Security and OSCORE objects are not accessible");
        }
        CoapMethod method = request.method();
        if (path.isRoot()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "no operation on the root");
        }
        if (path.isResourceInstance() && method != CoapMethod.GET && method != CoapMethod.PUT) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, method + " on a resource instance");
        }
        return switch (method) {
            case GET -> isDiscover(request) ? discover(endpoint, ssid, path) : read(endpoint, ssid, request, path);
            case PUT -> request.contentFormat().isEmpty() && !request.query().isEmpty()
                    ? writeAttributes(endpoint, ssid, request, path)
                    : write(endpoint, ssid, request, path, WriteMode.REPLACE);
            case POST -> {
                if (path.isObject()) {
                    yield create(endpoint, ssid, request, path);
                } else if (path.isObjectInstance()) {
                    yield write(endpoint, ssid, request, path, WriteMode.UPDATE);
                } else {
                    yield execute(endpoint, ssid, request, path, registrations);
                }
            }
            case DELETE -> delete(endpoint, ssid, path);
            default -> CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, method + " is not supported");
        };
    }

    private static boolean isDiscover(CoapRequest request) {
        return request.accept().orElse(-1) == ContentFormat.LINK.code();
    }

    /** 4.04, or the ACL's denial, or empty when the operation is allowed on an existing target. */
    private Optional<CoapResponse> decide(TreeView view, int ssid, Operation operation, LwM2mPath path) {
        if (view.read(path).isEmpty() && !isExecutableOfExistingInstance(view, path)) {
            return Optional.of(CoapResponse.error(ResponseCode.NOT_FOUND, path + " does not exist"));
        }
        AccessDecision decision = acl.check(view, Requester.server(ssid), operation, path);
        if (!decision.granted()) {
            return Optional.of(CoapResponse.error(decision.denialCode().orElseThrow(), decision.reason()));
        }
        return Optional.empty();
    }

    /** Executable resources hold no value: they exist where their instance does and the model defines them. */
    private boolean isExecutableOfExistingInstance(TreeView view, LwM2mPath path) {
        return path.isResource()
                && view.instance(path.objectId(), path.instanceId()).isPresent()
                && models.get()
                        .resource(path.objectId(), path.resourceId())
                        .map(m -> m.operations().isExecutable())
                        .orElse(false);
    }

    /** 4.05 unless the object definition allows the operation on the targeted resource. */
    private Optional<CoapResponse> supported(LwM2mPath path, Operation operation) {
        if (!path.isResource() && !path.isResourceInstance()) {
            return Optional.empty();
        }
        Optional<ResourceModel> model = models.get().resource(path.objectId(), path.resourceId());
        if (model.isEmpty()) {
            return Optional.of(CoapResponse.error(ResponseCode.NOT_FOUND, "no definition of " + path));
        }
        boolean allowed =
                switch (operation) {
                    case READ, OBSERVE -> model.get().operations().isReadable();
                    case WRITE -> model.get().operations().isWritable();
                    case EXECUTE -> model.get().operations().isExecutable();
                    default -> true;
                };
        return allowed
                ? Optional.empty()
                : Optional.of(CoapResponse.error(
                        ResponseCode.METHOD_NOT_ALLOWED,
                        operation + " is not allowed on " + path + " ("
                                + model.get().operations() + ")"));
    }

    // ---- Read / Observe ----

    private CoapResponse read(String endpoint, int ssid, CoapRequest request, LwM2mPath path) throws CodecException {
        DeviceView view = view(endpoint);
        Optional<CoapResponse> refusal =
                decide(view, ssid, Operation.READ, path).or(() -> supported(path, Operation.READ));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<ContentFormat> format = responseFormat(request, path);
        if (format.isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_ACCEPTABLE, "cannot answer in format " + request.accept());
        }
        LwM2mNode node = readable(view, ssid, path);
        return CoapResponse.of(
                ResponseCode.CONTENT, format.get(), encoder.encode(node, path, format.get(), models.get()));
    }

    /** The node at path as the server may see it: an object keeps only the instances it may read. */
    private LwM2mNode readable(DeviceView view, int ssid, LwM2mPath path) {
        LwM2mNode node = view.read(path).orElseThrow();
        if (node instanceof LwM2mObject object) {
            Set<Integer> allowed = acl.instancesAllowing(view, ssid, object.id(), Operation.READ);
            List<ObjectInstance> kept = object.instances().values().stream()
                    .filter(i -> allowed.contains(i.id()))
                    .map(i -> readableInstance(i, object.id()))
                    .toList();
            return LwM2mObject.of(object.id(), kept);
        }
        if (node instanceof ObjectInstance instance) {
            return readableInstance(instance, path.objectId());
        }
        return node;
    }

    /** An instance without its resources that are not readable (executable ones, write-only ones). */
    private ObjectInstance readableInstance(ObjectInstance instance, int objectId) {
        ObjectModelRegistry registry = models.get();
        List<Resource> kept = instance.resources().values().stream()
                .filter(r -> registry.resource(objectId, r.id())
                        .map(m -> m.operations().isReadable())
                        .orElse(true))
                .toList();
        return ObjectInstance.of(instance.id(), kept);
    }

    private Optional<ContentFormat> responseFormat(CoapRequest request, LwM2mPath path) {
        OptionalInt accept = request.accept();
        if (accept.isPresent()) {
            return ContentFormat.fromCode(accept.getAsInt()).filter(encoder::supports);
        }
        if (path.isResource() && !isMultiple(path) || path.isResourceInstance()) {
            Optional<ResourceModel> model = models.get().resource(path.objectId(), path.resourceId());
            if (model.isPresent() && model.get().type() == io.bootgate.api.model.ResourceType.OPAQUE) {
                return Optional.of(ContentFormat.OPAQUE);
            }
            return Optional.of(ContentFormat.TEXT);
        }
        return Optional.of(ContentFormat.TLV);
    }

    private boolean isMultiple(LwM2mPath path) {
        return models.get()
                .resource(path.objectId(), path.resourceId())
                .map(ResourceModel::multiple)
                .orElse(false);
    }

    CoapResponse observe(
            String endpoint,
            int ssid,
            CoapRequest request,
            ObserveRelation relation,
            DeviceRegistrations registrations) {
        CoapResponse response = handle(endpoint, ssid, request, registrations);
        if (!response.isSuccess() || isDiscover(request)) {
            relation.cancel();
            return response;
        }
        LwM2mPath path = LwM2mPath.parse(request.pathString());
        ContentFormat format = ContentFormat.fromCode(response.contentFormat().orElse(ContentFormat.TLV.code()))
                .orElse(ContentFormat.TLV);
        Observation observation = new Observation(endpoint, ssid, path, format, relation);
        synchronized (lock) {
            observation.lastSent = clock.instant();
            observation.lastNumber = numberAt(endpoint, path).orElse(null);
            observations.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(observation);
            schedule(observation);
        }
        relation.cancelled().thenAccept(reason -> forget(observation));
        LOG.info("{}: server {} observes {}", endpoint, ssid, path);
        return response;
    }

    private void forget(Observation observation) {
        synchronized (lock) {
            observation.cancelTimer();
            List<Observation> list = observations.get(observation.endpoint);
            if (list != null) {
                list.remove(observation);
                if (list.isEmpty()) {
                    observations.remove(observation.endpoint);
                }
            }
        }
    }

    /** Number of live observations of a device (for tests and the log). */
    int observationCount(String endpoint) {
        synchronized (lock) {
            return observations.getOrDefault(endpoint, List.of()).size();
        }
    }

    // ---- notification rules (called with the lock held) ----

    private NotificationAttributes effective(Observation observation) {
        NotificationAttributes result = NotificationAttributes.NONE;
        for (int depth = observation.path.depth(); depth >= 1; depth--) {
            NotificationAttributes level = attributes.get(
                    new AttributeKey(observation.endpoint, observation.ssid, observation.path.truncate(depth)));
            if (level != null) {
                result = result.over(level);
            }
        }
        NotificationAttributes defaults = serverDefaults(observation.endpoint, observation.ssid);
        return result.over(defaults);
    }

    private NotificationAttributes serverDefaults(String endpoint, int ssid) {
        try {
            Optional<ObjectInstance> server = serverInstance(store.snapshot(endpoint), ssid);
            Long pmin = server.flatMap(s -> s.value(StandardObjects.Server.DEFAULT_MIN_PERIOD))
                    .map(ResourceValue::longValue)
                    .orElse(null);
            Long pmax = server.flatMap(s -> s.value(StandardObjects.Server.DEFAULT_MAX_PERIOD))
                    .map(ResourceValue::longValue)
                    .orElse(null);
            return new NotificationAttributes(pmin, pmax, null, null, null);
        } catch (StoreException e) {
            return NotificationAttributes.NONE;
        }
    }

    private void evaluate(Observation observation) {
        if (observation.relation.isCancelled()) {
            return;
        }
        NotificationAttributes attrs = effective(observation);
        if (attrs.hasValueConditions()) {
            Optional<Double> now = numberAt(observation.endpoint, observation.path);
            if (now.isPresent()
                    && observation.lastNumber != null
                    && !crossesConditions(attrs, observation.lastNumber, now.get())) {
                return;
            }
        }
        Instant earliest = observation.lastSent.plusSeconds(attrs.pmin() == null ? 0 : attrs.pmin());
        if (clock.instant().isBefore(earliest)) {
            observation.changePending = true;
            schedule(observation);
            return;
        }
        send(observation);
    }

    private static boolean crossesConditions(NotificationAttributes attrs, double last, double now) {
        if (attrs.gt() != null && (last <= attrs.gt()) != (now <= attrs.gt())) {
            return true;
        }
        if (attrs.lt() != null && (last < attrs.lt()) != (now < attrs.lt())) {
            return true;
        }
        return attrs.st() != null && Math.abs(now - last) >= attrs.st();
    }

    private void send(Observation observation) {
        observation.changePending = false;
        try {
            DeviceView view = view(observation.endpoint);
            Optional<LwM2mNode> node = view.read(observation.path);
            if (node.isEmpty()) {
                observation.relation.notify(
                        CoapResponse.error(ResponseCode.NOT_FOUND, observation.path + " no longer exists"), true);
                observation.relation.cancel();
                return;
            }
            byte[] payload = encoder.encode(
                    readable(view, observation.ssid, observation.path),
                    observation.path,
                    observation.format,
                    models.get());
            observation.relation.notify(CoapResponse.of(ResponseCode.CONTENT, observation.format, payload), false);
            observation.lastSent = clock.instant();
            observation.lastNumber =
                    numberAt(observation.endpoint, observation.path).orElse(null);
        } catch (CodecException | StoreException e) {
            LOG.warn("{}: cannot notify {}: {}", observation.endpoint, observation, e.getMessage());
            observation.lastSent = clock.instant();
        }
        schedule(observation);
    }

    private void schedule(Observation observation) {
        observation.cancelTimer();
        if (observation.relation.isCancelled()) {
            return;
        }
        NotificationAttributes attrs = effective(observation);
        Instant due;
        if (observation.changePending) {
            due = observation.lastSent.plusSeconds(attrs.pmin() == null ? 0 : attrs.pmin());
        } else if (attrs.pmax() != null && attrs.pmax() > 0) {
            due = observation.lastSent.plusSeconds(Math.max(attrs.pmax(), attrs.pmin() == null ? 0 : attrs.pmin()));
        } else {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        observation.timer = scheduler.schedule(
                () -> {
                    synchronized (lock) {
                        if (!observation.relation.isCancelled()) {
                            send(observation);
                        }
                    }
                },
                delay,
                TimeUnit.MILLISECONDS);
    }

    private Optional<Double> numberAt(String endpoint, LwM2mPath path) {
        if (!path.isResource() && !path.isResourceInstance()) {
            return Optional.empty();
        }
        try {
            Optional<LwM2mNode> node = view(endpoint).read(path);
            ResourceValue value = null;
            if (node.isPresent() && node.get() instanceof SingleResource single) {
                value = single.value();
            } else if (node.isPresent() && node.get() instanceof ResourceInstance instance) {
                value = instance.value();
            }
            if (value == null) {
                return Optional.empty();
            }
            return switch (value.type()) {
                case INTEGER -> Optional.of((double) value.longValue());
                case UNSIGNED_INTEGER -> Optional.of(value.unsignedValue().doubleValue());
                case FLOAT -> Optional.of(value.doubleValue());
                default -> Optional.empty();
            };
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    // ---- Discover / Write-Attributes ----

    private CoapResponse discover(String endpoint, int ssid, LwM2mPath path) {
        DeviceView view = view(endpoint);
        if (path.isResourceInstance()) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Discover targets an object, instance or resource");
        }
        Optional<CoapResponse> refusal = decide(view, ssid, Operation.DISCOVER, path);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<Link> links = new ArrayList<>();
        LwM2mNode node = view.read(path).orElseThrow();
        ObjectModelRegistry registry = models.get();
        if (node instanceof LwM2mObject object) {
            List<LinkAttribute> objectAttributes = new ArrayList<>();
            registry.object(object.id())
                    .map(ObjectModel::version)
                    .filter(v -> !"1.0".equals(v))
                    .ifPresent(v -> objectAttributes.add(LinkAttribute.of("ver", v)));
            synchronized (lock) {
                objectAttributes.addAll(attributesOf(endpoint, ssid, path).asLinkAttributes());
                links.add(new Link(path.toString(), objectAttributes));
                for (ObjectInstance instance : object.instances().values()) {
                    LwM2mPath instancePath = path.append(instance.id());
                    links.add(new Link(
                            instancePath.toString(),
                            attributesOf(endpoint, ssid, instancePath).asLinkAttributes()));
                    for (Resource resource : instance.resources().values()) {
                        links.add(Link.of(instancePath.append(resource.id())));
                    }
                }
            }
        } else if (node instanceof ObjectInstance instance) {
            synchronized (lock) {
                links.add(new Link(
                        path.toString(), attributesOf(endpoint, ssid, path).asLinkAttributes()));
                for (Resource resource : instance.resources().values()) {
                    LwM2mPath resourcePath = path.append(resource.id());
                    links.add(resourceLink(endpoint, ssid, resourcePath, resource));
                }
            }
        } else if (node instanceof Resource resource) {
            synchronized (lock) {
                links.add(resourceLink(endpoint, ssid, path, resource));
            }
        }
        return CoapResponse.of(ResponseCode.CONTENT, ContentFormat.LINK, linkFormat.serialize(links));
    }

    private Link resourceLink(String endpoint, int ssid, LwM2mPath path, Resource resource) {
        List<LinkAttribute> linkAttributes = new ArrayList<>();
        if (resource instanceof MultipleResource multiple) {
            linkAttributes.add(
                    LinkAttribute.of("dim", Integer.toString(multiple.values().size())));
        }
        linkAttributes.addAll(attributesOf(endpoint, ssid, path).asLinkAttributes());
        return new Link(path.toString(), linkAttributes);
    }

    private NotificationAttributes attributesOf(String endpoint, int ssid, LwM2mPath path) {
        return attributes.getOrDefault(new AttributeKey(endpoint, ssid, path), NotificationAttributes.NONE);
    }

    private CoapResponse writeAttributes(String endpoint, int ssid, CoapRequest request, LwM2mPath path) {
        DeviceView view = view(endpoint);
        Optional<CoapResponse> refusal = decide(view, ssid, Operation.WRITE_ATTRIBUTES, path);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        synchronized (lock) {
            AttributeKey key = new AttributeKey(endpoint, ssid, path);
            NotificationAttributes updated;
            try {
                updated = attributes
                        .getOrDefault(key, NotificationAttributes.NONE)
                        .apply(request.query());
            } catch (NotificationAttributes.InvalidAttributesException e) {
                return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
            }
            if (updated.hasValueConditions() && !(path.isResource() && isNumeric(path))) {
                return CoapResponse.error(
                        ResponseCode.BAD_REQUEST, "gt, lt and st apply to a numeric single resource, not " + path);
            }
            if (updated.isEmpty()) {
                attributes.remove(key);
            } else {
                attributes.put(key, updated);
            }
            List<Observation> list = observations.getOrDefault(endpoint, List.of());
            for (Observation observation : list) {
                if (observation.ssid == ssid && observation.path.startsWith(path)) {
                    schedule(observation);
                }
            }
        }
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    private boolean isNumeric(LwM2mPath path) {
        return models.get()
                .resource(path.objectId(), path.resourceId())
                .filter(m -> !m.multiple())
                .map(m -> switch (m.type()) {
                    case INTEGER, UNSIGNED_INTEGER, FLOAT -> true;
                    default -> false;
                })
                .orElse(false);
    }

    // ---- Write ----

    private CoapResponse write(String endpoint, int ssid, CoapRequest request, LwM2mPath path, WriteMode mode)
            throws CodecException {
        DeviceView view = view(endpoint);
        Optional<CoapResponse> refusal =
                decide(view, ssid, Operation.WRITE, path).or(() -> supported(path, Operation.WRITE));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<ContentFormat> format = request.contentFormat().stream()
                .boxed()
                .findFirst()
                .flatMap(ContentFormat::fromCode)
                .filter(decoder::supports);
        if (format.isEmpty()) {
            return CoapResponse.error(
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "cannot read a payload in format " + request.contentFormat());
        }
        LwM2mNode node = decoder.decode(request.payload(), format.get(), path, models.get());
        if (node instanceof ObjectInstance instance) {
            for (Resource resource : instance.resources().values()) {
                Optional<CoapResponse> notWritable = supported(path.append(resource.id()), Operation.WRITE);
                if (notWritable.isPresent()) {
                    return notWritable.get();
                }
            }
        }
        Optional<AdapterEntry> adapter = adapterFor(endpoint, path.objectId());
        if (adapter.isPresent()) {
            return writeThroughAdapter(endpoint, adapter.get().adapter, path, node);
        }
        try (StoreTransaction tx = store.begin(endpoint, WRITE_WAIT)) {
            if (node instanceof ObjectInstance instance && mode == WriteMode.REPLACE) {
                // Replace covers what the server may write: the read-only resources the device holds stay.
                ObjectInstance current =
                        tx.instance(path.objectId(), path.instanceId()).orElseThrow();
                ObjectInstance merged = instance;
                for (Resource kept : current.resources().values()) {
                    if (supported(path.append(kept.id()), Operation.WRITE).isPresent()) {
                        merged = merged.with(kept);
                    }
                }
                node = merged;
            }
            tx.write(path, node, mode);
            tx.commit();
        }
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    private CoapResponse writeThroughAdapter(
            String endpoint, DeviceDataAdapter adapter, LwM2mPath path, LwM2mNode node) {
        List<SingleResource> values = new ArrayList<>();
        if (node instanceof ObjectInstance instance) {
            for (Resource resource : instance.resources().values()) {
                if (!(resource instanceof SingleResource single)) {
                    return CoapResponse.error(
                            ResponseCode.METHOD_NOT_ALLOWED, "multiple resources of adapter objects are not writable");
                }
                values.add(single);
            }
        } else if (node instanceof SingleResource single) {
            values.add(single);
        } else {
            return CoapResponse.error(
                    ResponseCode.METHOD_NOT_ALLOWED, "multiple resources of adapter objects are not writable");
        }
        LwM2mPath instancePath = path.truncate(2);
        for (SingleResource single : values) {
            ResponseCode code = adapter.write(endpoint, instancePath.append(single.id()), single.value());
            if (!code.isSuccess()) {
                return CoapResponse.error(code, "the device refused " + instancePath.append(single.id()));
            }
        }
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    // ---- Execute ----

    private CoapResponse execute(
            String endpoint, int ssid, CoapRequest request, LwM2mPath path, DeviceRegistrations registrations) {
        DeviceView view = view(endpoint);
        Optional<CoapResponse> refusal =
                decide(view, ssid, Operation.EXECUTE, path).or(() -> supported(path, Operation.EXECUTE));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        String arguments = new String(request.payload(), java.nio.charset.StandardCharsets.UTF_8);
        Optional<AdapterEntry> adapter = adapterFor(endpoint, path.objectId());
        if (adapter.isPresent()) {
            ResponseCode code = adapter.get().adapter.execute(endpoint, path, arguments);
            return code.isSuccess() ? CoapResponse.of(code) : CoapResponse.error(code, "the device refused it");
        }
        if (path.objectId() == StandardObjects.Server.ID) {
            return executeServer(endpoint, ssid, view, path, registrations);
        }
        if (path.objectId() == StandardObjects.Device.ID && path.resourceId() == StandardObjects.Device.REBOOT) {
            LOG.info("{}: server {} executed Reboot; the proxied device keeps running", endpoint, ssid);
            return CoapResponse.of(ResponseCode.CHANGED);
        }
        return CoapResponse.error(ResponseCode.NOT_IMPLEMENTED, "no action behind " + path);
    }

    private CoapResponse executeServer(
            String endpoint, int ssid, TreeView view, LwM2mPath path, DeviceRegistrations registrations) {
        int targetSsid = view.value(
                        LwM2mPath.of(path.objectId(), path.instanceId(), StandardObjects.Server.SHORT_SERVER_ID))
                .map(v -> (int) v.longValue())
                .orElse(-1);
        switch (path.resourceId()) {
            case StandardObjects.Server.REGISTRATION_UPDATE_TRIGGER, StandardObjects.Server.DISABLE -> {
                // The registrations of the session the request came through (null when the caller has none).
                DeviceRegistrations current = registrations;
                if (current == null || targetSsid < 0) {
                    return CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, "registration is not running");
                }
                boolean done = path.resourceId() == StandardObjects.Server.DISABLE
                        ? current.disable(endpoint, targetSsid)
                        : current.triggerUpdate(endpoint, targetSsid);
                LOG.info("{}: server {} executed {} -> {}", endpoint, ssid, path, done);
                return done
                        ? CoapResponse.of(ResponseCode.CHANGED)
                        : CoapResponse.error(ResponseCode.NOT_FOUND, "no registration with server " + targetSsid);
            }
            case StandardObjects.Server.BOOTSTRAP_REQUEST_TRIGGER -> {
                BootstrapRequestTrigger trigger = bootstrapTrigger;
                if (trigger == null) {
                    return CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, "the bootstrap engine is not running");
                }
                TriggerResult result = trigger.execute(endpoint, path.instanceId(), ssid);
                LOG.info(
                        "{}: server {} executed {} -> {} ({})",
                        endpoint,
                        ssid,
                        path,
                        result.code().dotted(),
                        result.reason());
                return result.accepted()
                        ? CoapResponse.of(result.code())
                        : CoapResponse.error(result.code(), result.reason());
            }
            default -> {
                return CoapResponse.error(ResponseCode.NOT_IMPLEMENTED, "no action behind " + path);
            }
        }
    }

    // ---- Create / Delete ----

    private CoapResponse create(String endpoint, int ssid, CoapRequest request, LwM2mPath path) throws CodecException {
        DeviceView view = view(endpoint);
        if (models.get().object(path.objectId()).isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "object " + path.objectId() + " is not defined");
        }
        if (adapterFor(endpoint, path.objectId()).isPresent()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "the device's own objects are not created");
        }
        AccessDecision decision = acl.check(view, Requester.server(ssid), Operation.CREATE, path);
        if (!decision.granted()) {
            return CoapResponse.error(decision.denialCode().orElseThrow(), decision.reason());
        }
        Optional<ContentFormat> format = request.contentFormat().stream()
                .boxed()
                .findFirst()
                .flatMap(ContentFormat::fromCode)
                .filter(decoder::supports);
        if (format.isEmpty()) {
            return CoapResponse.error(
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                    "cannot read a payload in format " + request.contentFormat());
        }
        try (StoreTransaction tx = store.begin(endpoint, WRITE_WAIT)) {
            ObjectInstance instance = decodeNewInstance(request.payload(), format.get(), path, tx);
            if (tx.instance(path.objectId(), instance.id()).isPresent()) {
                return CoapResponse.error(ResponseCode.BAD_REQUEST, path.append(instance.id()) + " exists");
            }
            if (serverCount(tx) > 1) {
                acl.createInstance(tx, ssid, path.objectId(), instance);
            } else {
                tx.create(path.objectId(), instance);
            }
            tx.commit();
            LOG.info("{}: server {} created {}", endpoint, ssid, path.append(instance.id()));
            return CoapResponse.of(ResponseCode.CREATED)
                    .withLocationPath(path.append(instance.id()).toString());
        }
    }

    private ObjectInstance decodeNewInstance(byte[] payload, ContentFormat format, LwM2mPath path, StoreTransaction tx)
            throws CodecException {
        try {
            LwM2mNode node = decoder.decode(payload, format, path, models.get());
            if (node instanceof LwM2mObject object && object.instances().size() == 1) {
                return object.instances().values().iterator().next();
            }
            if (node instanceof ObjectInstance instance) {
                return instance;
            }
        } catch (CodecException e) {
            LOG.debug("Create payload is not a whole object, reading it as resources: {}", e.getMessage());
        }
        LwM2mPath newInstance = path.append(tx.nextInstanceId(path.objectId()));
        LwM2mNode node = decoder.decode(payload, format, newInstance, models.get());
        if (node instanceof ObjectInstance instance) {
            return instance;
        }
        throw new CodecException(
                CodecException.Kind.INVALID_STRUCTURE,
                format,
                "a Create payload holds one object instance, not "
                        + node.getClass().getSimpleName());
    }

    private CoapResponse delete(String endpoint, int ssid, LwM2mPath path) {
        if (!path.isObjectInstance()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "Delete targets an object instance");
        }
        if (path.objectId() == StandardObjects.Device.ID) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "the Device object instance is never deleted");
        }
        DeviceView view = view(endpoint);
        Optional<CoapResponse> refusal = decide(view, ssid, Operation.DELETE, path);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (adapterFor(endpoint, path.objectId()).isPresent()) {
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "the device's own objects are not deleted");
        }
        try (StoreTransaction tx = store.begin(endpoint, WRITE_WAIT)) {
            acl.deleteInstance(tx, path);
            tx.commit();
        }
        LOG.info("{}: server {} deleted {}", endpoint, ssid, path);
        return CoapResponse.of(ResponseCode.DELETED);
    }

    // ---- the device's view ----

    private static int serverCount(TreeView tree) {
        return tree.object(StandardObjects.Server.ID)
                .map(o -> o.instances().size())
                .orElse(0);
    }

    private static Optional<ObjectInstance> serverInstance(TreeView tree, int ssid) {
        return tree.object(StandardObjects.Server.ID).flatMap(o -> o.instances().values().stream()
                .filter(i -> i.value(StandardObjects.Server.SHORT_SERVER_ID)
                        .map(v -> v.longValue() == ssid)
                        .orElse(false))
                .findFirst());
    }

    private Optional<AdapterEntry> adapterFor(String endpoint, int objectId) {
        for (AdapterEntry entry : adapters) {
            if (entry.serves(endpoint) && entry.adapter.objectIds(endpoint).contains(objectId)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private DeviceView view(String endpoint) {
        return new DeviceView(store.snapshot(endpoint));
    }

    /** The store's tree with the adapters' objects and the default Device instance laid over it. */
    private final class DeviceView implements TreeView {
        private final TreeView stored;
        private SortedMap<Integer, LwM2mObject> objects;

        DeviceView(TreeView stored) {
            this.stored = stored;
        }

        @Override
        public String endpoint() {
            return stored.endpoint();
        }

        @Override
        public long revision() {
            return stored.revision();
        }

        @Override
        public SortedMap<Integer, LwM2mObject> objects() {
            if (objects == null) {
                SortedMap<Integer, LwM2mObject> all = new TreeMap<>(stored.objects());
                all.putIfAbsent(
                        StandardObjects.Device.ID,
                        LwM2mObject.of(StandardObjects.Device.ID, deviceDefaults.instanceFor(endpoint())));
                for (AdapterEntry entry : adapters) {
                    if (entry.serves(endpoint())) {
                        for (int objectId : entry.adapter.objectIds(endpoint())) {
                            all.put(objectId, LwM2mObject.of(objectId, entry.adapter.read(endpoint(), objectId)));
                        }
                    }
                }
                objects = java.util.Collections.unmodifiableSortedMap(all);
            }
            return objects;
        }
    }
}
