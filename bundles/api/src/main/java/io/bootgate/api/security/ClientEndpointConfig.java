/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What one device's bootstrap client endpoint needs, taken from its Bootstrap-Server Security instance: the
 * server URI (/0/x/0), the Security Mode (/0/x/2), its own credentials (/0/x/3 and /0/x/5) and the trust in
 * the server (/0/x/4, /0/x/15).
 * <p>
 * Building a config does not judge it: {@link DtlsEndpointFactory#createBootstrapClient} and every
 * {@code connect()} run {@link BootstrapSecurityPolicy#checkClient} first, so a {@code coap://} URI or a
 * PSK / NoSec mode is refused with a message naming it.
 * <p>
 * The same config describes a device's endpoint towards an LwM2M management server inside a
 * {@link ManagementClientConfig}, where {@link ManagementSecurityPolicy} judges it instead.
 */
public final class ClientEndpointConfig {

    /** Answers requests when no handler is configured: a client that only sends gets no server requests. */
    private static final CoapRequestHandler NOT_IMPLEMENTED = (peer, request) -> CompletableFuture.completedFuture(
            CoapResponse.error(ResponseCode.NOT_IMPLEMENTED, "this endpoint accepts no requests"));

    private final URI serverUri;
    private final InetSocketAddress serverAddress;
    private final InetSocketAddress bindAddress;
    private final SecurityMode securityMode;
    private final DtlsCredentials credentials;
    private final RpkTrust rpkTrust;
    private final X509Trust x509Trust;
    private final CoapRequestHandler handler;
    private final Duration handshakeTimeout;
    private final Duration requestTimeout;
    private final boolean connectionId;
    private final String deviceName;

    private ClientEndpointConfig(Builder builder) {
        this.serverUri = builder.serverUri;
        this.serverAddress = builder.serverAddress;
        this.bindAddress = builder.bindAddress;
        this.securityMode = builder.securityMode;
        this.credentials = builder.credentials;
        this.rpkTrust = builder.rpkTrust;
        this.x509Trust = builder.x509Trust;
        this.handler = builder.handler;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.connectionId = builder.connectionId;
        this.deviceName = builder.deviceName;
    }

    /**
     * @param serverUri the bootstrap server URI, {@code coaps://host:port}
     * @param securityMode the Security Mode of the account
     */
    public static Builder builder(URI serverUri, SecurityMode securityMode) {
        return new Builder(serverUri, securityMode);
    }

    public URI serverUri() {
        return serverUri;
    }

    /**
     * Where to send datagrams, when it differs from what the URI host resolves to (for example a server
     * reached by IP while its certificate names a host). Empty: resolve the URI host.
     */
    public Optional<InetSocketAddress> serverAddress() {
        return Optional.ofNullable(serverAddress);
    }

    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    public SecurityMode securityMode() {
        return securityMode;
    }

    public Optional<DtlsCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The trusted server key(s), for {@link SecurityMode#RAW_PUBLIC_KEY}. */
    public Optional<RpkTrust> rpkTrust() {
        return Optional.ofNullable(rpkTrust);
    }

    /** The trust in the server certificate, for {@link SecurityMode#CERTIFICATE}. */
    public Optional<X509Trust> x509Trust() {
        return Optional.ofNullable(x509Trust);
    }

    /** Answers the requests the bootstrap server sends to this client. */
    public CoapRequestHandler handler() {
        return handler;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Whether to accept a DTLS Connection ID from the server (RFC 9146), to survive NAT rebinding. */
    public boolean connectionId() {
        return connectionId;
    }

    /** The device this endpoint belongs to, for log lines; empty when not given. */
    public Optional<String> deviceName() {
        return Optional.ofNullable(deviceName);
    }

    /**
     * The host name to send as SNI and to check the server certificate against: the trust's expected
     * server name, else the URI host when it is not an IP literal.
     */
    public Optional<String> serverName() {
        if (x509Trust != null && x509Trust.expectedServerName().isPresent()) {
            return x509Trust.expectedServerName();
        }
        String host = serverUri.getHost();
        if (host == null || isIpLiteral(host)) {
            return Optional.empty();
        }
        return Optional.of(host.toLowerCase(Locale.ROOT));
    }

    static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        return "ClientEndpointConfig[" + (deviceName == null ? "" : deviceName + " -> ") + serverUri + ", "
                + securityMode + ", " + credentials + "]";
    }

    /** Collects a {@link ClientEndpointConfig}. Not thread-safe. */
    public static final class Builder {
        private final URI serverUri;
        private final SecurityMode securityMode;
        private InetSocketAddress serverAddress;
        private InetSocketAddress bindAddress = new InetSocketAddress(0);
        private DtlsCredentials credentials;
        private RpkTrust rpkTrust;
        private X509Trust x509Trust;
        private CoapRequestHandler handler = NOT_IMPLEMENTED;
        private Duration handshakeTimeout = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private boolean connectionId = true;
        private String deviceName;

        private Builder(URI serverUri, SecurityMode securityMode) {
            this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
            this.securityMode = Objects.requireNonNull(securityMode, "securityMode");
        }

        public Builder serverAddress(InetSocketAddress serverAddress) {
            this.serverAddress = serverAddress;
            return this;
        }

        /** The local address; default: any address, any free port. */
        public Builder bindAddress(InetSocketAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
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
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The longest a {@code connect()} may take, queueing for a handshake slot included. Default 60 s. */
        public Builder handshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = ServerEndpointConfig.positive(handshakeTimeout, "handshakeTimeout");
            return this;
        }

        /** How long {@code send} waits for the server's response. Default 30 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = ServerEndpointConfig.positive(requestTimeout, "requestTimeout");
            return this;
        }

        public Builder connectionId(boolean connectionId) {
            this.connectionId = connectionId;
            return this;
        }

        /** Names the device (its endpoint name) in this endpoint's log lines. */
        public Builder deviceName(String deviceName) {
            this.deviceName = deviceName;
            return this;
        }

        public ClientEndpointConfig build() {
            return new ClientEndpointConfig(this);
        }
    }
}
