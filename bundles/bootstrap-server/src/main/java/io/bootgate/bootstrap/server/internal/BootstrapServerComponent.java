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
import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ObjectModels;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.TransportException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap server as an OSGi service: a DTLS endpoint from the DTLS bundle, configs from the
 * {@link BootstrapConfigStore}, events to {@link BootstrapSessionListener} services. Once running it registers a
 * {@link BootstrapConfigListener} so that its trust follows config changes.
 */
// Immediate: the server must listen as soon as it can, not when some bundle first asks for the service.
// The config listener is registered by hand after activation rather than declared as a service of this component:
// the store binds every listener, and this component needs the store, so declaring it made SCR report a circular
// reference (an ERROR in the log) at every start.
@Component(
        service = BootstrapServer.class,
        immediate = true,
        configurationPid = BootstrapServerConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BootstrapServerConfiguration.class)
public final class BootstrapServerComponent implements BootstrapServer {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapServerComponent.class);

    @Reference
    private DtlsEndpointFactory factory;

    @Reference
    private BootstrapConfigStore store;

    @Reference
    private KeyCodec keys;
    // The codec bundle's services, so that the operator's codec limits (pid io.bootgate.codec) apply here too.
    @Reference
    private LwM2mEncoder encoder;

    @Reference
    private LwM2mDecoder decoder;

    @Reference
    private LinkFormat linkFormat;

    @Reference
    private ObjectModels models;

    private final List<BootstrapSessionListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile EmbeddedBootstrapServer server;
    private ServiceRegistration<BootstrapConfigListener> configListener;

    @Activate
    synchronized void activate(BundleContext context, BootstrapServerConfiguration configuration)
            throws IOException, GeneralSecurityException, KeyFormatException, TransportException {
        ContentFormat format;
        try {
            format = ContentFormat.valueOf(configuration.defaultContentFormat().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    BootstrapServerConfiguration.PID + ": defaultContentFormat '" + configuration.defaultContentFormat()
                            + "' is not TLV, SENML_CBOR or SENML_JSON",
                    e);
        }
        EmbeddedBootstrapServer.Options options = new EmbeddedBootstrapServer.Options(
                new InetSocketAddress(configuration.host(), configuration.port()),
                credentials(keys, configuration),
                trustedCertificates(keys, configuration),
                // A .cfg file gives "a.example, b.example" as one string: split it (host names hold no comma).
                Arrays.stream(configuration.serverNames())
                        .flatMap(names -> Arrays.stream(names.split(",")))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()),
                new BootstrapServerEngine.Settings(format, Duration.ofSeconds(configuration.sessionTimeoutSeconds())),
                Duration.ofSeconds(configuration.requestTimeoutSeconds()),
                ClusterSettings.node(configuration));
        EmbeddedBootstrapServer created = new EmbeddedBootstrapServer(
                factory,
                store,
                new EmbeddedBootstrapServer.Codecs(encoder, decoder, linkFormat, models::registry),
                options);
        listeners.forEach(created::addSessionListener);
        try {
            created.start();
        } catch (TransportException | RuntimeException e) {
            created.close();
            throw e;
        }
        server = created;
        configListener = context.registerService(BootstrapConfigListener.class, new ConfigFollower(), null);
    }

    @Deactivate
    synchronized void deactivate() {
        if (configListener != null) {
            configListener.unregister();
            configListener = null;
        }
        EmbeddedBootstrapServer current = server;
        server = null;
        if (current != null) {
            current.close();
        }
    }

    /**
     * The server's private key, created (P-256, owner-only file) on first start so that a fresh installation runs
     * with nothing else installed; with a certificate chain the server uses X.509, else its Raw Public Key.
     */
    static DtlsCredentials credentials(KeyCodec keys, BootstrapServerConfiguration configuration)
            throws IOException, KeyFormatException {
        String configured = configuration.privateKeyFile().strip();
        Path keyFile = configured.isEmpty()
                ? FileConfigStoreComponent.karafEtc().resolve("bootgate").resolve("bootstrap-server.key.pem")
                : Path.of(configured);
        if (!Files.exists(keyFile)) {
            KeyPair generated = keys.generate(KeyAlgorithm.EC_P256);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            keys.writeOwnerOnly(keyFile, keys.privateKeyPem(generated.getPrivate()));
            LOG.info(
                    "Bootstrap server key created in {}; devices trust this Raw Public Key (sha256:{}):\n{}",
                    keyFile,
                    PeerIdentity.fingerprint(generated.getPublic()),
                    keys.publicKeyPem(generated.getPublic()));
        }
        KeyPair keyPair = keys.readKeyPair(keyFile);
        String chain = configuration.certificateChainFile().strip();
        if (chain.isEmpty()) {
            return new RpkCredentials(keyPair);
        }
        return new X509Credentials(keyPair.getPrivate(), keys.readCertificates(Path.of(chain)));
    }

    static List<X509Certificate> trustedCertificates(KeyCodec keys, BootstrapServerConfiguration configuration)
            throws IOException, KeyFormatException {
        String file = configuration.trustedCertificatesFile().strip();
        return file.isEmpty() ? List.of() : keys.readCertificates(Path.of(file));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addSessionListener(BootstrapSessionListener listener) {
        listeners.add(listener);
        if (server != null) {
            server.addSessionListener(listener);
        }
    }

    synchronized void removeSessionListener(BootstrapSessionListener listener) {
        listeners.remove(listener);
        if (server != null) {
            server.removeSessionListener(listener);
        }
    }

    private EmbeddedBootstrapServer running() {
        EmbeddedBootstrapServer current = server;
        if (current == null) {
            throw new IllegalStateException("the bootstrap server is not running");
        }
        return current;
    }

    @Override
    public InetSocketAddress localAddress() {
        return running().localAddress();
    }

    @Override
    public PublicKey publicKey() {
        return running().publicKey();
    }

    @Override
    public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint, InetSocketAddress clientAddress) {
        return running().bootstrap(endpoint, clientAddress);
    }

    @Override
    public CompletionStage<BootstrapSessionEvent.Ended> bootstrap(String endpoint) {
        return running().bootstrap(endpoint);
    }

    @Override
    public Set<String> activeSessions() {
        EmbeddedBootstrapServer current = server;
        return current == null ? Set.of() : current.activeSessions();
    }

    @Override
    public boolean cancel(String endpoint) {
        EmbeddedBootstrapServer current = server;
        return current != null && current.cancel(endpoint);
    }

    /** Keeps the running server's trust and sessions in step with the config store. */
    private final class ConfigFollower implements BootstrapConfigListener {

        @Override
        public void configUpdated(BootstrapConfig config) {
            EmbeddedBootstrapServer current = server;
            if (current != null) {
                current.configUpdated(config);
            }
        }

        @Override
        public void configRemoved(String endpoint) {
            EmbeddedBootstrapServer current = server;
            if (current != null) {
                current.configRemoved(endpoint);
            }
        }
    }
}
