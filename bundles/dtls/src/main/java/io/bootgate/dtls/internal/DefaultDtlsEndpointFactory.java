/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsClusterNode;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.HandshakeStatistics;
import io.bootgate.api.security.ManagementClientConfig;
import io.bootgate.api.security.ManagementSecurityPolicy;
import io.bootgate.api.security.PskCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.eclipse.californium.scandium.dtls.x509.CertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DtlsEndpointFactory} service: creates the Bootstrap interface's DTLS endpoints over shared,
 * bounded resources.
 * <ul>
 * <li>one scheduled pool runs all DTLS work (record processing, handshakes, retransmission timers), another
 * all CoAP work and request handlers;</li>
 * <li>a {@link DatagramReceiverPool} of a few threads reads every endpoint's socket;</li>
 * <li>two {@link HandshakeLimiter}s bound the handshakes running at once, one for all server endpoints,
 * one for all client endpoints.</li>
 * </ul>
 * The thread count is therefore fixed by the configuration ({@link DtlsTransportSettings#threadBudget()}),
 * whatever the number of endpoints.
 */
@Component(
        service = {DtlsEndpointFactory.class, HandshakeStatistics.class},
        configurationPid = DefaultDtlsEndpointFactory.PID)
@Designate(ocd = DtlsFactoryConfiguration.class)
public final class DefaultDtlsEndpointFactory implements DtlsEndpointFactory, HandshakeStatistics, AutoCloseable {

    static final String PID = "io.bootgate.dtls";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDtlsEndpointFactory.class);

    /** How long a server handshake slot reserved for a ClientHello waits for Scandium to use it, at least. */
    private static final Duration MIN_RESERVATION_TTL = Duration.ofSeconds(2);

    private final DtlsTransportSettings settings;
    private final Configuration configuration;
    /** The same without ECDHE groups, which Scandium refuses on a connector with PSK suites only. */
    private final Configuration pskConfiguration;
    /** ECDHE groups in order of preference, for the crypto providers present when this factory started. */
    private final List<SupportedGroup> groups;

    private final ScheduledThreadPoolExecutor dtlsExecutor;
    private final ScheduledThreadPoolExecutor coapExecutor;
    private final DatagramReceiverPool receivers;
    private final HandshakeLimiter serverHandshakes;
    private final HandshakeLimiter clientHandshakes;
    private final HandshakeTracking.ServerAdmission serverAdmission;
    private final HandshakeTracking.Gauge clientGauge = new HandshakeTracking.Gauge();
    private final Set<AutoCloseable> endpoints = ConcurrentHashMap.newKeySet();
    /** Each device's key pair is proven on its first endpoint, not on every bootstrap attempt. */
    private final VerifiedKeyPairs keyPairs = new VerifiedKeyPairs();
    /** Sessions of closed bootstrap clients, resumed by the same device's next bootstrap with that server. */
    private final ClientSessionCache sessions;

    private volatile boolean closed;

    @Activate
    public DefaultDtlsEndpointFactory(DtlsFactoryConfiguration configuration) throws IOException {
        this(
                DtlsTransportSettings.from(configuration),
                new ClientSessionCache(
                        configuration.client_session_cache_size(),
                        Duration.ofSeconds(configuration.client_session_lifetime_seconds())));
    }

    DefaultDtlsEndpointFactory(DtlsTransportSettings settings) throws IOException {
        this(
                settings,
                new ClientSessionCache(ClientSessionCache.DEFAULT_MAX_ENTRIES, ClientSessionCache.DEFAULT_LIFETIME));
    }

    DefaultDtlsEndpointFactory(DtlsTransportSettings settings, ClientSessionCache sessions) throws IOException {
        this.settings = settings;
        this.sessions = sessions;
        // Fail fast, at activation, if this JVM lacks a suite or group the policy requires.
        DtlsConnectorConfigs.cipherSuites();
        String signatures = providerOf("Signature", "SHA256withECDSA");
        String ecdh = providerOf("KeyAgreement", "ECDH");
        this.groups = DtlsConnectorConfigs.groupsFor(ecdh);
        this.configuration = DtlsConnectorConfigs.baseConfiguration(groups);
        this.pskConfiguration = DtlsConnectorConfigs.baseConfiguration();
        this.dtlsExecutor = pool(settings.dtlsThreads(), "bootgate-dtls");
        this.coapExecutor = pool(settings.coapThreads(), "bootgate-coap");
        try {
            this.receivers = new DatagramReceiverPool(settings.receiverThreads(), "bootgate-dtls-receiver");
        } catch (IOException e) {
            dtlsExecutor.shutdownNow();
            coapExecutor.shutdownNow();
            throw e;
        }
        this.serverHandshakes = new HandshakeLimiter("server handshakes", settings.maxServerHandshakes(), coapExecutor);
        this.clientHandshakes = new HandshakeLimiter("client handshakes", settings.maxClientHandshakes(), coapExecutor);
        // A cookie ClientHello waits in the DTLS queue for milliseconds; allow a generous margin before its
        // reserved slot is presumed unused.
        Duration reservationTtl = settings.retransmissionTimeout().multipliedBy(2);
        this.serverAdmission = new HandshakeTracking.ServerAdmission(
                serverHandshakes,
                reservationTtl.compareTo(MIN_RESERVATION_TTL) < 0 ? MIN_RESERVATION_TTL : reservationTtl);
        coapExecutor.scheduleWithFixedDelay(serverAdmission::expireReservations, 1, 1, TimeUnit.SECONDS);
        LOG.info(
                "DTLS endpoint factory started: {} DTLS + {} CoAP + {} receiver threads, at most {} server and {}"
                        + " client handshakes at once",
                settings.dtlsThreads(),
                settings.coapThreads(),
                settings.receiverThreads(),
                settings.maxServerHandshakes(),
                settings.maxClientHandshakes());
        // Which JCA provider does the handshake's P-256 work (the optional bootgate-crypto-native feature installs
        // a native one first; Scandium caches Signature instances per thread, so it applies to new factories).
        LOG.info("DTLS crypto: SHA256withECDSA from {}, ECDH from {}; ECDHE groups {}", signatures, ecdh, groups);
    }

    private static String providerOf(String type, String algorithm) {
        try {
            java.security.Provider provider = "Signature".equals(type)
                    ? java.security.Signature.getInstance(algorithm).getProvider()
                    : javax.crypto.KeyAgreement.getInstance(algorithm).getProvider();
            return provider.getName();
        } catch (java.security.NoSuchAlgorithmException e) {
            return "no provider (" + e.getMessage() + ")";
        }
    }

    @Override
    public SecureServerEndpoint createBootstrapServer(ServerEndpointConfig config) throws SecurityPolicyException {
        ensureOpen();
        EndpointLabel label =
                new EndpointLabel("bootstrap server " + config.bindAddress().getHostString() + ":"
                        + config.bindAddress().getPort());
        BootstrapSecurityPolicy.checkServer(config);
        keyPairs.check(config.credentials(), label.toString());
        PeerCertificateVerifier verifier = new PeerCertificateVerifier(
                label, config.rpkTrust().orElse(null), config.x509Trust().orElse(null), null);
        CertificateProvider identity =
                new ServerIdentityProvider(label, serverIdentity(config.credentials()), config.serverNames());
        HandshakeTracking.ServerSessions sessions = new HandshakeTracking.ServerSessions(label, serverAdmission);
        DtlsConnectorConfig dtls = scandium(
                label,
                () -> DtlsConnectorConfigs.server(
                        configuration,
                        settings,
                        config.bindAddress(),
                        config.connectionId(),
                        config.cluster().map(DtlsClusterNode::nodeId),
                        verifier,
                        identity,
                        new HandshakeTracking.ServerSessions(label, serverAdmission),
                        label));
        DTLSConnector connector = config.cluster().isPresent()
                ? clusterNode(label, dtls, config.cluster().get())
                : new PooledDtlsConnector(dtls, dtlsExecutor, receivers, serverAdmission);
        HandlerDeliverer deliverer =
                new HandlerDeliverer(label, config.handler(), config.identityVerifier(), configuration);
        CoapEndpoint endpoint = coapEndpoint(connector, label, deliverer);
        return register(
                new DefaultSecureServerEndpoint(this, config, label, connector, endpoint, deliverer.observations()));
    }

    private ClusterNodeDtlsConnector clusterNode(EndpointLabel label, DtlsConnectorConfig dtls, DtlsClusterNode node) {
        try {
            ClusterNodeDtlsConnector connector =
                    new ClusterNodeDtlsConnector(dtls, node, dtlsExecutor, serverAdmission);
            if (node.secret().isEmpty()) {
                LOG.warn(
                        "{}: cluster node {} forwards records to {} without a cluster secret: anyone who can send to"
                                + " {} can inject records in the name of any client; set a secret unless that"
                                + " network is private to the nodes",
                        label,
                        node.nodeId(),
                        node.nodes(),
                        node.internalAddress());
            }
            return connector;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(label + ": DTLS cluster configuration refused: " + e.getMessage(), e);
        }
    }

    @Override
    public SecureClientEndpoint createBootstrapClient(ClientEndpointConfig config) throws SecurityPolicyException {
        BootstrapSecurityPolicy.checkClient(config);
        return newClient(config);
    }

    /**
     * Builds a client endpoint from a config the caller has checked; {@code connect()} checks it again, so
     * even an endpoint built from an unchecked config never sends to a refused account.
     */
    DefaultSecureClientEndpoint newClient(ClientEndpointConfig config) throws SecurityPolicyException {
        ensureOpen();
        EndpointLabel label = new EndpointLabel("bootstrap client "
                + config.deviceName().map(name -> name + " -> ").orElse("") + config.serverUri());
        DtlsCredentials credentials =
                config.credentials().orElseThrow(() -> new SecurityPolicyException(label + ": no credentials"));
        keyPairs.check(credentials, label.toString());
        PeerCertificateVerifier verifier = new PeerCertificateVerifier(
                label, config.rpkTrust().orElse(null), config.x509Trust().orElse(null), expectedServerName(config));
        CertificateProvider identity = clientIdentity(credentials);
        DtlsConnectorConfig dtls = scandium(
                label,
                () -> DtlsConnectorConfigs.client(
                        configuration,
                        settings,
                        config.bindAddress(),
                        config.connectionId(),
                        verifier,
                        identity,
                        clientGauge,
                        label));
        PooledDtlsConnector connector = new PooledDtlsConnector(dtls, dtlsExecutor, receivers, null);
        HandlerDeliverer deliverer = new HandlerDeliverer(label, config.handler(), null, configuration);
        CoapEndpoint endpoint = coapEndpoint(connector, label, deliverer);
        // No cache key (a digest of keys and certificates) when resumption is off.
        DefaultSecureClientEndpoint.Resumption resumption = sessions.enabled()
                ? new DefaultSecureClientEndpoint.Resumption(
                        sessions, ClientSessionCache.keyOf(config, credentials), verifier)
                : null;
        return register(new DefaultSecureClientEndpoint(
                this, config, label, connector, endpoint, deliverer.observations(), resumption));
    }

    /**
     * A device's endpoint towards one management server. RPK and X.509 as for a bootstrap client (same
     * suites, groups and verification); PSK with the PSK suites and NoSec over plain UDP only when this
     * factory's configuration allows them. Every kind shares the factory's executors, socket selectors and
     * client handshake admission.
     */
    @Override
    public SecureClientEndpoint createManagementClient(ManagementClientConfig config) throws SecurityPolicyException {
        ManagementSecurityPolicy.checkClient(config, settings.managementAllowPsk(), settings.managementAllowNoSec());
        return newManagementClient(config);
    }

    /**
     * Builds a management client endpoint from a config the caller has checked; {@code connect()} checks it
     * again with this factory's configuration, so an unchecked config never reaches the network either.
     */
    DefaultSecureClientEndpoint newManagementClient(ManagementClientConfig config) throws SecurityPolicyException {
        boolean allowPsk = settings.managementAllowPsk();
        boolean allowNoSec = settings.managementAllowNoSec();
        ensureOpen();
        ClientEndpointConfig endpointConfig = config.endpoint();
        EndpointLabel label = new EndpointLabel("management client "
                + endpointConfig.deviceName().map(name -> name + " -> ").orElse("") + config.serverUri());
        boolean noSec = config.securityMode() == SecurityMode.NO_SEC;
        Connector connector;
        if (noSec) {
            connector = new PooledUdpConnector(endpointConfig.bindAddress(), receivers, label);
        } else if (config.securityMode() == SecurityMode.PRE_SHARED_KEY) {
            PskCredentials psk = config.pskCredentials().orElseThrow();
            DtlsConnectorConfig dtls = scandium(
                    label,
                    () -> DtlsConnectorConfigs.managementPskClient(
                            pskConfiguration,
                            settings,
                            endpointConfig.bindAddress(),
                            endpointConfig.connectionId(),
                            psk,
                            clientGauge,
                            label));
            connector = new PooledDtlsConnector(dtls, dtlsExecutor, receivers, null);
        } else {
            DtlsCredentials credentials = endpointConfig
                    .credentials()
                    .orElseThrow(() -> new SecurityPolicyException(label + ": no credentials"));
            keyPairs.check(credentials, label.toString());
            PeerCertificateVerifier verifier = new PeerCertificateVerifier(
                    label,
                    endpointConfig.rpkTrust().orElse(null),
                    endpointConfig.x509Trust().orElse(null),
                    expectedServerName(endpointConfig));
            CertificateProvider identity = clientIdentity(credentials);
            DtlsConnectorConfig dtls = scandium(
                    label,
                    () -> DtlsConnectorConfigs.client(
                            configuration,
                            settings,
                            endpointConfig.bindAddress(),
                            endpointConfig.connectionId(),
                            verifier,
                            identity,
                            clientGauge,
                            label));
            connector = new PooledDtlsConnector(dtls, dtlsExecutor, receivers, null);
        }
        AtomicReference<DefaultSecureClientEndpoint> created = new AtomicReference<>();
        Function<EndpointContext, PeerIdentity> identities = context -> {
            PeerIdentity peer = CoapMessages.managementPeerIdentity(context, noSec);
            // DTLS client connectors accept no handshake, so only the server reaches the handler; a plain UDP
            // socket hears anyone, so a NoSec endpoint answers its management server's address only.
            if (noSec && !created.get().isServerAddress(peer.address())) {
                throw new IllegalStateException(
                        "plain CoAP from " + peer.address() + ", not from the management server");
            }
            return peer;
        };
        HandlerDeliverer deliverer =
                new HandlerDeliverer(label, endpointConfig.handler(), null, identities, configuration);
        CoapEndpoint endpoint = coapEndpoint(connector, label, deliverer);
        // Checked again on every connect, with the configuration this factory runs with.
        DefaultSecureClientEndpoint.PolicyCheck policy =
                () -> ManagementSecurityPolicy.checkClient(config, allowPsk, allowNoSec);
        DefaultSecureClientEndpoint client = new DefaultSecureClientEndpoint(
                this, endpointConfig, label, connector, endpoint, policy, identities, deliverer.observations(), null);
        created.set(client);
        return register(client);
    }

    /** Closes every endpoint this factory created, then its threads. */
    @Deactivate
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> open = new ArrayList<>(endpoints);
        for (AutoCloseable endpoint : open) {
            try {
                endpoint.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", endpoint, e);
            }
        }
        receivers.close();
        coapExecutor.shutdown();
        dtlsExecutor.shutdown();
        try {
            if (!coapExecutor.awaitTermination(2, TimeUnit.SECONDS)
                    || !dtlsExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("DTLS endpoint factory threads still busy after 2 s; interrupting them");
                coapExecutor.shutdownNow();
                dtlsExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            coapExecutor.shutdownNow();
            dtlsExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("DTLS endpoint factory stopped ({} endpoints closed)", open.size());
    }

    @Override
    public long serverHandshakesStarted() {
        return serverAdmission.started();
    }

    @Override
    public long serverHandshakesCompleted() {
        return serverAdmission.completed();
    }

    @Override
    public long serverHandshakesFailed() {
        return serverAdmission.failed();
    }

    @Override
    public long droppedClientHellos() {
        return serverAdmission.droppedClientHellos();
    }

    @Override
    public int serverHandshakesRunning() {
        return serverAdmission.runningNow();
    }

    @Override
    public int maxServerHandshakes() {
        return serverHandshakes.max();
    }

    @Override
    public long clientSessionsOffered() {
        return sessions.offeredCount();
    }

    @Override
    public long clientSessionsResumed() {
        return sessions.resumedCount();
    }

    ScheduledExecutorService timer() {
        return coapExecutor;
    }

    HandshakeLimiter clientHandshakes() {
        return clientHandshakes;
    }

    HandshakeLimiter serverHandshakes() {
        return serverHandshakes;
    }

    HandshakeTracking.Gauge clientGauge() {
        return clientGauge;
    }

    HandshakeTracking.ServerAdmission serverAdmission() {
        return serverAdmission;
    }

    ClientSessionCache sessions() {
        return sessions;
    }

    List<SupportedGroup> groups() {
        return groups;
    }

    VerifiedKeyPairs keyPairs() {
        return keyPairs;
    }

    DatagramReceiverPool receivers() {
        return receivers;
    }

    int openEndpoints() {
        return endpoints.size();
    }

    void forget(AutoCloseable endpoint) {
        endpoints.remove(endpoint);
    }

    private <T extends AutoCloseable> T register(T endpoint) {
        endpoints.add(endpoint);
        if (closed) {
            // Lost a race with close(): do not leave an endpoint behind that nobody will close.
            forget(endpoint);
            try {
                endpoint.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", endpoint, e);
            }
            throw new IllegalStateException("the DTLS endpoint factory is closed");
        }
        return endpoint;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the DTLS endpoint factory is closed");
        }
    }

    private CoapEndpoint coapEndpoint(Connector connector, EndpointLabel label, HandlerDeliverer deliverer) {
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConnector(connector)
                .setConfiguration(configuration)
                .setLoggingTag(label.toString())
                .build();
        endpoint.setMessageDeliverer(deliverer);
        // Shared pools: without them each CoapEndpoint would start a thread of its own.
        endpoint.setExecutors(coapExecutor, coapExecutor);
        return endpoint;
    }

    /** The host name (SNI) or the URI's IP literal a server certificate must name. */
    private static String expectedServerName(ClientEndpointConfig config) {
        return config.serverName()
                .orElseGet(() -> ServerNameMatcher.normalize(config.serverUri().getHost()));
    }

    private static SingleCertificateProvider serverIdentity(DtlsCredentials credentials) {
        if (credentials instanceof X509Credentials) {
            X509Credentials x509 = (X509Credentials) credentials;
            // A certificate's key can also serve clients that ask for a Raw Public Key server identity.
            return new SingleCertificateProvider(
                    x509.privateKey(),
                    x509.chain().toArray(new X509Certificate[0]),
                    CertificateType.X_509,
                    CertificateType.RAW_PUBLIC_KEY);
        }
        RpkCredentials rpk = (RpkCredentials) credentials;
        return new SingleCertificateProvider(rpk.privateKey(), rpk.publicKey());
    }

    /** The device's identity, its key pair proven by {@link VerifiedKeyPairs} already. */
    private static CertificateProvider clientIdentity(DtlsCredentials credentials) {
        if (credentials instanceof X509Credentials) {
            X509Credentials x509 = (X509Credentials) credentials;
            return PreverifiedIdentityProvider.x509(x509.privateKey(), x509.chain());
        }
        RpkCredentials rpk = (RpkCredentials) credentials;
        return PreverifiedIdentityProvider.rpk(rpk.privateKey(), rpk.publicKey());
    }

    private static DtlsConnectorConfig scandium(EndpointLabel label, ConfigBuilder builder) {
        try {
            return builder.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": DTLS configuration refused: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ConfigBuilder {
        DtlsConnectorConfig build();
    }

    private static ScheduledThreadPoolExecutor pool(int threads, String prefix) {
        ScheduledThreadPoolExecutor pool =
                new ScheduledThreadPoolExecutor(threads, new NamedDaemonThreadFactory(prefix));
        // Thousands of retransmission and deadline timers get cancelled: do not keep them queued until due.
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // The queue is unbounded, so only a closing factory rejects: a retransmission timer or response job that a
        // closed endpoint's last in-flight exchange schedules then has nothing left to do. Dropped quietly, not
        // thrown into Californium's serial executors (which would log each one as an unexpected ERROR).
        pool.setRejectedExecutionHandler((task, executor) -> LOG.debug("{} closed: a late task was dropped", prefix));
        return pool;
    }
}
