/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.transport.CoapRequestHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a bootstrap server endpoint needs: where to listen, its own credentials, which client keys or
 * certificates it trusts, how endpoint names map to identities, and who answers requests.
 * <p>
 * A server accepts Raw Public Key clients when {@link #rpkTrust()} is set and certificate clients when
 * {@link #x509Trust()} is set (for clients, the usage of an {@link X509Trust} is normally
 * {@link X509Trust#pkix}). Client authentication is always required.
 */
public final class ServerEndpointConfig {

    private final InetSocketAddress bindAddress;
    private final DtlsCredentials credentials;
    private final RpkTrust rpkTrust;
    private final X509Trust x509Trust;
    private final CoapRequestHandler handler;
    private final EndpointIdentityVerifier identityVerifier;
    private final Set<String> serverNames;
    private final Duration requestTimeout;
    private final boolean connectionId;
    private final DtlsClusterNode cluster;

    private ServerEndpointConfig(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.credentials = Objects.requireNonNull(builder.credentials, "credentials");
        this.rpkTrust = builder.rpkTrust;
        this.x509Trust = builder.x509Trust;
        this.handler = Objects.requireNonNull(builder.handler, "handler");
        this.identityVerifier = Objects.requireNonNull(builder.identityVerifier, "identityVerifier");
        this.serverNames = Set.copyOf(builder.serverNames);
        this.requestTimeout = builder.requestTimeout;
        this.connectionId = builder.connectionId;
        this.cluster = builder.cluster;
        if (cluster != null && !connectionId) {
            throw new IllegalArgumentException(
                    "a cluster node needs DTLS Connection IDs: they carry the node id that routes records");
        }
        if (rpkTrust == null && x509Trust == null) {
            throw new IllegalArgumentException(
                    "a bootstrap server must trust Raw Public Keys, certificates or both: set rpkTrust and/or x509Trust");
        }
    }

    /** @param bindAddress the local address and port (port 0: any free port) */
    public static Builder builder(InetSocketAddress bindAddress) {
        return new Builder(bindAddress);
    }

    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    public DtlsCredentials credentials() {
        return credentials;
    }

    public Optional<RpkTrust> rpkTrust() {
        return Optional.ofNullable(rpkTrust);
    }

    public Optional<X509Trust> x509Trust() {
        return Optional.ofNullable(x509Trust);
    }

    public CoapRequestHandler handler() {
        return handler;
    }

    public EndpointIdentityVerifier identityVerifier() {
        return identityVerifier;
    }

    /**
     * The host names this server answers to (lower case). When not empty, a client whose SNI names another
     * host fails the handshake; a client that sends no SNI is served.
     */
    public Set<String> serverNames() {
        return serverNames;
    }

    /** How long {@code send} waits for a client's response. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Whether the server hands out DTLS Connection IDs (RFC 9146) so clients survive NAT rebinding. */
    public boolean connectionId() {
        return connectionId;
    }

    /**
     * This server's place in a cluster of bootstrap-server nodes behind one address; empty for a single server.
     *
     * @since 1.3
     */
    public Optional<DtlsClusterNode> cluster() {
        return Optional.ofNullable(cluster);
    }

    /** Collects a {@link ServerEndpointConfig}. Not thread-safe. */
    public static final class Builder {
        private final InetSocketAddress bindAddress;
        private DtlsCredentials credentials;
        private RpkTrust rpkTrust;
        private X509Trust x509Trust;
        private CoapRequestHandler handler;
        private EndpointIdentityVerifier identityVerifier;
        private Set<String> serverNames = Set.of();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private boolean connectionId = true;
        private DtlsClusterNode cluster;

        private Builder(InetSocketAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        }

        public Builder credentials(DtlsCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder rpkTrust(RpkTrust rpkTrust) {
            this.rpkTrust = rpkTrust;
            return this;
        }

        public Builder x509Trust(X509Trust x509Trust) {
            this.x509Trust = x509Trust;
            return this;
        }

        public Builder handler(CoapRequestHandler handler) {
            this.handler = handler;
            return this;
        }

        public Builder identityVerifier(EndpointIdentityVerifier identityVerifier) {
            this.identityVerifier = identityVerifier;
            return this;
        }

        public Builder serverNames(Set<String> serverNames) {
            this.serverNames = serverNames.stream()
                    .map(name -> name.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder connectionId(boolean connectionId) {
            this.connectionId = connectionId;
            return this;
        }

        /**
         * @param cluster this node's place in a cluster, {@code null} for a single server
         * @since 1.3
         */
        public Builder cluster(DtlsClusterNode cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * @throws NullPointerException if credentials, handler or identity verifier are missing
         * @throws IllegalArgumentException if no trust is set
         */
        public ServerEndpointConfig build() {
            return new ServerEndpointConfig(this);
        }
    }

    static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
