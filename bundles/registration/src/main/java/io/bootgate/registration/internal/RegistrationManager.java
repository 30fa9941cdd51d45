/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import io.bootgate.api.acl.AccessControlService;
import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.dm.DeviceManagement;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.registration.RegistrationEvent;
import io.bootgate.api.registration.RegistrationListener;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.api.registration.ServerRegistration;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.UnknownEndpointException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.ObserveRelation;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Registration interface of every proxied device: one {@link ServerSession} per device and LwM2M server
 * account, kept in line with the device's object store (store commits and bootstrap events), on one shared
 * scheduler. Plain Java so that tests run it without OSGi; {@link RegistrationComponent} wires it.
 */
public final class RegistrationManager implements DeviceRegistrations {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationManager.class);

    /** What a server request gets while no device-management service is there. */
    private static final CoapResponse NO_DEVICE_MANAGEMENT =
            CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, "device management is not available on this gateway");

    private static final CoapResponse NOT_REGISTERED =
            CoapResponse.error(ResponseCode.SERVICE_UNAVAILABLE, "the device is not registered with this server");

    /** The configuration's default of {@link Settings#startSpreadAbove}. */
    public static final int DEFAULT_START_SPREAD_ABOVE = 100;

    /**
     * Timing of the manager.
     *
     * @param startSpread the window over which the first Register/Update of the devices found at start is spread
     * @param startSpreadAbove with at most this many devices in the store at start, nothing is spread; above, the
     *            devices that had registered before (a saved location) are spread over {@code startSpread}
     */
    public record Settings(
            Duration requestTimeout,
            double updateAtMin,
            double updateAtMax,
            Duration startSpread,
            int startSpreadAbove) {
        public Settings {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(startSpread, "startSpread");
            if (!(updateAtMin > 0 && updateAtMin <= updateAtMax && updateAtMax < 1)) {
                throw new IllegalArgumentException("Update point must satisfy 0 < min <= max < 1 of the lifetime, was "
                        + updateAtMin + ".." + updateAtMax);
            }
            if (startSpreadAbove < 0) {
                throw new IllegalArgumentException("startSpreadAbove must not be negative, was " + startSpreadAbove);
            }
        }

        /** With the default {@link #DEFAULT_START_SPREAD_ABOVE}. */
        public Settings(Duration requestTimeout, double updateAtMin, double updateAtMax, Duration startSpread) {
            this(requestTimeout, updateAtMin, updateAtMax, startSpread, DEFAULT_START_SPREAD_ABOVE);
        }
    }

    private final ObjectStore store;
    private final BootstrapEngine engine;
    private final AccessControlService acl;
    private final DtlsEndpointFactory dtls;
    private final KeyCodec keys;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final DoubleSupplier random;
    private final LocationFile locations;
    private final Settings settings;
    private volatile DeviceManagement deviceManagement;

    private final Map<String, Map<Integer, ServerSession>> devices = new ConcurrentHashMap<>();
    private final Set<String> rebootstrapping = ConcurrentHashMap.newKeySet();
    private final List<RegistrationListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<RegistrationEvent> pendingEvents = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private volatile boolean stopped;

    public RegistrationManager(
            ObjectStore store,
            BootstrapEngine engine,
            AccessControlService acl,
            DtlsEndpointFactory dtls,
            KeyCodec keys,
            ScheduledExecutorService scheduler,
            Clock clock,
            DoubleSupplier random,
            LocationFile locations,
            Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.acl = Objects.requireNonNull(acl, "acl");
        this.dtls = Objects.requireNonNull(dtls, "dtls");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.locations = Objects.requireNonNull(locations, "locations");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Opens a location file in {@code directory} for a manager on {@code scheduler}. */
    public static LocationFile openLocations(
            java.nio.file.Path directory, ScheduledExecutorService scheduler, long flushDelayMillis)
            throws java.io.IOException {
        return new LocationFile(directory, scheduler, flushDelayMillis);
    }

    /**
     * Registers every device whose store holds server accounts. Spread over {@code startSpread} are only the
     * devices that had registered before (they come back together after a gateway restart), and only when the
     * store holds more than {@code startSpreadAbove} devices: a small population cannot flood a server, and a
     * device that never registered (e.g. bootstrapped in this boot before this component started) must not
     * wait for a window meant for a restart.
     */
    public void start() {
        Set<String> endpoints = store.endpoints();
        Set<String> registeredBefore = locations.endpoints();
        int spreadCount = 0;
        for (String endpoint : endpoints) {
            Duration delay = startDelay(endpoints.size(), registeredBefore.contains(endpoint));
            if (!delay.isZero()) {
                spreadCount++;
            }
            scheduler.execute(() -> sync(endpoint, delay));
        }
        LOG.info(
                "registration of {} device(s) starting: {} spread over {} s (above {} devices, those with a saved"
                        + " registration), the others at once",
                endpoints.size(),
                spreadCount,
                settings.startSpread().toSeconds(),
                settings.startSpreadAbove());
    }

    /**
     * The start delay of a device found in the store at start: a random point of {@code startSpread} for a
     * device that had registered before, in a population above {@code startSpreadAbove}; otherwise none.
     */
    Duration startDelay(int population, boolean registeredBefore) {
        if (population <= settings.startSpreadAbove() || !registeredBefore) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(
                (long) (random.getAsDouble() * settings.startSpread().toMillis()));
    }

    /** Closes every session without De-register and writes the locations: a restart then Updates. */
    public void stop() {
        stopped = true;
        for (Map<Integer, ServerSession> sessions : devices.values()) {
            sessions.values().forEach(ServerSession::close);
        }
        devices.clear();
        locations.flushNow();
    }

    // ---------------------------------------------------------------- inputs

    /** A committed store change (the component is an {@code ObjectStoreListener}). */
    public void storeChanged(StoreEvent event) {
        if (stopped) {
            return;
        }
        switch (event.kind()) {
            case DELETED -> scheduler.execute(() -> removeDevice(event.endpoint(), "device removed"));
            case UPDATED -> scheduler.execute(() -> sync(event.endpoint(), Duration.ZERO));
            case CREATED -> {
                // An empty tree has no accounts; its first bootstrap commit is an UPDATED event.
            }
        }
    }

    /**
     * A bootstrap event (the component is a {@code BootstrapListener}). A bootstrap that starts marks the
     * device's sessions; once the device is {@code BOOTSTRAPPED}, those still registered from before register
     * anew with what the bootstrap gave (a bootstrap ends with the client registering with its servers), even
     * when the bootstrap server rewrote the same account: an Update of the old registration would leave the
     * server unaware that the device was bootstrapped (e.g. after its own /1/x/9 Execute).
     */
    public void bootstrapEvent(BootstrapEvent event) {
        if (stopped) {
            return;
        }
        String endpoint = event.endpoint();
        switch (event.type()) {
            case ATTEMPT_STARTED -> {
                // Marked at once, on the engine's thread: the attempt's commit comes only after network exchanges.
                Map<Integer, ServerSession> sessions = devices.get(endpoint);
                if (sessions != null) {
                    sessions.values().forEach(ServerSession::bootstrapStarted);
                }
            }
            case BOOTSTRAPPED -> scheduler.execute(() -> sync(endpoint, Duration.ZERO, true));
            default -> {
                // Other events change nothing in the store; a failed run leaves the sessions as they are.
            }
        }
    }

    public void setDeviceManagement(DeviceManagement management) {
        this.deviceManagement = management;
    }

    public void clearDeviceManagement(DeviceManagement management) {
        if (deviceManagement == management) {
            deviceManagement = null;
        }
    }

    /**
     * Brings the device's sessions in line with its store: De-register from removed accounts, Register with new
     * ones, Update on changed Server instances or objects.
     */
    void sync(String endpoint, Duration startDelay) {
        sync(endpoint, startDelay, false);
    }

    /**
     * @param bootstrapped the engine reported the device {@code BOOTSTRAPPED}: sessions registered before the
     *            bootstrap started (and not registered since) Register again
     */
    private void sync(String endpoint, Duration startDelay, boolean bootstrapped) {
        if (stopped) {
            return;
        }
        TreeView tree;
        try {
            tree = store.snapshot(endpoint);
        } catch (UnknownEndpointException e) {
            removeDevice(endpoint, "device removed");
            return;
        } catch (StoreException e) {
            LOG.warn("device {}: cannot read its objects to register: {}", endpoint, e.getMessage());
            return;
        }
        List<String> problems = new ArrayList<>();
        Map<Integer, ManagementAccount> accounts = ManagementAccount.of(tree, problems);
        problems.forEach(problem -> LOG.warn("device {}: server account skipped: {}", endpoint, problem));
        synchronized (lock(endpoint)) {
            Map<Integer, ServerSession> sessions = devices.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>());
            for (ServerSession session : List.copyOf(sessions.values())) {
                if (!accounts.containsKey(session.ssid())) {
                    sessions.remove(session.ssid());
                    session.deregister("account of ssid " + session.ssid() + " removed");
                }
            }
            String links = links(endpoint, tree);
            List<ServerSession> ordered = new ArrayList<>();
            accounts.values().stream()
                    .sorted(Comparator.comparingLong(ManagementAccount::ssid))
                    .forEach(account -> {
                        ServerSession session = sessions.get(account.ssid());
                        if (session == null) {
                            ServerSession created = new ServerSession(this, account);
                            sessions.put(account.ssid(), created);
                            Optional<LocationFile.Entry> persisted = locations.get(endpoint, account.ssid());
                            if (account.priorityOrder().isPresent()
                                    && persisted.filter(e -> e.aliveAt(now())).isEmpty()) {
                                ordered.add(created);
                            } else {
                                created.start(persisted, startDelay);
                            }
                        } else if (!account.equals(session.account())) {
                            session.accountChanged(account);
                        } else if (session.state() == RegistrationState.FAILED) {
                            // Failed with an account a bootstrap did not change: try again after the sequence delay.
                            session.retryAfterSequenceDelay();
                        } else {
                            session.linksChanged(links);
                        }
                    });
            ordered.sort(Comparator.comparingLong(
                    session -> session.account().priorityOrder().orElse(0)));
            registerInOrder(endpoint, ordered, 0, startDelay);
            if (bootstrapped) {
                sessions.values().forEach(ServerSession::bootstrapped);
            }
            if (sessions.isEmpty()) {
                devices.remove(endpoint);
            }
        }
    }

    /**
     * Core 1.1 6.2.1.1: servers with a Registration Priority Order (/1/x/13) register one after the other, each
     * once the one before it registered or failed (its Initial Registration Delay, /1/x/14, counted from then); a
     * failed server with Registration Failure Block (/1/x/15) true stops the ones after it.
     */
    private void registerInOrder(String endpoint, List<ServerSession> ordered, int index, Duration delay) {
        if (index >= ordered.size()) {
            return;
        }
        ServerSession session = ordered.get(index);
        session.onSettled(() -> {
            if (session.state() == RegistrationState.FAILED && session.account().registrationFailureBlock()) {
                String cause = "blocked: ssid " + session.ssid() + ", ordered before, failed with Registration"
                        + " Failure Block (/1/x/15)";
                ordered.subList(index + 1, ordered.size()).forEach(next -> next.blocked(cause));
                return;
            }
            registerInOrder(endpoint, ordered, index + 1, Duration.ZERO);
        });
        session.start(locations.get(endpoint, session.ssid()), delay);
    }

    private void removeDevice(String endpoint, String cause) {
        synchronized (lock(endpoint)) {
            Map<Integer, ServerSession> sessions = devices.remove(endpoint);
            if (sessions != null) {
                sessions.values().forEach(session -> session.deregister(cause));
            }
        }
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lock(String endpoint) {
        return locks.computeIfAbsent(endpoint, e -> new Object());
    }

    // ---------------------------------------------------------------- DeviceRegistrations

    @Override
    public List<ServerRegistration> registrations(String endpoint) {
        Map<Integer, ServerSession> sessions = devices.get(endpoint);
        if (sessions == null) {
            return List.of();
        }
        return sessions.values().stream()
                .map(ServerSession::snapshot)
                .sorted(Comparator.comparingInt(ServerRegistration::shortServerId))
                .toList();
    }

    @Override
    public boolean triggerUpdate(String endpoint, int shortServerId) {
        ServerSession session = session(endpoint, shortServerId);
        if (session == null) {
            return false;
        }
        scheduler.execute(() -> session.update("Registration Update Trigger", false));
        return true;
    }

    @Override
    public boolean disable(String endpoint, int shortServerId) {
        ServerSession session = session(endpoint, shortServerId);
        if (session == null) {
            return false;
        }
        scheduler.execute(session::disable);
        return true;
    }

    @Override
    public CompletionStage<BootstrapOutcome> rebootstrap(String endpoint, OptionalInt initializationSsid) {
        if (!engine.devices().contains(endpoint)) {
            throw new IllegalArgumentException("unknown device " + endpoint);
        }
        if (initializationSsid.isEmpty()) {
            LOG.info("device {}: re-bootstrap on demand", endpoint);
            return requestBootstrap(endpoint);
        }
        int ssid = initializationSsid.getAsInt();
        LOG.info("device {}: re-bootstrap on demand with the initialization option for ssid {}", endpoint, ssid);
        CompletableFuture<BootstrapOutcome> result = new CompletableFuture<>();
        scheduler.execute(() -> rebootstrapWithInitialization(endpoint, ssid, null, result));
        return result;
    }

    /**
     * The re-bootstrap with the initialization option for {@code ssid}: De-register from that server (when
     * registered), then one committed store transaction removes its Server instance, its ACL entries and its
     * Security instance (Core E.1.3), then the engine bootstraps the device. Each store step is atomic: when the
     * removal fails nothing is removed and no bootstrap runs; when the bootstrap fails, the store holds the
     * device without that server (as the initialization asked) and whatever the device had besides, unchanged.
     * Runs on the scheduler.
     *
     * @param expected the failed session this re-bootstrap is for (the automatic path), or {@code null} (on
     *            demand: whatever session the SSID has); when the SSID's session is no longer {@code expected}
     *            (the account changed or went meanwhile), nothing is done
     */
    private void rebootstrapWithInitialization(
            String endpoint, int ssid, ServerSession expected, CompletableFuture<BootstrapOutcome> result) {
        ServerSession session;
        synchronized (lock(endpoint)) {
            Map<Integer, ServerSession> sessions = devices.get(endpoint);
            session = sessions == null ? null : sessions.get(ssid);
            if (expected != null && session != expected) {
                rebootstrapping.remove(endpoint);
                result.completeExceptionally(new IllegalStateException(
                        "the account of ssid " + ssid + " changed before its re-bootstrap started"));
                return;
            }
            if (session != null) {
                sessions.remove(ssid);
            }
        }
        CompletionStage<Void> deregistered = session == null
                ? CompletableFuture.completedFuture(null)
                : session.deregister("re-bootstrap with the initialization option for ssid " + ssid);
        deregistered
                .thenRunAsync(
                        () -> {
                            unbootstrap(endpoint, ssid);
                            LOG.info(
                                    "device {}: ssid {} unbootstrapped (Server instance, ACL entries, Security instance);"
                                            + " re-bootstrapping",
                                    endpoint,
                                    ssid);
                        },
                        scheduler)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        // Nothing was removed (the transaction rolled back): register again with what is stored.
                        rebootstrapping.remove(endpoint);
                        LOG.warn(
                                "device {}: cannot remove ssid {} for its re-bootstrap, nothing changed: {}",
                                endpoint,
                                ssid,
                                failure.toString());
                        scheduler.execute(() -> sync(endpoint, Duration.ZERO));
                    }
                })
                .thenCompose(ignored -> requestBootstrap(endpoint))
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(outcome);
                    }
                });
    }

    /** Core E.1.3 in one committed transaction: the ACL service removes /1, ACL entries and /0 of the server. */
    private void unbootstrap(String endpoint, int ssid) {
        try (StoreTransaction tx = store.begin(endpoint)) {
            acl.removeServer(tx, ssid);
            // removeServer deletes the management Security instance(s) of the SSID; any left (e.g. without a
            // matching Server instance) go too, so no credentials of the old server remain.
            ResourceReader.instances(tx, Security.ID).forEach((id, instance) -> {
                boolean bootstrap =
                        ResourceReader.bool(instance, Security.BOOTSTRAP_SERVER).orElse(false);
                if (!bootstrap
                        && ResourceReader.integer(instance, Security.SHORT_SERVER_ID)
                                        .orElse(-1)
                                == ssid) {
                    tx.delete(LwM2mPath.of(Security.ID, id));
                }
            });
            tx.commit();
        }
    }

    private CompletionStage<BootstrapOutcome> requestBootstrap(String endpoint) {
        return engine.requestBootstrap(endpoint).whenComplete((outcome, failure) -> {
            rebootstrapping.remove(endpoint);
            // The store commit of a successful bootstrap syncs too; this also restarts sessions that failed with
            // an unchanged account, after their sequence delay.
            scheduler.execute(() -> sync(endpoint, Duration.ZERO));
            if (failure != null) {
                LOG.info("device {}: re-bootstrap failed: {}", endpoint, failure.toString());
            } else {
                LOG.info("device {}: re-bootstrap ended: {}", endpoint, outcome);
            }
        });
    }

    @Override
    public void addListener(RegistrationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(RegistrationListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- called by the sessions

    /** /1/x/16: a failed registration bootstraps the device again, or retries after the sequence delay. */
    void registrationFailed(ServerSession session, String cause) {
        ManagementAccount account = session.account();
        if (!account.bootstrapOnRegistrationFailure()) {
            LOG.info(
                    "device {} ssid {} ({}): registration failed ({}); /1/x/16 is false, retrying after {} s",
                    account.endpoint(),
                    account.ssid(),
                    account.uriForEvents(),
                    cause,
                    account.sequenceDelay().toSeconds());
            session.retryAfterSequenceDelay();
            return;
        }
        String endpoint = account.endpoint();
        if (!engine.devices().contains(endpoint)) {
            LOG.warn(
                    "device {} ssid {}: registration failed ({}) and the bootstrap engine does not know the device;"
                            + " retrying after {} s",
                    endpoint,
                    account.ssid(),
                    cause,
                    account.sequenceDelay().toSeconds());
            session.retryAfterSequenceDelay();
            return;
        }
        if (!hasBootstrapServerAccount(endpoint)) {
            // Without a Bootstrap-Server account nothing may provision the server again: removing it first could
            // leave the device with no server at all. The mode sequence runs (e.g. factory mode rewrites it).
            if (rebootstrapping.add(endpoint)) {
                LOG.info(
                        "device {} ssid {} ({}): registration failed ({}); Bootstrap on Registration Failure (/1/x/16):"
                                + " no Bootstrap-Server account, re-bootstrap without the initialization option",
                        endpoint,
                        account.ssid(),
                        account.uriForEvents(),
                        cause);
                scheduler.execute(() -> requestBootstrap(endpoint));
            }
            return;
        }
        if (rebootstrapping.add(endpoint)) {
            LOG.info(
                    "device {} ssid {} ({}): registration failed ({}); Bootstrap on Registration Failure (/1/x/16):"
                            + " re-bootstrap with the initialization option for ssid {}",
                    endpoint,
                    account.ssid(),
                    account.uriForEvents(),
                    cause,
                    account.ssid());
            // With the initialization option (Core E.1.3): the credentials that failed, the server's /1 instance
            // and its ACL entries go before the bootstrap server provisions the account anew, so nothing of the
            // old account survives next to the new one.
            CompletableFuture<BootstrapOutcome> done = new CompletableFuture<>();
            scheduler.execute(() -> rebootstrapWithInitialization(endpoint, account.ssid(), session, done));
        }
    }

    /** Whether the device's store holds a Bootstrap-Server Security instance (/0/x/1 true). */
    private boolean hasBootstrapServerAccount(String endpoint) {
        try {
            return ResourceReader.instances(store.snapshot(endpoint), Security.ID).values().stream()
                    .anyMatch(instance -> ResourceReader.bool(instance, Security.BOOTSTRAP_SERVER)
                            .orElse(false));
        } catch (StoreException e) {
            return false;
        }
    }

    SecureClientEndpoint createClient(ServerSession session, ManagementAccount account)
            throws ManagementAccount.InvalidAccountException, SecurityPolicyException {
        return dtls.createManagementClient(
                account.clientConfig(keys, serverRequests(session), settings.requestTimeout()));
    }

    /** The handler of the server's requests: the device-management service's, answered only while registered. */
    private CoapRequestHandler serverRequests(ServerSession session) {
        String endpoint = session.account().endpoint();
        int ssid = session.ssid();
        return new CoapRequestHandler() {
            @Override
            public CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request) {
                if (deviceManagement == null) {
                    return CompletableFuture.completedFuture(NO_DEVICE_MANAGEMENT);
                }
                return session.whenRegistered(serverRequestWait()).thenCompose(registered -> {
                    Optional<CoapRequestHandler> delegate = delegate();
                    if (delegate.isEmpty()) {
                        return CompletableFuture.completedFuture(
                                deviceManagement == null ? NO_DEVICE_MANAGEMENT : NOT_REGISTERED);
                    }
                    return delegate.get().handle(peer, request);
                });
            }

            @Override
            public CompletionStage<CoapResponse> observe(
                    PeerIdentity peer, CoapRequest request, ObserveRelation relation) {
                if (deviceManagement == null) {
                    relation.cancel();
                    return CompletableFuture.completedFuture(NO_DEVICE_MANAGEMENT);
                }
                return session.whenRegistered(serverRequestWait()).thenCompose(registered -> {
                    Optional<CoapRequestHandler> delegate = delegate();
                    if (delegate.isEmpty()) {
                        relation.cancel();
                        return CompletableFuture.completedFuture(
                                deviceManagement == null ? NO_DEVICE_MANAGEMENT : NOT_REGISTERED);
                    }
                    return delegate.get().observe(peer, request, relation);
                });
            }

            private Optional<CoapRequestHandler> delegate() {
                DeviceManagement management = deviceManagement;
                // Core 6.3: requests before the Register is acknowledged are not served.
                if (management == null || !session.isRegistered()) {
                    return Optional.empty();
                }
                return Optional.of(management.handler(endpoint, ssid, RegistrationManager.this));
            }
        };
    }

    /**
     * The longest a server request waits for the Register in flight: the Register's own deadline (a handshake
     * and the request timeout); the session releases it earlier, as soon as the answer is processed.
     */
    private Duration serverRequestWait() {
        return settings.requestTimeout().multipliedBy(2);
    }

    /** How many requests of the server wait for the device's Register in flight with it (tests, diagnostics). */
    int waitingServerRequests(String endpoint, int ssid) {
        ServerSession session = session(endpoint, ssid);
        return session == null ? 0 : session.waitingRequests();
    }

    /** A new registration started (a previous one, if any, ended): the server's old observations are void. */
    void sessionStarted(ServerSession session) {
        sessionEnded(session);
    }

    void sessionEnded(ServerSession session) {
        DeviceManagement management = deviceManagement;
        if (management != null) {
            ManagementAccount account = session.account();
            try {
                management.serverSessionEnded(account.endpoint(), account.ssid());
            } catch (RuntimeException e) {
                LOG.warn(
                        "device {} ssid {}: device management failed to end the server's session: {}",
                        account.endpoint(),
                        account.ssid(),
                        e.toString());
            }
        }
    }

    /** The Register/Update payload: the device-management service's links, else the store's instances. */
    String links(String endpoint) {
        DeviceManagement management = deviceManagement;
        if (management != null) {
            return management.registrationLinks(endpoint);
        }
        try {
            return links(endpoint, store.snapshot(endpoint));
        } catch (StoreException e) {
            return "</1>,</3>";
        }
    }

    private String links(String endpoint, TreeView tree) {
        DeviceManagement management = deviceManagement;
        if (management != null) {
            return management.registrationLinks(endpoint);
        }
        return storeLinks(tree);
    }

    /** {@code </1/0>,</3/0>,...}: every object instance but the Security object's (Core 6.2.1: never /0). */
    static String storeLinks(TreeView tree) {
        List<String> links = new ArrayList<>();
        for (LwM2mObject object : tree.objects().values()) {
            if (object.id() == Security.ID || object.id() == OSCORE_OBJECT) {
                continue;
            }
            if (object.instances().isEmpty()) {
                links.add("</" + object.id() + ">");
            }
            object.instances().keySet().forEach(id -> links.add("</" + object.id() + "/" + id + ">"));
        }
        if (links.stream().noneMatch(link -> link.startsWith("</" + Server.ID + "/"))) {
            links.add(0, "</" + Server.ID + ">");
        }
        return String.join(",", links);
    }

    /** The OSCORE object (21) holds keys like /0 and is not announced either. */
    private static final int OSCORE_OBJECT = 21;

    void emit(ServerSession session, RegistrationState state, String cause) {
        ManagementAccount account = session.account();
        Optional<String> location = session.location();
        RegistrationEvent event = new RegistrationEvent(
                account.endpoint(),
                account.ssid(),
                account.uriForEvents(),
                state,
                location,
                Optional.ofNullable(cause),
                now());
        LOG.info(
                "device {} ssid {} ({}): {}{}{}",
                account.endpoint(),
                account.ssid(),
                account.uriForEvents(),
                state,
                location.map(l -> " at " + l).orElse(""),
                cause == null ? "" : " (" + cause + ")");
        pendingEvents.add(event);
        scheduler.execute(this::dispatchEvents);
    }

    /** Delivers events one at a time in the order they were emitted, on the shared scheduler. */
    private void dispatchEvents() {
        while (!pendingEvents.isEmpty()) {
            if (!dispatching.compareAndSet(false, true)) {
                return;
            }
            try {
                RegistrationEvent event;
                while ((event = pendingEvents.poll()) != null) {
                    for (RegistrationListener listener : listeners) {
                        try {
                            listener.registrationChanged(event);
                        } catch (RuntimeException e) {
                            LOG.warn("registration listener {} failed on {}: {}", listener, event, e.toString());
                        }
                    }
                }
            } finally {
                dispatching.set(false);
            }
        }
    }

    /** When to Update: at a random point between {@code updateAtMin} and {@code updateAtMax} of the lifetime. */
    Duration updateDelay(long lifetimeSeconds) {
        double fraction =
                settings.updateAtMin() + random.getAsDouble() * (settings.updateAtMax() - settings.updateAtMin());
        return Duration.ofMillis(Math.max(500, (long) (lifetimeSeconds * 1000 * fraction)));
    }

    private ServerSession session(String endpoint, int ssid) {
        Map<Integer, ServerSession> sessions = devices.get(endpoint);
        return sessions == null ? null : sessions.get(ssid);
    }

    Instant now() {
        return clock.instant();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    LocationFile locations() {
        return locations;
    }
}
