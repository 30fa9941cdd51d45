/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapListener;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.bsserver.AccessControlWrite;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapServer;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionListener;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.transport.PeerIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the demo devices of the distribution's default job: for each demo endpoint a Raw Public Key pair
 * (generated once, then reused), a config of the embedded bootstrap server (created when missing, never
 * overwritten, so an operator's edits stay) and a device configuration of the engine (Config Admin factory pid
 * {@value DeviceConfigurations#FACTORY_PID}) whose mode properties point at the embedded server. The engine then
 * bootstraps every device over DTLS on loopback, and this component logs one line per device outcome.
 * <p>
 * Deactivation removes only its listeners: devices, their configurations and keys persist, as production
 * devices do. While enabled it registers a {@link BootstrapSessionListener} (whiteboard of the bootstrap server)
 * to log the server's view of a failed session.
 */
// No declared service: a BootstrapSessionListener service of this component would be bound by the bootstrap
// server, which this component needs, and SCR would report a circular reference. The listener is registered by
// hand instead, as the bootstrap server does with its config listener.
@Component(
        service = {},
        configurationPid = DemoConfiguration.PID)
@Designate(ocd = DemoConfiguration.class)
public final class DemoProvisioner {

    static final int MANAGEMENT_SHORT_SERVER_ID = 101;
    static final long MANAGEMENT_LIFETIME_SECONDS = 300;

    /** Modes that find the bootstrap server through the {@code server.*} mode properties. */
    private static final Set<String> SERVER_ACCOUNT_MODES =
            Set.of(BootstrapModeName.CLIENT_INITIATED, BootstrapModeName.SERVER_INITIATED);

    private static final Logger LOG = LoggerFactory.getLogger(DemoProvisioner.class);

    /** Registers a session listener with the bootstrap server; returns what unregisters it. */
    @FunctionalInterface
    interface SessionListeners {
        Runnable register(BootstrapSessionListener listener);
    }

    private final BootstrapEngine engine;
    private final KeyCodec keys;
    private final Set<String> endpoints;
    /** The management server account's URI ({@code managementServerUri}), checked at activation. */
    private final String managementServerUri;

    private final BootstrapListener engineListener = this::onEngineEvent;
    private Runnable sessionListenerRegistration;
    /** When each device's current run began: its first attempt's start, to time the whole run. */
    private final Map<String, Instant> runStarts = new ConcurrentHashMap<>();
    /** The modes of each device's current run that did not bootstrap it, each with its outcome, in order. */
    private final Map<String, List<String>> runModes = new ConcurrentHashMap<>();

    @Activate
    public DemoProvisioner(
            @Reference(name = "configs") BootstrapConfigStore configs,
            @Reference(name = "server") BootstrapServer server,
            @Reference(name = "engine") BootstrapEngine engine,
            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin,
            @Reference(name = "keys") KeyCodec keys,
            BundleContext context,
            DemoConfiguration configuration) {
        this(
                configuration,
                configs,
                server,
                engine,
                keys,
                new ConfigAdminDeviceConfigurations(configurationAdmin),
                listener -> {
                    ServiceRegistration<BootstrapSessionListener> registration =
                            context.registerService(BootstrapSessionListener.class, listener, null);
                    return registration::unregister;
                });
    }

    DemoProvisioner(
            DemoConfiguration configuration,
            BootstrapConfigStore configs,
            BootstrapServer server,
            BootstrapEngine engine,
            KeyCodec keys,
            DeviceConfigurations devices,
            SessionListeners sessionListeners) {
        this.engine = engine;
        this.keys = keys;
        this.managementServerUri = managementServerUri(configuration);
        if (!configuration.enabled()) {
            this.endpoints = Set.of();
            LOG.info("demo devices off ({}: enabled=false)", DemoConfiguration.PID);
            return;
        }
        this.endpoints = endpoints(configuration);
        // A .cfg file gives the sequence as one comma-separated string, Config Admin or Metatype as an array.
        List<String> sequence = Arrays.stream(configuration.modeSequence())
                .flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (sequence.isEmpty()) {
            throw new IllegalArgumentException(DemoConfiguration.PID + ": modeSequence is empty");
        }
        // Listen before any device exists, so that no outcome is missed.
        engine.addListener(engineListener);
        sessionListenerRegistration = sessionListeners.register(this::onSessionEvent);
        PublicKey serverPublicKey;
        URI serverUri;
        try {
            serverPublicKey = server.publicKey();
            serverUri = uri(server.localAddress());
        } catch (RuntimeException e) {
            LOG.error(
                    "demo devices {} not provisioned: the embedded bootstrap server's address or key is unknown: {}",
                    endpoints,
                    e.getMessage(),
                    e);
            return;
        }
        Path keyDirectory = keyDirectory(configuration);
        PublicKey managementServerKey = managementServerKey(configuration, serverPublicKey);
        LOG.info(
                "provisioning demo devices {} against the embedded bootstrap server {} (key sha256:{}), keys in {}",
                endpoints,
                serverUri,
                PeerIdentity.fingerprint(serverPublicKey),
                keyDirectory);
        for (String endpoint : endpoints) {
            try {
                provision(
                        endpoint,
                        sequence,
                        keyDirectory,
                        configs,
                        devices,
                        serverUri,
                        serverPublicKey,
                        managementServerKey);
            } catch (IOException | BootstrapConfigException | RuntimeException e) {
                LOG.error("demo device {} not provisioned: {}", endpoint, e.getMessage(), e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        engine.removeListener(engineListener);
        if (sessionListenerRegistration != null) {
            sessionListenerRegistration.run();
            sessionListenerRegistration = null;
        }
    }

    /** The demo endpoints, in order. */
    Set<String> endpoints() {
        return endpoints;
    }

    private void provision(
            String endpoint,
            List<String> sequence,
            Path keyDirectory,
            BootstrapConfigStore configs,
            DeviceConfigurations devices,
            URI serverUri,
            PublicKey serverPublicKey,
            PublicKey managementServerKey)
            throws IOException, BootstrapConfigException {
        DemoKeys keys = DemoKeys.loadOrGenerate(this.keys, keyDirectory, DemoKeys.fileName(endpoint));
        PublicKey devicePublicKey = keys.keyPair().getPublic();
        if (keys.generated()) {
            LOG.info(
                    "demo device {}: key pair generated, {} (sha256:{})",
                    endpoint,
                    keys.publicKeyFile(),
                    PeerIdentity.fingerprint(devicePublicKey));
        }
        var existing = configs.get(endpoint);
        if (existing.isEmpty()) {
            configs.put(bootstrapConfig(endpoint, keys, managementServerUri, managementServerKey));
            LOG.info("demo device {}: bootstrap-server config created", endpoint);
        } else if (existing.get().identity() instanceof DeviceIdentity.RawPublicKey trusted
                && !trusted.matches(devicePublicKey)) {
            // The operator's config wins, but a device the server will refuse must not fail silently.
            LOG.warn(
                    "demo device {}: its bootstrap-server config trusts the key sha256:{}, not the device's {}"
                            + " (sha256:{}); the config is kept and the server will refuse the device until they agree",
                    endpoint,
                    PeerIdentity.fingerprint(trusted.publicKey()),
                    keys.publicKeyFile(),
                    PeerIdentity.fingerprint(devicePublicKey));
        } else if (namesAnotherManagementServerKey(existing.get(), managementServerKey)) {
            // Kept as the operator's, but the device would fail to register with a server it does not trust.
            LOG.warn(
                    "demo device {}: its bootstrap-server config names another key for server {} than sha256:{};"
                            + " the config is kept, delete it to get one for the current management server",
                    endpoint,
                    MANAGEMENT_SHORT_SERVER_ID,
                    PeerIdentity.fingerprint(managementServerKey));
        } else {
            LOG.info("demo device {}: existing bootstrap-server config kept", endpoint);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("endpoint", endpoint);
        properties.put("modeSequence", sequence.toArray(String[]::new));
        properties.put(
                "credentials.privateKey", keys.privateKeyFile().toAbsolutePath().toString());
        properties.put(
                "credentials.publicKey", keys.publicKeyFile().toAbsolutePath().toString());
        Set<String> maintained = new LinkedHashSet<>();
        for (String mode : sequence) {
            if (SERVER_ACCOUNT_MODES.contains(mode)) {
                String uriKey = ModeProperties.deviceKey(mode, ModeProperties.SERVER_URI);
                String securityModeKey = ModeProperties.deviceKey(mode, ModeProperties.SERVER_SECURITY_MODE);
                String publicKeyKey = ModeProperties.deviceKey(mode, ModeProperties.SERVER_PUBLIC_KEY);
                properties.put(uriKey, serverUri.toString());
                properties.put(securityModeKey, "RPK");
                // Base64 of the SubjectPublicKeyInfo: one line, which every Config Admin persistence keeps intact.
                properties.put(publicKeyKey, Base64.getEncoder().encodeToString(serverPublicKey.getEncoded()));
                maintained.addAll(List.of(uriKey, securityModeKey, publicKeyKey));
            }
        }
        switch (devices.ensure(endpoint, properties, maintained)) {
            case CREATED -> LOG.info(
                    "demo device {}: device configuration created, mode sequence {}", endpoint, sequence);
            case UPDATED -> LOG.info(
                    "demo device {}: device configuration kept, bootstrap server now {}", endpoint, serverUri);
            case UNCHANGED -> {
                boolean bootstrapped = engine.state(endpoint)
                        .map(s -> s.state() == BootstrapState.BOOTSTRAPPED)
                        .orElse(false);
                LOG.info(
                        "demo device {}: existing device configuration kept{}",
                        endpoint,
                        bootstrapped ? ", already bootstrapped" : "");
            }
        }
    }

    /**
     * The key the management server account names as the server's: the one in
     * {@code managementServerPublicKeyFile} (demo-leshan's), or, when that file does not exist, the bootstrap
     * server's own key, so that the account is still complete and shows what a bootstrap delivers.
     */
    PublicKey managementServerKey(DemoConfiguration configuration, PublicKey bootstrapServerKey) {
        Path file = managementServerPublicKeyFile(configuration);
        if (!Files.exists(file)) {
            LOG.info(
                    "demo management server key {} not found (no demo-leshan running): new bootstrap-server configs"
                            + " name the bootstrap server's key for {}, and the devices will retry registering",
                    file,
                    managementServerUri);
            return bootstrapServerKey;
        }
        try {
            PublicKey key = keys.readPublicKey(file);
            LOG.info(
                    "demo management server {}: key {} (sha256:{})",
                    managementServerUri,
                    file,
                    PeerIdentity.fingerprint(key));
            return key;
        } catch (IOException | KeyFormatException e) {
            LOG.warn(
                    "demo management server key {} unreadable, the bootstrap server's key is used instead: {}",
                    file,
                    e.getMessage());
            return bootstrapServerKey;
        }
    }

    /**
     * Whether {@code config}'s account of Short Server ID {@value #MANAGEMENT_SHORT_SERVER_ID} names a Server Public
     * Key other than {@code key}: a config written before demo-leshan's key existed, or for another server.
     */
    static boolean namesAnotherManagementServerKey(BootstrapConfig config, PublicKey key) {
        ResourceValue expected = ResourceValue.ofOpaque(key.getEncoded());
        return config.servers().stream()
                .filter(account -> account.shortServerId() == MANAGEMENT_SHORT_SERVER_ID)
                .map(account -> account.securityResources().get(StandardObjects.Security.SERVER_PUBLIC_KEY))
                .anyMatch(resource -> resource instanceof SingleResource single
                        && !single.value().equals(expected));
    }

    /** The configured management server key file, or {@code ${karaf.data}/bootgate/demo-leshan/server.pub.pem}. */
    static Path managementServerPublicKeyFile(DemoConfiguration configuration) {
        String configured = configuration.managementServerPublicKeyFile().strip();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return karafData().resolve("bootgate").resolve("demo-leshan").resolve("server.pub.pem");
    }

    private static Path karafData() {
        String data = System.getProperty("karaf.data");
        return Path.of(data == null || data.isBlank() ? "data" : data);
    }

    /**
     * What the bootstrap server does for a demo device: writes one management server account (Raw Public Key,
     * the device's own key pair, {@code serverPublicKey} as the server's) and Access Control instances giving
     * that server the Device object and its own Server instance, as the README's example config does.
     */
    static BootstrapConfig bootstrapConfig(
            String endpoint, DemoKeys keys, String serverUri, PublicKey serverPublicKey) {
        PublicKey devicePublicKey = keys.keyPair().getPublic();
        TreeMap<Integer, AccessRights> deviceAcl = new TreeMap<>(Map.of(
                MANAGEMENT_SHORT_SERVER_ID,
                AccessRights.of(AccessControl.READ | AccessControl.WRITE | AccessControl.EXECUTE),
                0,
                AccessRights.of(AccessControl.READ)));
        TreeMap<Integer, AccessRights> serverAcl = new TreeMap<>(
                Map.of(MANAGEMENT_SHORT_SERVER_ID, AccessRights.of(AccessControl.READ | AccessControl.WRITE)));
        return BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(devicePublicKey))
                .server(ServerAccount.builder(MANAGEMENT_SHORT_SERVER_ID)
                        .uri(serverUri)
                        .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                        .publicKeyOrIdentity(devicePublicKey.getEncoded())
                        .serverPublicKey(serverPublicKey.getEncoded())
                        .secretKey(keys.keyPair().getPrivate().getEncoded())
                        .lifetime(MANAGEMENT_LIFETIME_SECONDS)
                        .binding("U")
                        .build())
                .accessControl(AccessControlWrite.sessionChosen(new AccessControlInstance(
                        0, StandardObjects.Device.ID, 0, deviceAcl, MANAGEMENT_SHORT_SERVER_ID)))
                .accessControl(AccessControlWrite.sessionChosen(new AccessControlInstance(
                        0, StandardObjects.Server.ID, 0, serverAcl, MANAGEMENT_SHORT_SERVER_ID)))
                .build();
    }

    private void onEngineEvent(BootstrapEvent event) {
        String endpoint = event.endpoint();
        if (!endpoints.contains(endpoint)) {
            return;
        }
        switch (event.type()) {
            case ATTEMPT_STARTED -> runStarts.putIfAbsent(endpoint, event.time());
            case ATTEMPT_ENDED -> event.outcome()
                    .filter(outcome -> !outcome.isSuccess())
                    .ifPresent(outcome -> runModes.computeIfAbsent(endpoint, e -> new CopyOnWriteArrayList<>())
                            .add(event.mode().orElse("?") + " " + describe(outcome)));
            case BOOTSTRAPPED -> {
                Instant start = runStarts.remove(endpoint);
                List<String> before = runModes.remove(endpoint);
                long millis = start == null
                        ? 0
                        : Duration.between(start, event.time()).toMillis();
                // The modes tried first show the sequence at work, e.g. "after factory not applicable (...)".
                LOG.info(
                        "demo device {} bootstrapped via {} in {} ms{}",
                        endpoint,
                        event.mode().orElse("?"),
                        millis,
                        before == null ? "" : ", after " + String.join(", then ", before));
            }
            case SEQUENCE_FAILED -> {
                runStarts.remove(endpoint);
                runModes.remove(endpoint);
                LOG.warn(
                        "demo device {} not bootstrapped: {}; next run in {} s",
                        endpoint,
                        cause(event),
                        event.retryDelay().map(Duration::toSeconds).orElse(0L));
            }
            case GAVE_UP -> {
                runStarts.remove(endpoint);
                runModes.remove(endpoint);
                LOG.error("demo device {} not bootstrapped, retries exhausted: {}", endpoint, cause(event));
            }
            case MODE_SKIPPED -> LOG.warn(
                    "demo device {}: mode '{}' is not installed, skipped",
                    endpoint,
                    event.mode().orElse("?"));
            default -> {
                // Purges are the engine's to log.
            }
        }
    }

    /** "not applicable (reason)" or "failed (cause)". */
    static String describe(BootstrapOutcome outcome) {
        String what = outcome.status() == BootstrapOutcome.Status.NOT_APPLICABLE ? "not applicable" : "failed";
        return what + " (" + outcome.detail() + ")";
    }

    private static String cause(BootstrapEvent event) {
        return event.outcome().map(Object::toString).orElse("no outcome");
    }

    /** The server's view: a failed session names what went wrong on the server side. */
    private void onSessionEvent(BootstrapSessionEvent event) {
        if (event instanceof BootstrapSessionEvent.Ended ended && endpoints.contains(ended.endpoint())) {
            if (ended.outcome() == SessionOutcome.SUCCEEDED) {
                LOG.debug("demo device {}: bootstrap server session {} succeeded", ended.endpoint(), ended.sessionId());
            } else {
                LOG.warn(
                        "demo device {}: bootstrap server session {} ended {}: {}",
                        ended.endpoint(),
                        ended.sessionId(),
                        ended.outcome(),
                        ended.detail());
            }
        }
    }

    private static Set<String> endpoints(DemoConfiguration configuration) {
        int count = configuration.deviceCount();
        if (count < 1) {
            throw new IllegalArgumentException(
                    DemoConfiguration.PID + ": deviceCount must be at least 1, got " + count);
        }
        String prefix = configuration.endpointPrefix().strip();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i <= count; i++) {
            String endpoint = prefix + i;
            BootstrapConfig.checkEndpoint(endpoint);
            names.add(endpoint);
        }
        return Collections.unmodifiableSet(names);
    }

    /** The configured management server URI: a {@code coap} or {@code coaps} URI with a host and a port. */
    static String managementServerUri(DemoConfiguration configuration) {
        String configured = configuration.managementServerUri().strip();
        try {
            URI uri = new URI(configured);
            if (!("coaps".equals(uri.getScheme()) || "coap".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getPort() < 0) {
                throw new URISyntaxException(configured, "not coap(s)://host:port");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    DemoConfiguration.PID + ": managementServerUri '" + configured
                            + "' is not a coaps://host:port URI: " + e.getMessage(),
                    e);
        }
        return configured;
    }

    /** The configured key directory, or {@code ${karaf.data}/bootgate/demo-keys}. */
    static Path keyDirectory(DemoConfiguration configuration) {
        String configured = configuration.keyDirectory().strip();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return karafData().resolve("bootgate").resolve("demo-keys");
    }

    /**
     * The server's URI as the hosted devices reach it: they run in this JVM, so a server bound to every address
     * is reached on loopback.
     */
    static URI uri(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        if (host == null || host.isAnyLocalAddress()) {
            host = InetAddress.getLoopbackAddress();
        }
        try {
            return new URI("coaps", null, host.getHostAddress(), address.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bootstrap server address " + address + " gives no URI", e);
        }
    }
}
