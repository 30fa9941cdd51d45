/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapServer;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionListener;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.api.codec.LwM2mDecoder;
import io.bootgate.api.codec.LwM2mEncoder;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.security.DtlsClusterNode;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.bootstrap.server.internal.transport.TransportDeviceChannel;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole bootstrap server outside of OSGi: the DTLS endpoint (from a {@link DtlsEndpointFactory}), trust
 * built from the config store, the protocol engine and the session listeners. The DS component wraps one; tests
 * run one directly against real clients.
 */
public final class EmbeddedBootstrapServer implements BootstrapServer, BootstrapConfigListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBootstrapServer.class);
    /** Sessions only wait on the network, so two threads serve thousands of them. */
    private static final int SESSION_THREADS = 2;

    /** Everything the server is configured with. */
    public record Options(
            InetSocketAddress bindAddress,
            DtlsCredentials credentials,
            List<X509Certificate> trustedDeviceCertificates,
            Set<String> serverNames,
            BootstrapServerEngine.Settings settings,
            Duration requestTimeout,
            Optional<DtlsClusterNode> cluster) {
        public Options {
            Objects.requireNonNull(bindAddress, "bindAddress");
            Objects.requireNonNull(credentials, "credentials");
            trustedDeviceCertificates = List.copyOf(trustedDeviceCertificates);
            serverNames = Set.copyOf(serverNames);
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(cluster, "cluster");
        }

        /** A single server, not a node of a cluster. */
        public Options(
                InetSocketAddress bindAddress,
                DtlsCredentials credentials,
                List<X509Certificate> trustedDeviceCertificates,
                Set<String> serverNames,
                BootstrapServerEngine.Settings settings,
                Duration requestTimeout) {
            this(
                    bindAddress,
                    credentials,
                    trustedDeviceCertificates,
                    serverNames,
                    settings,
                    requestTimeout,
                    Optional.empty());
        }
    }

    /**
     * The content formats and object definitions the server speaks with: in OSGi the codec bundle's services (with
     * the operator's codec limits) and the {@code ObjectModels} service's registry, read when a session starts.
     */
    public record Codecs(
            LwM2mEncoder encoder, LwM2mDecoder decoder, LinkFormat linkFormat, Supplier<ObjectModelRegistry> models) {
        public Codecs {
            Objects.requireNonNull(encoder, "encoder");
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(linkFormat, "linkFormat");
            Objects.requireNonNull(models, "models");
        }
    }

    private final List<BootstrapSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final ConfigTrust trust;
    private final ScheduledThreadPoolExecutor scheduler;
    private final SecureServerEndpoint endpoint;
    private final BootstrapServerEngine engine;

    private final PublicKey publicKey;

    /**
     * Creates the endpoint; nothing is bound before {@link #start()}.
     *
     * @throws SecurityPolicyException when the DTLS bundle refuses the server's credentials
     */
    public EmbeddedBootstrapServer(
            DtlsEndpointFactory factory, BootstrapConfigStore store, Codecs codecs, Options options)
            throws SecurityPolicyException {
        this.publicKey = options.credentials().publicKey();
        this.trust = new ConfigTrust(store);
        this.scheduler = new ScheduledThreadPoolExecutor(SESSION_THREADS, daemonThreads("bootgate-bs-session-"));
        scheduler.setRemoveOnCancelPolicy(true);
        SecureServerEndpoint[] endpointRef = new SecureServerEndpoint[1];
        PeerSessions sessions = new PeerSessions() {
            @Override
            public Optional<PeerIdentity> peerIdentity(InetSocketAddress address) {
                return endpointRef[0].peerIdentity(address);
            }

            @Override
            public List<PeerIdentity> peers(Predicate<? super PeerIdentity> filter) {
                return endpointRef[0].peers(filter);
            }
        };
        this.engine = new BootstrapServerEngine(
                store,
                peer -> new TransportDeviceChannel(
                        endpointRef[0],
                        peer,
                        codecs.encoder(),
                        codecs.decoder(),
                        codecs.linkFormat(),
                        codecs.models().get()),
                sessions,
                codecs.encoder(),
                scheduler,
                options.settings(),
                this::publish,
                Clock.systemUTC());
        ServerEndpointConfig.Builder config = ServerEndpointConfig.builder(options.bindAddress())
                .credentials(options.credentials())
                .rpkTrust(trust)
                .identityVerifier(trust)
                .handler(engine)
                .serverNames(options.serverNames())
                .requestTimeout(options.requestTimeout())
                .cluster(options.cluster().orElse(null));
        if (!options.trustedDeviceCertificates().isEmpty()) {
            config.x509Trust(X509Trust.pkix(options.trustedDeviceCertificates()));
        }
        try {
            this.endpoint = factory.createBootstrapServer(config.build());
        } catch (SecurityPolicyException | RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
        endpointRef[0] = endpoint;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** @throws TransportException when the address cannot be bound */
    public void start() throws TransportException {
        endpoint.start();
        LOG.info("LwM2M bootstrap server listening on coaps://{}", endpoint.localAddress());
    }

    @Override
    public void close() {
        engine.close();
        endpoint.close();
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public void addSessionListener(BootstrapSessionListener listener) {
        listeners.add(listener);
    }

    public void removeSessionListener(BootstrapSessionListener listener) {
        listeners.remove(listener);
    }

    private void publish(BootstrapSessionEvent event) {
        for (BootstrapSessionListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Session listener {} failed on {} of {}",
                        listener,
                        event.getClass().getSimpleName(),
                        event.endpoint(),
                        e);
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(
            String endpointName, InetSocketAddress clientAddress) {
        return engine.bootstrap(endpointName, clientAddress);
    }

    @Override
    public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpointName) {
        return engine.bootstrap(endpointName);
    }

    @Override
    public Set<String> activeSessions() {
        return engine.activeSessions();
    }

    @Override
    public boolean cancel(String endpointName) {
        return engine.cancel(endpointName);
    }

    @Override
    public void configUpdated(BootstrapConfig config) {
        trust.configUpdated(config);
    }

    @Override
    public void configRemoved(String endpointName) {
        trust.configRemoved(endpointName);
    }
}
