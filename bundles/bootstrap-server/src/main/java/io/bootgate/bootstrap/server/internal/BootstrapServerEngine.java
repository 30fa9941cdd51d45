/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.codec.PathValue;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.bootstrap.server.internal.session.BootstrapSession;
import io.bootgate.bootstrap.server.internal.session.DeviceChannel;
import io.bootgate.bootstrap.server.internal.session.DeviceOperation;
import io.bootgate.bootstrap.server.internal.session.PlanException;
import io.bootgate.bootstrap.server.internal.session.SessionEvents;
import io.bootgate.bootstrap.server.internal.session.SessionPlanner;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol side of the bootstrap server, without OSGi and without the network: answers Bootstrap-Request
 * and Bootstrap-Pack-Request, runs one {@link BootstrapSession} per endpoint (a new request cancels the old
 * session) and starts server-initiated sessions. The DTLS endpoint hands it requests
 * ({@link CoapRequestHandler}); sessions reach clients through the {@link DeviceChannel}s the channel factory
 * makes.
 */
public final class BootstrapServerEngine implements CoapRequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapServerEngine.class);
    static final String BOOTSTRAP_PATH = "bs";
    static final String PACK_PATH = "bspack";

    /** Server-wide settings. */
    public record Settings(ContentFormat defaultFormat, Duration sessionTimeout) {
        public Settings {
            Objects.requireNonNull(defaultFormat, "defaultFormat");
            if (!BootstrapConfig.WRITE_FORMATS.contains(defaultFormat)) {
                throw new IllegalArgumentException("default content format " + defaultFormat
                        + " cannot carry Bootstrap-Writes; use one of " + BootstrapConfig.WRITE_FORMATS);
            }
            if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
                throw new IllegalArgumentException("session timeout must be positive: " + sessionTimeout);
            }
        }
    }

    private final BootstrapConfigStore store;
    private final Function<InetSocketAddress, DeviceChannel> channels;
    private final LwM2mEncoder encoder;
    private final ScheduledExecutorService scheduler;
    private final Settings settings;
    private final SessionEvents events;
    private final Clock clock;
    /** The last session id handed out; see {@link #nextSessionId(long, long)}. */
    private final AtomicLong sessionIds = new AtomicLong();

    private final Map<String, BootstrapSession> sessions = new ConcurrentHashMap<>();
    private final PeerSessions peers;
    private volatile boolean closed;

    public BootstrapServerEngine(
            BootstrapConfigStore store,
            Function<InetSocketAddress, DeviceChannel> channels,
            PeerSessions peers,
            LwM2mEncoder encoder,
            ScheduledExecutorService scheduler,
            Settings settings,
            SessionEvents events,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private long nextSessionId() {
        long now = clock.millis();
        return sessionIds.updateAndGet(last -> nextSessionId(last, now));
    }

    /**
     * A session id is the start time in epoch milliseconds, or one more than the previous id when several
     * sessions start in the same millisecond. Ids thus never repeat across restarts of the server (a counter
     * from 1 would, and the log of a gateway running for years mixes sessions of many starts), and an id tells
     * when its session started.
     */
    static long nextSessionId(long last, long nowMillis) {
        return Math.max(last + 1, nowMillis);
    }

    @Override
    public CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request) {
        return CompletableFuture.completedFuture(answer(peer, request));
    }

    CoapResponse answer(PeerIdentity peer, CoapRequest request) {
        if (closed) {
            return CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, "bootstrap server is stopping");
        }
        List<String> path = request.path();
        if (path.equals(List.of(BOOTSTRAP_PATH)) && request.method() == CoapMethod.POST) {
            return bootstrapRequest(peer, request);
        }
        if (path.equals(List.of(PACK_PATH)) && request.method() == CoapMethod.GET) {
            return packRequest(peer, request);
        }
        if (path.equals(List.of(BOOTSTRAP_PATH)) || path.equals(List.of(PACK_PATH))) {
            LOG.warn("{} from {} refused: method not allowed", request, peer.describe());
            return CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "use POST /bs or GET /bspack");
        }
        LOG.warn("{} from {} refused: no such resource on a bootstrap server", request, peer.describe());
        return CoapResponse.error(ResponseCode.NOT_FOUND, "a bootstrap server serves POST /bs and GET /bspack");
    }

    /** What a request's {@code ep} names, checked against the config store and the DTLS identity. */
    private record Authorised(BootstrapConfig config, CoapResponse refusal) {}

    private Authorised authorise(PeerIdentity peer, CoapRequest request, String what) {
        Optional<String> ep = request.queryParameter("ep");
        if (ep.isEmpty() || ep.get().isEmpty()) {
            LOG.warn("{} from {} refused: no endpoint name (ep=)", what, peer.describe());
            return new Authorised(null, CoapResponse.error(ResponseCode.BAD_REQUEST, "missing ep parameter"));
        }
        String endpoint = ep.get();
        Optional<BootstrapConfig> config = store.get(endpoint);
        if (config.isEmpty()) {
            LOG.warn(
                    "{} of {} from {} refused: no bootstrap config for this endpoint", what, endpoint, peer.describe());
            return new Authorised(null, CoapResponse.error(ResponseCode.BAD_REQUEST, "unknown endpoint"));
        }
        if (!ConfigTrust.matches(config.get(), peer)) {
            LOG.warn(
                    "{} of {} from {} refused: the DTLS identity is not the one configured for this endpoint",
                    what,
                    endpoint,
                    peer.describe());
            return new Authorised(
                    null,
                    CoapResponse.error(ResponseCode.BAD_REQUEST, "endpoint name does not match the DTLS identity"));
        }
        return new Authorised(config.get(), null);
    }

    private CoapResponse bootstrapRequest(PeerIdentity peer, CoapRequest request) {
        Authorised authorised = authorise(peer, request, "Bootstrap-Request");
        if (authorised.refusal() != null) {
            return authorised.refusal();
        }
        BootstrapConfig config = authorised.config();
        ContentFormat format = config.contentFormat().orElse(settings.defaultFormat());
        Optional<String> pct = request.queryParameter("pct");
        if (pct.isPresent()) {
            Optional<ContentFormat> preferred = parseFormat(pct.get());
            if (preferred.isEmpty() || !BootstrapConfig.WRITE_FORMATS.contains(preferred.get())) {
                LOG.warn(
                        "Bootstrap-Request of {} from {} refused: preferred content format pct={} is not one of {}",
                        config.endpoint(),
                        peer.describe(),
                        pct.get(),
                        BootstrapConfig.WRITE_FORMATS);
                return CoapResponse.error(
                        ResponseCode.UNSUPPORTED_CONTENT_FORMAT,
                        "pct must be 11542 (TLV), 110 (SenML-JSON) or 112 (SenML-CBOR)");
            }
            format = preferred.get();
        }
        BootstrapSession session = newSession(
                config,
                format,
                SessionTrigger.BOOTSTRAP_REQUEST,
                peer.address(),
                "a new Bootstrap-Request from " + peer.address());
        // The 2.04 goes out when this handler returns; the session's first request follows from the executor.
        scheduler.execute(session::start);
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    private static Optional<ContentFormat> parseFormat(String text) {
        try {
            return ContentFormat.fromCode(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private BootstrapSession newSession(
            BootstrapConfig config,
            ContentFormat format,
            SessionTrigger trigger,
            InetSocketAddress address,
            String supersededBy) {
        BootstrapSession session = new BootstrapSession(
                nextSessionId(),
                config,
                format,
                trigger,
                address,
                channels.apply(address),
                events,
                scheduler,
                settings.sessionTimeout(),
                clock);
        BootstrapSession previous = sessions.put(config.endpoint(), session);
        if (previous != null) {
            previous.cancel("superseded by " + supersededBy);
        }
        session.completion().thenRun(() -> sessions.remove(config.endpoint(), session));
        return session;
    }

    private CoapResponse packRequest(PeerIdentity peer, CoapRequest request) {
        Authorised authorised = authorise(peer, request, "Bootstrap-Pack-Request");
        if (authorised.refusal() != null) {
            return authorised.refusal();
        }
        BootstrapConfig config = authorised.config();
        String endpoint = config.endpoint();
        if (!config.resetServers().isEmpty() || !config.reads().isEmpty()) {
            LOG.info(
                    "Bootstrap-Pack-Request of {} refused: its config needs an interactive session (reset or reads);"
                            + " the client falls back to a Bootstrap-Request",
                    endpoint);
            return CoapResponse.error(ResponseCode.BAD_REQUEST, "this configuration needs a Bootstrap-Request");
        }
        ContentFormat format =
                config.contentFormat().filter(f -> f != ContentFormat.TLV).orElse(ContentFormat.SENML_CBOR);
        OptionalInt accept = request.accept();
        if (accept.isPresent()) {
            Optional<ContentFormat> asked = ContentFormat.fromCode(accept.getAsInt());
            if (asked.isEmpty()
                    || (asked.get() != ContentFormat.SENML_CBOR && asked.get() != ContentFormat.SENML_JSON)) {
                LOG.warn(
                        "Bootstrap-Pack-Request of {} from {} refused: a pack is SenML-CBOR or SenML-JSON, not {}",
                        endpoint,
                        peer.describe(),
                        accept.getAsInt());
                return CoapResponse.error(ResponseCode.NOT_ACCEPTABLE, "a Bootstrap-Pack is SenML-CBOR or SenML-JSON");
            }
            format = asked.get();
        }
        long id = nextSessionId();
        BootstrapSession running = sessions.remove(endpoint);
        if (running != null) {
            running.cancel("superseded by a Bootstrap-Pack-Request from " + peer.address());
        }
        publish(new BootstrapSessionEvent.Started(
                endpoint, id, clock.instant(), SessionTrigger.PACK_REQUEST, peer.address(), format));
        byte[] pack;
        try {
            pack = encoder.encodeValues(packValues(config), format);
        } catch (PlanException | CodecException e) {
            LOG.error("Bootstrap-Pack of {} cannot be built: {}", endpoint, e.getMessage());
            publish(new BootstrapSessionEvent.Ended(
                    endpoint, id, clock.instant(), SessionOutcome.FAILED, "pack cannot be built: " + e.getMessage()));
            return CoapResponse.error(ResponseCode.INTERNAL_SERVER_ERROR, "bootstrap pack cannot be built");
        }
        publish(new BootstrapSessionEvent.Step(
                endpoint,
                id,
                clock.instant(),
                BootstrapOperation.PACK,
                LwM2mPath.root(),
                ResponseCode.CONTENT,
                Optional.empty(),
                Optional.empty()));
        publish(new BootstrapSessionEvent.Ended(
                endpoint,
                id,
                clock.instant(),
                SessionOutcome.SUCCEEDED,
                "Bootstrap-Pack of " + pack.length + " bytes sent"));
        LOG.info("Bootstrap-Pack of {} sent to {} ({} bytes, {})", endpoint, peer.address(), pack.length, format);
        return CoapResponse.of(ResponseCode.CONTENT, format, pack);
    }

    /**
     * The pack: every value the config writes, numbered as without a Discover. Deletes cannot be carried in a
     * pack; a client applies it over its current state.
     */
    static List<PathValue> packValues(BootstrapConfig config) throws PlanException {
        Map<LwM2mPath, PathValue> values = new LinkedHashMap<>();
        for (DeviceOperation operation : SessionPlanner.plan(config, Optional.empty(), Optional.empty())) {
            if (operation instanceof DeviceOperation.Write write) {
                flatten(write.path(), write.node(), values);
            }
        }
        return new ArrayList<>(values.values());
    }

    private static void flatten(LwM2mPath path, LwM2mNode node, Map<LwM2mPath, PathValue> into) {
        if (node instanceof LwM2mObject object) {
            object.instances().forEach((id, instance) -> flatten(path.append(id), instance, into));
        } else if (node instanceof ObjectInstance instance) {
            instance.resources().forEach((id, resource) -> flatten(path.append(id), resource, into));
        } else if (node instanceof SingleResource single) {
            into.put(path, new PathValue(path, single.value()));
        } else if (node instanceof MultipleResource multiple) {
            multiple.values().forEach((id, value) -> into.put(path.append(id), new PathValue(path.append(id), value)));
        } else if (node instanceof Resource) {
            throw new IllegalStateException("unknown resource kind " + node);
        }
    }

    private void publish(BootstrapSessionEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.warn("Session listener failed on {} of {}", event.getClass().getSimpleName(), event.endpoint(), e);
        }
    }

    /**
     * Server-initiated bootstrap of the client at an address: see
     * {@link io.bootgate.api.bsserver.BootstrapServer#bootstrap(String, InetSocketAddress)}.
     */
    public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint, InetSocketAddress clientAddress) {
        Optional<BootstrapConfig> config = configForPush(endpoint);
        if (config.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no bootstrap config for " + endpoint));
        }
        Optional<PeerIdentity> identity = peers.peerIdentity(clientAddress);
        if (identity.isEmpty()) {
            LOG.warn(
                    "Server-initiated bootstrap of {} at {} refused: no DTLS session is established at that address"
                            + " (the LwM2M client is always the DTLS client: it must connect first)",
                    endpoint,
                    clientAddress);
            return CompletableFuture.failedFuture(new IllegalStateException("no DTLS session established at "
                    + clientAddress + ": the client must connect to the bootstrap server first"));
        }
        if (!ConfigTrust.matches(config.get(), identity.get())) {
            LOG.warn(
                    "Server-initiated bootstrap of {} at {} refused: the DTLS identity there ({}) is not {}",
                    endpoint,
                    clientAddress,
                    identity.get().describe(),
                    endpoint);
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "the DTLS identity at " + clientAddress + " is not the one configured for " + endpoint));
        }
        return push(config.get(), identity.get());
    }

    /**
     * Server-initiated bootstrap of the most recent client authenticated as the endpoint: see
     * {@link io.bootgate.api.bsserver.BootstrapServer#bootstrap(String)}. The session lookup visits every DTLS
     * session, so it runs on the session executor, not on the caller's thread.
     */
    public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint) {
        Optional<BootstrapConfig> config = configForPush(endpoint);
        if (config.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no bootstrap config for " + endpoint));
        }
        return CompletableFuture.supplyAsync(
                        () -> peers.peers(peer -> ConfigTrust.matches(config.get(), peer)), scheduler)
                .thenCompose(candidates -> {
                    if (candidates.isEmpty()) {
                        LOG.warn(
                                "Server-initiated bootstrap of {} refused: no client holds a DTLS session authenticated"
                                        + " as {} (the LwM2M client is always the DTLS client: it must connect first)",
                                endpoint,
                                endpoint);
                        return CompletableFuture.failedFuture(new IllegalStateException("no DTLS session authenticated"
                                + " as " + endpoint + ": the client must connect to the bootstrap server first"));
                    }
                    PeerIdentity latest = candidates.get(0);
                    if (candidates.size() > 1) {
                        LOG.info(
                                "Server-initiated bootstrap of {}: {} DTLS sessions carry its identity; pushing to the"
                                        + " most recent, {}",
                                endpoint,
                                candidates.size(),
                                latest.describe());
                    }
                    return push(config.get(), latest);
                });
    }

    private Optional<BootstrapConfig> configForPush(String endpoint) {
        Optional<BootstrapConfig> config = store.get(endpoint);
        if (config.isEmpty()) {
            LOG.warn("Server-initiated bootstrap of {} refused: no bootstrap config for this endpoint", endpoint);
        }
        return config;
    }

    private CompletionStage<BootstrapSessionEvent.Ended> push(BootstrapConfig config, PeerIdentity identity) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("bootstrap server is stopping"));
        }
        ContentFormat format = config.contentFormat().orElse(settings.defaultFormat());
        LOG.info("Server-initiated bootstrap of {}: pushing to {}", config.endpoint(), identity.describe());
        BootstrapSession session = newSession(
                config, format, SessionTrigger.SERVER_INITIATED, identity.address(), "a server-initiated bootstrap");
        session.start();
        return session.completion();
    }

    public Set<String> activeSessions() {
        Set<String> active = new TreeSet<>();
        sessions.forEach((endpoint, session) -> {
            if (!session.isEnded()) {
                active.add(endpoint);
            }
        });
        return active;
    }

    public boolean cancel(String endpoint) {
        BootstrapSession session = sessions.get(endpoint);
        return session != null && session.cancel("cancelled by an operator");
    }

    /** Cancels every session; new requests are answered 5.03. */
    public void close() {
        closed = true;
        for (BootstrapSession session : new ArrayList<>(sessions.values())) {
            session.cancel("bootstrap server stopping");
        }
    }
}
