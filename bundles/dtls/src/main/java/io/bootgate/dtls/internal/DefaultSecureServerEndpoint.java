/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.MapBasedEndpointContext;
import org.eclipse.californium.elements.util.Filter;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.DTLSSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bootstrap server endpoint: a {@link PooledDtlsConnector} (or, for a node of a cluster, a
 * {@link ClusterNodeDtlsConnector}) in server role under a Californium
 * {@link CoapEndpoint}, requests delivered to the configured handler after the endpoint-name check.
 */
final class DefaultSecureServerEndpoint implements SecureServerEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultSecureServerEndpoint.class);
    /** How long {@link #peers} waits for the visit of all sessions (10,000 take well under a second). */
    private static final Duration PEER_VISIT_TIMEOUT = Duration.ofSeconds(10);

    private final DefaultDtlsEndpointFactory factory;
    private final ServerEndpointConfig config;
    private final EndpointLabel label;
    private final DTLSConnector connector;
    private final CoapEndpoint endpoint;
    private final ObserveRelations observations;
    private final PendingOperations pending = new PendingOperations();
    private final Object lock = new Object();
    private boolean started;
    private boolean closed;

    DefaultSecureServerEndpoint(
            DefaultDtlsEndpointFactory factory,
            ServerEndpointConfig config,
            EndpointLabel label,
            DTLSConnector connector,
            CoapEndpoint endpoint,
            ObserveRelations observations) {
        this.factory = factory;
        this.config = config;
        this.label = label;
        this.connector = connector;
        this.endpoint = endpoint;
        this.observations = observations;
    }

    @Override
    public void start() throws TransportException {
        synchronized (lock) {
            if (closed) {
                throw new TransportException(Reason.CLOSED, label + ": closed");
            }
            if (started) {
                return;
            }
            try {
                endpoint.start();
            } catch (IOException e) {
                throw new TransportException(
                        Reason.IO_ERROR,
                        label + ": cannot listen on " + config.bindAddress() + ": " + e.getMessage(),
                        null,
                        e);
            }
            started = true;
            InetSocketAddress bound = connector.getAddress();
            label.rename("bootstrap server " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        }
        LOG.info(
                "{}: listening on {} (accepts {}{}{})",
                label,
                connector.getAddress(),
                config.rpkTrust().isPresent() ? "Raw Public Key" : "",
                config.rpkTrust().isPresent() && config.x509Trust().isPresent() ? " and " : "",
                config.x509Trust().isPresent() ? "X.509" : "");
    }

    @Override
    public InetSocketAddress localAddress() {
        synchronized (lock) {
            if (!started || closed) {
                throw new IllegalStateException(label + " is not listening");
            }
        }
        return connector.getAddress();
    }

    @Override
    public CompletionStage<CoapResponse> send(InetSocketAddress peer, CoapRequest request) {
        synchronized (lock) {
            if (!started || closed) {
                return TransportFailures.failed(Reason.CLOSED, label + " is not listening", peer, null);
            }
        }
        if (connector.getDtlsContextByAddress(peer) == null) {
            return TransportFailures.failed(
                    Reason.CLOSED,
                    label + ": no DTLS session with " + peer + " (a server never starts a handshake)",
                    peer,
                    null);
        }
        Request message = CoapMessages.toCalifornium(request);
        message.setDestinationContext(
                new MapBasedEndpointContext(peer, null, null, DtlsEndpointContext.ATTRIBUTE_HANDSHAKE_MODE_NONE));
        CompletableFuture<CoapResponse> response = pending.track(RequestSender.send(
                endpoint,
                message,
                peer,
                config.requestTimeout(),
                factory.timer(),
                label + ": " + request + " to " + peer));
        return response;
    }

    @Override
    public Optional<PeerIdentity> peerIdentity(InetSocketAddress peer) {
        if (peer == null || !listening()) {
            return Optional.empty();
        }
        DTLSContext context = connector.getDtlsContextByAddress(peer);
        if (context == null) {
            return Optional.empty();
        }
        DTLSSession session = context.getSession();
        return CoapMessages.peerIdentity(session.getPeerIdentity(), peer, session.getHostName());
    }

    @Override
    public List<PeerIdentity> peers(Predicate<? super PeerIdentity> filter) {
        Objects.requireNonNull(filter, "filter");
        if (!listening()) {
            return List.of();
        }
        record Seen(PeerIdentity identity, long handshakeMillis) {}
        List<Seen> matches = new CopyOnWriteArrayList<>();
        // Scandium hands each connection to the filter on that connection's own serial executor, so its state
        // is read consistently; the visit is asynchronous and is waited for here.
        Future<Void> visit = connector.startForEach((Filter<Connection>) connection -> {
            DTLSContext context = connection.getEstablishedDtlsContext();
            InetSocketAddress address = connection.getPeerAddress();
            if (context != null && address != null) {
                DTLSSession session = context.getSession();
                CoapMessages.peerIdentity(session.getPeerIdentity(), address, session.getHostName())
                        .filter(filter)
                        .ifPresent(identity -> matches.add(new Seen(identity, context.getLastHandshakeTime())));
            }
            return false;
        });
        try {
            visit.get(PEER_VISIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            visit.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + ": interrupted while looking up DTLS sessions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(label + ": looking up DTLS sessions failed", e.getCause());
        } catch (TimeoutException e) {
            visit.cancel(false);
            throw new IllegalStateException(
                    label + ": looking up DTLS sessions took more than " + PEER_VISIT_TIMEOUT.toSeconds() + " s", e);
        }
        return matches.stream()
                .sorted(Comparator.comparingLong(Seen::handshakeMillis).reversed())
                .map(Seen::identity)
                .toList();
    }

    private boolean listening() {
        synchronized (lock) {
            return started && !closed;
        }
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
        LOG.info("{}: closed", label);
    }

    DTLSConnector connector() {
        return connector;
    }

    @Override
    public String toString() {
        return label.toString();
    }
}
