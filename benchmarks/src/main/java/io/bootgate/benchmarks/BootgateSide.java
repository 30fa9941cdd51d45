/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.HandshakeStatistics;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.engine.internal.EngineSettings;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedBootstrapMode;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedConfiguration;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.InMemoryBootstrapConfigStore;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Bootgate as a gateway runs it, without Karaf: the real object store (in memory), codec, ACL service, DTLS
 * endpoint factory, bootstrap engine and client-initiated mode (wired by the mode's test kit exactly as the DS
 * components are), bootstrapping from Bootgate's own bootstrap server in the same JVM over loopback DTLS.
 * <p>
 * Each device gets a bootstrap configuration that deletes {@code /0/1} and {@code /1} and writes one management
 * server account (Short Server ID 101, Security and Server object), as the demo's devices get.
 */
final class BootgateSide implements Side {

    /** Which credentials devices and server use. */
    enum Credentials {
        RPK,
        X509
    }

    private static final Duration EXCHANGE_LIFETIME = EngineSettings.EXCHANGE_LIFETIME;

    private final Credentials credentials;
    private final TestGateway gateway;
    private final InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    private final KeyPair serverKeys;
    private final TestPki pki;
    private final X509Certificate serverCertificate;
    private final EmbeddedBootstrapServer server;
    private final URI uri;
    private final URI managementUri;
    private final java.security.PublicKey managementKey;
    private long handshakesStarted;
    private long handshakesCompleted;
    private long sessionsOffered;
    private long sessionsResumed;

    /**
     * @param admission the engine's attempt limit and first-start jitter; empty: none (the harness alone limits
     *     how many bootstraps are in flight)
     */
    BootgateSide(Credentials credentials, Optional<EngineSettings> admission) throws Exception {
        this(credentials, admission, URI.create("coaps://127.0.0.1:5784"), null);
    }

    /**
     * The same with each device's management server account pointing at {@code managementUri}, authenticated by
     * {@code managementKey} (null: the bootstrap server's key, as the other scenarios use).
     */
    BootgateSide(
            Credentials credentials,
            Optional<EngineSettings> admission,
            URI managementUri,
            java.security.PublicKey managementKey)
            throws Exception {
        this.credentials = credentials;
        this.managementUri = managementUri;
        this.managementKey = managementKey;
        this.gateway = new TestGateway(TestAccessControl::create, EXCHANGE_LIFETIME);
        try {
            admission.ifPresent(settings -> gateway.engine().updateSettings(settings));
            gateway.install(
                    new ClientInitiatedBootstrapMode(
                            gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                    true);
            DtlsCredentials serverCredentials;
            List<X509Certificate> trusted;
            if (credentials == Credentials.X509) {
                this.pki = new TestPki();
                TestPki.Credentials server = pki.server("localhost");
                this.serverKeys = server.keys();
                this.serverCertificate = server.certificate();
                serverCredentials = new X509Credentials(serverKeys.getPrivate(), List.of(serverCertificate));
                trusted = List.of(pki.caCertificate());
            } else {
                this.pki = null;
                this.serverKeys = TestPki.newKeyPair();
                this.serverCertificate = null;
                serverCredentials = new RpkCredentials(serverKeys);
                trusted = List.of();
            }
            DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
            this.server = new EmbeddedBootstrapServer(
                    gateway.dtls(),
                    configs,
                    new EmbeddedBootstrapServer.Codecs(
                            codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard),
                    new EmbeddedBootstrapServer.Options(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            serverCredentials,
                            trusted,
                            Set.of(),
                            new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                            Duration.ofSeconds(10)));
            server.start();
            this.uri = URI.create("coaps://127.0.0.1:" + server.localAddress().getPort());
        } catch (Exception | Error e) {
            gateway.close();
            throw e;
        }
    }

    /** The engine's default admission control (attempt limit and first-start jitter), as a gateway starts with. */
    static EngineSettings defaultAdmission() {
        return new EngineSettings(
                        EXCHANGE_LIFETIME,
                        new RetrySettings(Duration.ofHours(1), 1, Duration.ofHours(1), 0, Duration.ofHours(2), 0),
                        Duration.ofMillis(200))
                .withAdmission(EngineSettings.MAX_CONCURRENT_ATTEMPTS, EngineSettings.FIRST_START_JITTER);
    }

    @Override
    public List<String> provision(String prefix, int count) {
        List<String> endpoints = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String endpoint = "urn:dev:bench:" + prefix + ":" + i;
            KeyPair deviceKeys;
            ObjectInstance bootstrapAccount;
            DeviceIdentity identity;
            if (credentials == Credentials.X509) {
                TestPki.Credentials device = pki.client(endpoint);
                deviceKeys = device.keys();
                // Certificate Usage 2 (trust anchor assertion): the test CA is the anchor for the server.
                bootstrapAccount =
                        Devices.x509BootstrapAccount(0, uri, deviceKeys, device.certificate(), pki.caCertificate(), 2);
                identity = DeviceIdentity.x509();
            } else {
                deviceKeys = TestPki.newKeyPair();
                bootstrapAccount = Devices.rpkBootstrapAccount(0, uri, deviceKeys, serverKeys.getPublic());
                identity = DeviceIdentity.rawPublicKey(deviceKeys.getPublic());
            }
            BootstrapConfig config = BootstrapConfig.builder(endpoint, identity)
                    .deletes(List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1)))
                    .server(ServerAccount.builder(101)
                            .securityInstanceId(1)
                            .serverInstanceId(0)
                            .uri(managementUri.toString())
                            .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                            .publicKeyOrIdentity(deviceKeys.getPublic().getEncoded())
                            .serverPublicKey(
                                    (managementKey != null ? managementKey : serverKeys.getPublic()).getEncoded())
                            .secretKey(deviceKeys.getPrivate().getEncoded())
                            .lifetime(120)
                            .binding("U")
                            .build())
                    .build();
            configs.put(config);
            // As the config store's listener in OSGi: the server indexes the device's key at once.
            server.configUpdated(config);
            Devices.provision(
                    gateway.store(),
                    endpoint,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(bootstrapAccount, Devices.device("SN-" + prefix + "-" + i)));
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    TestGateway gateway() {
        return gateway;
    }

    /** Forgets a device's bootstrap configuration on the server, so that its next bootstrap is refused. */
    void removeServerConfig(String endpoint) {
        configs.remove(endpoint);
        server.configRemoved(endpoint);
    }

    /** First bootstraps: adds each device to the engine and runs its mode sequence. */
    @Override
    public void bootstrap(List<String> endpoints, Run run) throws InterruptedException {
        for (String endpoint : endpoints) {
            run.start(start -> report(
                    endpoint,
                    gateway.bootstrap(new DeviceBootstrapConfig(
                            endpoint,
                            List.of(BootstrapModeName.CLIENT_INITIATED),
                            Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                            Optional.empty())),
                    start,
                    run));
        }
    }

    /** Bootstraps again devices the engine already knows (and has bootstrapped). */
    void rebootstrap(List<String> endpoints, Run run) throws InterruptedException {
        for (String endpoint : endpoints) {
            run.start(start -> report(endpoint, gateway.engine().requestBootstrap(endpoint), start, run));
        }
    }

    private static void report(String endpoint, CompletionStage<BootstrapOutcome> outcome, long start, Run run) {
        outcome.whenComplete((result, error) -> {
            if (error != null) {
                run.failed(endpoint, error.toString());
            } else if (result.isSuccess()) {
                run.succeeded(start);
            } else {
                run.failed(endpoint, result.toString());
            }
        });
    }

    /** The bootstrap server's DTLS handshakes in the round: whether a bootstrap costs one full handshake or more. */
    @Override
    public String roundNote() {
        HandshakeStatistics statistics = (HandshakeStatistics) gateway.dtls();
        long started = statistics.serverHandshakesStarted() - handshakesStarted;
        long completed = statistics.serverHandshakesCompleted() - handshakesCompleted;
        long offered = statistics.clientSessionsOffered() - sessionsOffered;
        long resumed = statistics.clientSessionsResumed() - sessionsResumed;
        handshakesStarted += started;
        handshakesCompleted += completed;
        sessionsOffered += offered;
        sessionsResumed += resumed;
        return "bootstrap server DTLS handshakes (full or resumed): " + started + " started, " + completed
                + " completed; sessions resumed: " + resumed + " of " + offered + " offered";
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            gateway.close();
        }
    }
}
