/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.ManagementSecurityPolicy;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's client endpoint towards one server: its own connector (its own local port) under a Californium
 * {@link CoapEndpoint}. A bootstrap client has a {@link PooledDtlsConnector} in client role; a
 * management-server client has one as well, with RPK, X.509 or (when allowed) PSK credentials, or for NoSec
 * (when allowed) a {@link PooledUdpConnector}.
 * <p>
 * {@link #connect()} re-checks the security policy ({@link BootstrapSecurityPolicy} or
 * {@link io.bootgate.api.security.ManagementSecurityPolicy}), waits for one of the factory's client
 * handshake slots, and then handshakes by sending a CoAP ping (an empty confirmable message, RFC 7252
 * §4.3): Scandium starts a handshake for the first message to a peer, and the ping carries no request a
 * server would act on. The connect completes when the DTLS session is established, with the server's
 * identity.
 * <p>
 * A {@link #send} without a session (and no connect under way) does not ping: the request itself, sent once a
 * handshake slot is granted, starts the handshake, which saves the ping's round trip (two records each way
 * to encrypt, decrypt and process) on every bootstrap attempt. A {@link #connect()} called after that
 * {@code send} returns the handshake it started.
 */
final class DefaultSecureClientEndpoint implements SecureClientEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSecureClientEndpoint.class);

    /** RFC 7252 §6.2: the default port of coaps. */
    static final int DEFAULT_COAPS_PORT = 5684;

    /** RFC 7252 §6.1: the default port of coap (NoSec management servers only). */
    static final int DEFAULT_COAP_PORT = 5683;

    private final DefaultDtlsEndpointFactory factory;
    private final ClientEndpointConfig config;
    private final EndpointLabel label;
    private final Connector connector;
    private final CoapEndpoint endpoint;
    private final PolicyCheck policy;
    private final Function<EndpointContext, PeerIdentity> identities;
    private final ObserveRelations observations;
    private final String serverName;
    /** Session resumption of a bootstrap client; {@code null} for management clients. */
    private final Resumption resumption;

    private final PendingOperations pending = new PendingOperations();
    private final Object lock = new Object();
    private boolean started;
    private boolean closed;
    private CompletableFuture<PeerIdentity> connection;
    private InetSocketAddress serverAddress;
    /** The id of the cached session this endpoint offered the server, until a handshake settles it. */
    private volatile SessionId offeredSession;

    /** Re-checks an endpoint's config against its policy before each connect. */
    @FunctionalInterface
    interface PolicyCheck {
        void check() throws SecurityPolicyException;
    }

    /**
     * Where a bootstrap client's session is kept when it closes and looked up when it first connects.
     *
     * @param key {@link ClientSessionCache#keyOf} of the client's config
     * @param verifier the client's verifier, which must still accept a cached session's server
     */
    record Resumption(ClientSessionCache cache, String key, PeerCertificateVerifier verifier) {}

    /**
     * A bootstrap client.
     *
     * @param resumption where its sessions are kept, {@code null} when resumption is off
     */
    DefaultSecureClientEndpoint(
            DefaultDtlsEndpointFactory factory,
            ClientEndpointConfig config,
            EndpointLabel label,
            PooledDtlsConnector connector,
            CoapEndpoint endpoint,
            ObserveRelations observations,
            Resumption resumption) {
        this(
                factory,
                config,
                label,
                connector,
                endpoint,
                () -> BootstrapSecurityPolicy.checkClient(config),
                CoapMessages::peerIdentity,
                observations,
                resumption);
    }

    /**
     * @param connector a {@link PooledDtlsConnector}, or a {@link PooledUdpConnector} for NoSec
     * @param identities reads the server's identity from the established context
     */
    DefaultSecureClientEndpoint(
            DefaultDtlsEndpointFactory factory,
            ClientEndpointConfig config,
            EndpointLabel label,
            Connector connector,
            CoapEndpoint endpoint,
            PolicyCheck policy,
            Function<EndpointContext, PeerIdentity> identities,
            ObserveRelations observations,
            Resumption resumption) {
        this.factory = factory;
        this.config = config;
        this.label = label;
        this.connector = connector;
        this.endpoint = endpoint;
        this.policy = policy;
        this.identities = identities;
        this.observations = observations;
        this.serverName = config.serverName().orElse(null);
        this.resumption = resumption;
    }

    @Override
    public CompletionStage<PeerIdentity> connect() {
        return connect(null);
    }

    /**
     * @param carrier a request to start the handshake with instead of a ping, or {@code null}; when a session or
     *            a handshake already exists it is not sent here, and the caller sends it over that session
     */
    private CompletionStage<PeerIdentity> connect(Carrier carrier) {
        CompletableFuture<PeerIdentity> attempt;
        InetSocketAddress server;
        synchronized (lock) {
            if (closed) {
                return TransportFailures.failed(Reason.CLOSED, label + ": closed", null, null);
            }
            if (connection != null
                    && (!connection.isDone() || !connection.isCompletedExceptionally() && hasSession(serverAddress))) {
                return connection.copy();
            }
            try {
                // Checked again here, not only at creation: whatever path built this endpoint, a refused
                // account never reaches the network.
                policy.check();
            } catch (SecurityPolicyException e) {
                LOG.warn("{}: connect refused: {}", label, e.getMessage());
                return TransportFailures.failed(Reason.POLICY_VIOLATION, label + ": " + e.getMessage(), null, e);
            }
            try {
                server = resolve(config);
            } catch (IllegalArgumentException e) {
                return TransportFailures.failed(Reason.IO_ERROR, label + ": " + e.getMessage(), null, e);
            }
            if (!started) {
                // Before the start: Scandium hands restored connections its executors when the connector starts.
                boolean resuming = loadCachedSession(server);
                try {
                    endpoint.start();
                } catch (IOException e) {
                    return TransportFailures.failed(
                            Reason.IO_ERROR,
                            label + ": cannot bind " + config.bindAddress() + ": " + e.getMessage(),
                            null,
                            e);
                }
                started = true;
                if (resuming) {
                    ((PooledDtlsConnector) connector).forceResumeSessionFor(server);
                }
            }
            serverAddress = server;
            attempt = pending.track(new CompletableFuture<>());
            connection = attempt;
            if (carrier != null) {
                carrier.carried = true;
            }
        }
        admit(attempt, server, carrier);
        return attempt.copy();
    }

    /** A request that may start the handshake itself; {@link #carried} says whether it does. */
    private static final class Carrier {
        final CoapRequest request;
        final CompletableFuture<CoapResponse> response = new CompletableFuture<>();
        boolean carried;

        Carrier(CoapRequest request) {
            this.request = request;
        }
    }

    /** Waits for a handshake slot, under the endpoint's handshake timeout, then handshakes. */
    private void admit(CompletableFuture<PeerIdentity> attempt, InetSocketAddress server, Carrier carrier) {
        long timeoutMillis = config.handshakeTimeout().toMillis();
        CompletableFuture<HandshakeLimiter.Permit> slot =
                factory.clientHandshakes().acquire();
        ScheduledFuture<?> deadline = factory.timer()
                .schedule(
                        () -> {
                            boolean queued = !slot.isDone();
                            if (attempt.completeExceptionally(new TransportException(
                                    Reason.TIMEOUT,
                                    label
                                            + ": no DTLS session within " + timeoutMillis + " ms"
                                            + (queued
                                                    ? " (still queued for one of "
                                                            + factory.clientHandshakes()
                                                                    .max() + " handshake slots)"
                                                    : ""),
                                    server,
                                    null))) {
                                // The connector serves this one server: drop the unfinished handshake with it.
                                if (connector instanceof PooledDtlsConnector) {
                                    ((PooledDtlsConnector) connector).clearConnectionState();
                                }
                            }
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        attempt.whenComplete((identity, failure) -> {
            deadline.cancel(false);
            // Leaves the queue if still waiting; a slot granted meanwhile is passed on by the limiter.
            slot.cancel(false);
            if (failure == null) {
                LOG.debug("{}: DTLS session established with {}", label, identity.describe());
            } else {
                LOG.info(
                        "connect failed [{}]: {}",
                        TransportException.find(failure)
                                .map(TransportException::reason)
                                .orElse(null),
                        failure.getMessage());
            }
        });
        slot.thenAccept(permit -> {
            if (attempt.isDone()) {
                permit.release();
                return;
            }
            attempt.whenComplete((identity, failure) -> permit.release());
            if (carrier != null) {
                handshakeWith(carrier, attempt, server);
            } else {
                handshake(attempt, server);
            }
        });
        if (carrier != null) {
            // A handshake that fails or times out before the request went out fails the request with its cause.
            attempt.whenComplete((identity, failure) -> {
                if (failure != null) {
                    carrier.response.completeExceptionally(failure);
                }
            });
        }
    }

    /**
     * Completes a connect attempt from the first message sent to the server, whose sending runs the DTLS handshake:
     * with the server's identity once the session stands, or with the cause when it cannot be sent.
     */
    private class HandshakeObserver extends MessageObserverAdapter {
        final CompletableFuture<PeerIdentity> attempt;
        final InetSocketAddress server;
        final String context;

        HandshakeObserver(CompletableFuture<PeerIdentity> attempt, InetSocketAddress server, String context) {
            this.attempt = attempt;
            this.server = server;
            this.context = context;
        }

        @Override
        public void onContextEstablished(EndpointContext established) {
            countResumption(established);
            keepSessionForResumption(server, established);
            try {
                attempt.complete(identities.apply(established));
            } catch (IllegalStateException e) {
                attempt.completeExceptionally(
                        new TransportException(Reason.HANDSHAKE_FAILED, context + ": " + e.getMessage(), server, e));
            }
        }

        @Override
        public void onSendError(Throwable error) {
            attempt.completeExceptionally(TransportFailures.of(error, server, context));
        }
    }

    /** Sends the carrier request as the first message to the server: its DTLS handshake is this connect's. */
    private void handshakeWith(Carrier carrier, CompletableFuture<PeerIdentity> attempt, InetSocketAddress server) {
        String context = label + ": handshake with " + server;
        Request message = CoapMessages.toCalifornium(carrier.request);
        message.setDestinationContext(new AddressEndpointContext(server, serverName, null));
        message.addMessageObserver(new HandshakeObserver(attempt, server, context));
        attempt.whenComplete((identity, failure) -> {
            if (failure != null) {
                message.cancel();
            }
        });
        // The handshake has its own deadline (handshakeTimeout, queueing included); the request gets its full
        // requestTimeout on top, as if it had been sent after a separate connect.
        RequestSender.send(
                        endpoint,
                        message,
                        server,
                        config.handshakeTimeout().plus(config.requestTimeout()),
                        factory.timer(),
                        label + ": " + carrier.request)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        // Fails the handshake too when the request failed before the session stood; a handshake
                        // that failed first has already failed the response with its own, better cause.
                        attempt.completeExceptionally(failure);
                        carrier.response.completeExceptionally(failure);
                    } else {
                        carrier.response.complete(response);
                    }
                });
    }

    private void handshake(CompletableFuture<PeerIdentity> attempt, InetSocketAddress server) {
        String context = label + ": handshake with " + server;
        Request ping = Request.newPing();
        ping.setToken(Token.EMPTY);
        ping.setDestinationContext(new AddressEndpointContext(server, serverName, null));
        ping.addMessageObserver(new HandshakeObserver(attempt, server, context) {
            @Override
            public void onTimeout() {
                attempt.completeExceptionally(
                        new TransportException(Reason.TIMEOUT, context + ": no answer to the CoAP ping", server, null));
            }

            @Override
            public void onCancel() {
                attempt.completeExceptionally(
                        new TransportException(Reason.CLOSED, context + ": cancelled", server, null));
            }

            @Override
            public void onReject() {
                // The RST answering a ping: expected, and the session is up by then (onContextEstablished).
            }
        });
        attempt.whenComplete((identity, failure) -> {
            if (failure != null) {
                ping.cancel();
            }
        });
        endpoint.sendRequest(ping);
    }

    @Override
    public CompletionStage<CoapResponse> send(CoapRequest request) {
        Carrier carrier = new Carrier(request);
        CompletionStage<PeerIdentity> connected = connect(carrier);
        if (carrier.carried) {
            return pending.track(carrier.response);
        }
        return connected.thenCompose(server -> {
            InetSocketAddress address;
            synchronized (lock) {
                address = serverAddress;
            }
            Request message = CoapMessages.toCalifornium(request);
            message.setDestinationContext(new AddressEndpointContext(address, serverName, null));
            return pending.track(RequestSender.send(
                    endpoint, message, address, config.requestTimeout(), factory.timer(), label + ": " + request));
        });
    }

    @Override
    public Optional<InetSocketAddress> localAddress() {
        synchronized (lock) {
            if (!started || closed) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(connector.getAddress());
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        pending.failAll(label + ": closed");
        observations.closeAll();
        endpoint.destroy();
        factory.forget(this);
        LOG.debug("{}: closed", label);
    }

    /**
     * Loads the session this device's previous bootstrap client kept with this server, if any, into the new
     * connector; once the connector is started and marked for resumption, the first message starts an
     * abbreviated handshake offering the cached session id. Called once, before the connector starts.
     *
     * @return whether a session was loaded
     */
    private boolean loadCachedSession(InetSocketAddress server) {
        if (resumption == null) {
            return false;
        }
        Optional<ClientSessionCache.Entry> cached = resumption.cache().take(resumption.key());
        if (cached.isEmpty()) {
            return false;
        }
        ClientSessionCache.Entry entry = cached.get();
        if (!entry.server().equals(server)) {
            // The server URI now resolves elsewhere: a session with the old address is of no use.
            LOG.debug("{}: cached session was with {}, not {}; full handshake", label, entry.server(), server);
            return false;
        }
        if (!resumption.verifier().stillTrusts(entry.serverIdentity(), false)) {
            return false;
        }
        PooledDtlsConnector dtls = (PooledDtlsConnector) connector;
        try {
            int loaded = dtls.loadConnections(new ByteArrayInputStream(entry.connectionState()), 0);
            DTLSContext context = loaded == 0 ? null : dtls.getDtlsContextByAddress(server);
            if (context == null) {
                return false;
            }
            offeredSession = context.getSession().getSessionIdentifier();
            resumption.cache().offered();
            LOG.debug("{}: offering cached session {} to {}", label, offeredSession, server);
            return true;
        } catch (IOException | RuntimeException e) {
            // A state that does not load costs a full handshake, nothing else.
            dtls.clearConnectionState();
            LOG.debug("{}: cached session not loaded: {}", label, e.toString());
            return false;
        }
    }

    /** Counts a handshake that resumed the session this endpoint offered. */
    private void countResumption(EndpointContext established) {
        SessionId offered = offeredSession;
        if (offered == null) {
            return;
        }
        offeredSession = null;
        Bytes sessionId = established.get(DtlsEndpointContext.KEY_SESSION_ID);
        if (sessionId != null && Arrays.equals(offered.getBytes(), sessionId.getBytes())) {
            resumption.cache().resumed();
            LOG.debug("{}: session {} resumed", label, offered);
        } else {
            LOG.debug("{}: server did not resume session {}; full handshake", label, offered);
        }
    }

    /**
     * Keeps a session just established with the server for this device's next bootstrap client, at once rather
     * than when this endpoint closes: a session lingers after the Finish, and a re-bootstrap may start before it
     * closes. The session id and master secret do not change for the life of the session, so the copy taken now
     * stays good.
     */
    private void keepSessionForResumption(InetSocketAddress server, EndpointContext established) {
        if (resumption == null) {
            return;
        }
        Bytes sessionId = established.get(DtlsEndpointContext.KEY_SESSION_ID);
        if (sessionId == null || sessionId.isEmpty()) {
            // A server that does not support resumption (empty session id, RFC 5246 §7.4.1.3).
            return;
        }
        Principal serverIdentity = established.getPeerIdentity();
        ((PooledDtlsConnector) connector).establishedState(server).whenComplete((state, failure) -> {
            if (failure != null) {
                LOG.debug("{}: session not kept for resumption: {}", label, failure.toString());
            } else if (state.isPresent()) {
                resumption.cache().put(resumption.key(), server, serverIdentity, state.get());
            }
        });
    }

    /** Whether an address is the server's, as resolved by the latest connect. */
    boolean isServerAddress(InetSocketAddress address) {
        synchronized (lock) {
            return serverAddress != null && serverAddress.equals(address);
        }
    }

    /** Whether the session with the server still stands; plain UDP (NoSec) has none to lose. */
    private boolean hasSession(InetSocketAddress server) {
        if (!(connector instanceof PooledDtlsConnector)) {
            return server != null && connector.isRunning();
        }
        return server != null && ((PooledDtlsConnector) connector).getDtlsContextByAddress(server) != null;
    }

    /** The CoAP endpoint (tests). */
    CoapEndpoint coapEndpoint() {
        return endpoint;
    }

    /** The DTLS connector (tests). */
    PooledDtlsConnector connector() {
        return (PooledDtlsConnector) connector;
    }

    ObserveRelations observations() {
        return observations;
    }

    /**
     * The server's socket address: the configured override, else the URI host resolved now (so a changed
     * DNS entry is picked up on the next connect) with the URI port or 5684.
     */
    static InetSocketAddress resolve(ClientEndpointConfig config) {
        if (config.serverAddress().isPresent()) {
            return config.serverAddress().get();
        }
        URI uri = config.serverUri();
        int defaultPort = ManagementSecurityPolicy.NOSEC_SCHEME.equalsIgnoreCase(uri.getScheme())
                ? DEFAULT_COAP_PORT
                : DEFAULT_COAPS_PORT;
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the server host '" + host + "'");
        }
        return address;
    }

    @Override
    public String toString() {
        return label.toString();
    }
}
