/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.acl.UnbootstrapReport;
import io.bootgate.api.bootstrap.FinishResult;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkAttribute;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.store.WriteRejectedException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LwM2M client side of the Bootstrap interface (Core 1.1, 5.2.7 and 6.1.7), served against the store
 * transaction of a bootstrap attempt: Bootstrap-Discover, -Read, -Write, -Delete and -Finish.
 * <p>
 * Every refused request is answered with the CoAP error code of the specification, a diagnostic for the
 * bootstrap server and a log line naming the device and the cause. Payload values are never logged: they
 * carry keys.
 */
final class BootstrapInterfaceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapInterfaceHandler.class);

    /** The LwM2M version announced by Bootstrap-Discover ({@code </>;lwm2m=1.1}). */
    static final String LWM2M_VERSION = "1.1";

    /** Format of a Bootstrap-Read answer when the server sends no Accept: understood by 1.0 and 1.1 servers. */
    private static final ContentFormat DEFAULT_READ_FORMAT = ContentFormat.TLV;

    /** Longest 4.06 diagnostic: the reasons must fit a datagram with the DTLS and CoAP headers. */
    private static final int MAX_DIAGNOSTIC = 900;

    private final AccessControlService acl;
    private final LwM2mEncoder encoder;
    private final LwM2mDecoder decoder;
    private final LinkFormat linkFormat;
    /** Read at each use: object definitions added at run time apply to later bootstraps. */
    private final Supplier<ObjectModelRegistry> models;

    BootstrapInterfaceHandler(
            AccessControlService acl,
            LwM2mEncoder encoder,
            LwM2mDecoder decoder,
            LinkFormat linkFormat,
            Supplier<ObjectModelRegistry> models) {
        this.acl = acl;
        this.encoder = encoder;
        this.decoder = decoder;
        this.linkFormat = linkFormat;
        this.models = models;
    }

    CompletionStage<CoapResponse> handle(Attempt attempt, PeerIdentity peer, CoapRequest request) {
        CoapResponse response;
        try {
            response = dispatch(attempt, request);
        } catch (RuntimeException e) {
            LOG.warn(
                    "device {}: {} from bootstrap server {} failed: {}",
                    attempt.endpoint(),
                    request,
                    describe(peer),
                    e.toString(),
                    e);
            response = CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "internal error");
        }
        if (!response.isSuccess()) {
            LOG.info(
                    "device {}: {} from bootstrap server {} answered {}",
                    attempt.endpoint(),
                    request,
                    describe(peer),
                    response);
        } else {
            LOG.debug("device {}: {} answered {}", attempt.endpoint(), request, response.code());
        }
        return CompletableFuture.completedFuture(response);
    }

    private static String describe(PeerIdentity peer) {
        return peer == null ? "(local)" : peer.describe();
    }

    private CoapResponse dispatch(Attempt attempt, CoapRequest request) {
        if (request.path().equals(List.of("bs"))) {
            // Not under the attempt's lock: finish() takes it itself and completes finished() after releasing
            // it, so the mode's callbacks never run while the attempt is locked.
            return switch (request.method()) {
                case POST -> finish(attempt);
                default -> CoapResponse.error(
                        ResponseCode.METHOD_NOT_ALLOWED, "only POST (Bootstrap-Finish) is allowed on /bs");
            };
        }
        synchronized (attempt) {
            if (!attempt.acceptCommand()) {
                return CoapResponse.error(ResponseCode.BAD_REQUEST, "no bootstrap in progress on this device");
            }
            LwM2mPath path;
            try {
                path = LwM2mPath.parse(request.pathString());
            } catch (IllegalArgumentException e) {
                return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
            }
            StoreTransaction tx = attempt.transaction();
            return switch (request.method()) {
                case GET -> isLinkFormat(request.accept()) ? discover(tx, path) : read(tx, path, request.accept());
                case PUT -> write(tx, path, request);
                case DELETE -> delete(attempt, tx, path);
                default -> CoapResponse.error(
                        ResponseCode.METHOD_NOT_ALLOWED,
                        request.method() + " is not an operation of the Bootstrap interface");
            };
        }
    }

    private static boolean isLinkFormat(OptionalInt accept) {
        return accept.isPresent() && accept.getAsInt() == ContentFormat.LINK.code();
    }

    private static CoapResponse finish(Attempt attempt) {
        FinishResult result = attempt.finish();
        if (result.isSuccess()) {
            return CoapResponse.of(ResponseCode.CHANGED);
        }
        String diagnostic = String.join("; ", result.reasons());
        if (diagnostic.length() > MAX_DIAGNOSTIC) {
            diagnostic = diagnostic.substring(0, MAX_DIAGNOSTIC) + "…";
        }
        return CoapResponse.error(result.code(), diagnostic);
    }

    /** Bootstrap-Discover on {@code /} or {@code /o}. */
    private CoapResponse discover(StoreTransaction tx, LwM2mPath path) {
        if (path.depth() > 1) {
            return CoapResponse.error(
                    ResponseCode.BAD_REQUEST, "Bootstrap-Discover targets / or an object, not " + path);
        }
        List<ObjectModel> objects = new ArrayList<>();
        if (path.isRoot()) {
            objects.addAll(models.get().objects());
        } else {
            Optional<ObjectModel> model = models.get().object(path.objectId());
            if (model.isEmpty()) {
                return CoapResponse.error(ResponseCode.NOT_FOUND, "object " + path.objectId() + " is not supported");
            }
            objects.add(model.get());
        }
        List<Link> links = new ArrayList<>();
        links.add(Link.of("/", LinkAttribute.of("lwm2m", LWM2M_VERSION)));
        for (ObjectModel model : objects) {
            Map<Integer, ObjectInstance> instances = ResourceReader.instances(tx, model.id());
            if (instances.isEmpty()) {
                links.add(Link.of(LwM2mPath.of(model.id())));
                continue;
            }
            for (ObjectInstance instance : instances.values()) {
                links.add(
                        new Link(LwM2mPath.of(model.id(), instance.id()).toString(), attributes(model.id(), instance)));
            }
        }
        return CoapResponse.of(ResponseCode.CONTENT, ContentFormat.LINK, linkFormat.serialize(links));
    }

    /** Security instances of LwM2M servers carry ssid and uri, Server instances ssid; the bootstrap account nothing. */
    private static List<LinkAttribute> attributes(int objectId, ObjectInstance instance) {
        List<LinkAttribute> attributes = new ArrayList<>();
        if (objectId == Security.ID
                && !ResourceReader.bool(instance, Security.BOOTSTRAP_SERVER).orElse(false)) {
            ResourceReader.integer(instance, Security.SHORT_SERVER_ID)
                    .ifPresent(ssid -> attributes.add(LinkAttribute.of("ssid", Long.toString(ssid))));
            ResourceReader.string(instance, Security.SERVER_URI)
                    .ifPresent(uri -> attributes.add(LinkAttribute.quoted("uri", uri)));
        } else if (objectId == Server.ID) {
            ResourceReader.integer(instance, Server.SHORT_SERVER_ID)
                    .ifPresent(ssid -> attributes.add(LinkAttribute.of("ssid", Long.toString(ssid))));
        }
        return attributes;
    }

    /** Bootstrap-Read: the Server and Access Control objects only (Core 1.1, 5.2.7.2). */
    private CoapResponse read(StoreTransaction tx, LwM2mPath path, OptionalInt accept) {
        if (path.isRoot() || path.depth() > 2 || path.objectId() != Server.ID && path.objectId() != AccessControl.ID) {
            return CoapResponse.error(
                    ResponseCode.BAD_REQUEST,
                    "Bootstrap-Read targets the Server (/1) or Access Control (/2) object or one of their instances, not "
                            + path);
        }
        ContentFormat format = DEFAULT_READ_FORMAT;
        if (accept.isPresent()) {
            Optional<ContentFormat> asked = ContentFormat.fromCode(accept.getAsInt());
            if (asked.isEmpty() || !encoder.supports(asked.get())) {
                return CoapResponse.error(
                        ResponseCode.NOT_ACCEPTABLE,
                        "content format " + accept.getAsInt() + " is not supported for Bootstrap-Read");
            }
            format = asked.get();
        }
        Optional<LwM2mNode> node = tx.read(path);
        if (node.isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, path + " does not exist");
        }
        try {
            return CoapResponse.of(
                    ResponseCode.CONTENT, format, encoder.encode(node.get(), path, format, models.get()));
        } catch (CodecException e) {
            LOG.warn(
                    "device {}: Bootstrap-Read of {} could not be encoded as {}: {}",
                    tx.endpoint(),
                    path,
                    format,
                    e.getMessage());
            return CoapResponse.error(
                    e.kind() == CodecException.Kind.UNSUPPORTED_FORMAT
                            ? ResponseCode.NOT_ACCEPTABLE
                            : ResponseCode.INTERNAL_SERVER_ERROR,
                    e.getMessage());
        }
    }

    /**
     * Bootstrap-Write on an object, an instance or a resource. Objects and instances are updated: what the
     * payload does not name is kept, because later bootstraps may carry any subset of the configuration. A
     * resource is replaced.
     */
    private CoapResponse write(StoreTransaction tx, LwM2mPath path, CoapRequest request) {
        if (path.isRoot() || path.depth() > 3) {
            return CoapResponse.error(
                    ResponseCode.BAD_REQUEST,
                    "Bootstrap-Write targets an object, an object instance or a resource, not " + path);
        }
        if (models.get().object(path.objectId()).isEmpty()) {
            return CoapResponse.error(ResponseCode.NOT_FOUND, "object " + path.objectId() + " is not supported");
        }
        OptionalInt code = request.contentFormat();
        if (code.isEmpty()) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "Bootstrap-Write without Content-Format");
        }
        Optional<ContentFormat> format = ContentFormat.fromCode(code.getAsInt());
        if (format.isEmpty() || !decoder.supports(format.get())) {
            return CoapResponse.error(
                    ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "content format " + code.getAsInt() + " is not supported");
        }
        LwM2mNode node;
        try {
            node = decoder.decode(request.payload(), format.get(), path, models.get());
        } catch (CodecException e) {
            return CoapResponse.error(e.kind().responseCode(), e.getMessage());
        }
        try {
            tx.write(path, node, path.isResource() ? WriteMode.REPLACE : WriteMode.UPDATE);
        } catch (WriteRejectedException e) {
            return CoapResponse.error(e.responseCode(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    /**
     * Bootstrap-Delete on {@code /}, an object or an instance. The Bootstrap-Server account and the Device
     * instance /3/0 are never deleted: a request naming them alone is refused, a wider one spares them. A
     * deleted Security or Server instance of an LwM2M server unbootstraps that server (Core E.1.3) through the
     * ACL service: its Access Control entries and ownerships go with it.
     */
    private CoapResponse delete(Attempt attempt, StoreTransaction tx, LwM2mPath path) {
        if (path.depth() > 2) {
            return CoapResponse.error(
                    ResponseCode.BAD_REQUEST,
                    "Bootstrap-Delete targets /, an object or an object instance, not " + path);
        }
        if (path.isObjectInstance()) {
            if (isDeviceInstance(path)) {
                return CoapResponse.error(ResponseCode.BAD_REQUEST, "/3/0 is never deleted");
            }
            if (isBootstrapAccount(tx, path)) {
                return CoapResponse.error(ResponseCode.BAD_REQUEST, "the Bootstrap-Server account is never deleted");
            }
        }
        SortedSet<LwM2mPath> targets = new TreeSet<>();
        for (Map.Entry<Integer, io.bootgate.api.model.LwM2mObject> object :
                tx.objects().entrySet()) {
            for (ObjectInstance instance : object.getValue().instances().values()) {
                LwM2mPath candidate = LwM2mPath.of(object.getKey(), instance.id());
                if (candidate.startsWith(path) && !isDeviceInstance(candidate) && !isBootstrapAccount(tx, candidate)) {
                    targets.add(candidate);
                }
            }
        }
        SortedSet<Integer> servers = new TreeSet<>();
        for (LwM2mPath target : targets) {
            ssidOfAccount(tx, target).ifPresent(servers::add);
        }
        for (int ssid : servers) {
            UnbootstrapReport report = acl.removeServer(tx, ssid);
            LOG.info(
                    "device {}: Bootstrap-Delete of {} unbootstrapped server {}: deleted {}, ACL entries removed {},"
                            + " new owners {}",
                    attempt.endpoint(),
                    path,
                    ssid,
                    report.deletedInstances(),
                    report.removedAclEntries(),
                    report.newOwners());
        }
        for (LwM2mPath target : targets) {
            // The unbootstrapping above may already have removed it; delete() then reports false, which is fine.
            tx.delete(target);
        }
        return CoapResponse.of(ResponseCode.DELETED);
    }

    private static boolean isDeviceInstance(LwM2mPath path) {
        return path.isObjectInstance() && path.objectId() == Device.ID && path.instanceId() == 0;
    }

    private static boolean isBootstrapAccount(StoreTransaction tx, LwM2mPath path) {
        return path.isObjectInstance()
                && path.objectId() == Security.ID
                && tx.instance(Security.ID, path.instanceId())
                        .flatMap(i -> ResourceReader.bool(i, Security.BOOTSTRAP_SERVER))
                        .orElse(false);
    }

    /** The Short Server ID of a management Security instance or of a Server instance, when valid. */
    private static Optional<Integer> ssidOfAccount(StoreTransaction tx, LwM2mPath path) {
        int resource;
        if (path.objectId() == Security.ID) {
            resource = Security.SHORT_SERVER_ID;
        } else if (path.objectId() == Server.ID) {
            resource = Server.SHORT_SERVER_ID;
        } else {
            return Optional.empty();
        }
        OptionalLong ssid = tx.instance(path.objectId(), path.instanceId())
                .map(i -> ResourceReader.integer(i, resource))
                .orElse(OptionalLong.empty());
        return ssid.isPresent() && ssid.getAsLong() >= 1 && ssid.getAsLong() <= 65534
                ? Optional.of((int) ssid.getAsLong())
                : Optional.empty();
    }
}
