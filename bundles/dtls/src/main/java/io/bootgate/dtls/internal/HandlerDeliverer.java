/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.MessageDeliverer;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each inbound request of an endpoint to its {@link CoapRequestHandler}, with the peer's DTLS
 * identity, and sends back what the handler answers.
 * <p>
 * On a server endpoint, a request that names an endpoint ({@code ep=}) is first checked against the DTLS
 * identity with the {@link EndpointIdentityVerifier}: LwM2M requires a mismatch to be answered 4.00 Bad
 * Request, and the handler never sees it.
 */
final class HandlerDeliverer implements MessageDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerDeliverer.class);

    /** The query parameter carrying the endpoint name (Bootstrap-Request, Bootstrap-Pack-Request, Register). */
    static final String ENDPOINT_PARAMETER = "ep";

    private final EndpointLabel label;
    private final CoapRequestHandler handler;
    private final EndpointIdentityVerifier identityVerifier;
    private final Function<EndpointContext, PeerIdentity> identities;
    private final ObserveRelations observations;

    /**
     * @param identityVerifier {@code null} on a client endpoint (its only peer is its server)
     */
    HandlerDeliverer(
            EndpointLabel label,
            CoapRequestHandler handler,
            EndpointIdentityVerifier identityVerifier,
            Configuration configuration) {
        this(label, handler, identityVerifier, CoapMessages::peerIdentity, configuration);
    }

    /**
     * @param identities reads the sender's identity from a request's source context; throws
     *            {@link IllegalStateException} for a sender without an identity the endpoint accepts
     */
    HandlerDeliverer(
            EndpointLabel label,
            CoapRequestHandler handler,
            EndpointIdentityVerifier identityVerifier,
            Function<EndpointContext, PeerIdentity> identities,
            Configuration configuration) {
        this.label = label;
        this.handler = handler;
        this.identityVerifier = identityVerifier;
        this.identities = identities;
        this.observations = new ObserveRelations(configuration, label);
    }

    /** The observations peers hold on this endpoint. */
    ObserveRelations observations() {
        return observations;
    }

    @Override
    public void deliverRequest(Exchange exchange) {
        Request message = exchange.getRequest();
        PeerIdentity peer;
        try {
            peer = identities.apply(message.getSourceContext());
        } catch (IllegalStateException e) {
            LOG.warn(
                    "{}: request from {} refused with 4.01: {}",
                    label,
                    message.getSourceContext().getPeerAddress(),
                    e.getMessage());
            respond(exchange, CoapResponse.error(ResponseCode.UNAUTHORIZED, "no public-key DTLS identity"));
            return;
        }
        CoapRequest request;
        try {
            request = CoapMessages.toRequest(message);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: malformed request from {} answered 4.00: {}", label, peer.describe(), e.getMessage());
            respond(exchange, CoapResponse.error(ResponseCode.BAD_REQUEST, e.getMessage()));
            return;
        }
        if (identityVerifier != null && !endpointNameMatches(exchange, peer, request)) {
            return;
        }
        if (request.isObserveRegister()) {
            observe(exchange, peer, request);
            return;
        }
        if (request.isObserveDeregister()) {
            // RFC 7641 §3.6: ends the relation with this token, then the GET is answered like any other.
            observations.cancelObserveRelation(exchange);
        }
        CompletionStage<CoapResponse> answer;
        try {
            answer = handler.handle(peer, request);
        } catch (RuntimeException e) {
            LOG.error("{}: handler failed on {} from {}", label, request, peer.describe(), e);
            respond(exchange, CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            return;
        }
        if (answer == null) {
            LOG.error("{}: handler returned no response stage for {} from {}", label, request, peer.describe());
            respond(exchange, CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            return;
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null || response == null) {
                LOG.error("{}: handler failed on {} from {}", label, request, peer.describe(), failure);
                respond(exchange, CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            } else {
                respond(exchange, response);
            }
        });
    }

    /** A GET or FETCH with Observe = 0: the handler gets a pending relation with the request. */
    private void observe(Exchange exchange, PeerIdentity peer, CoapRequest request) {
        DefaultObserveRelation relation = observations.open(exchange, peer, request);
        CompletionStage<CoapResponse> answer;
        try {
            answer = handler.observe(peer, request, relation);
        } catch (RuntimeException e) {
            LOG.error("{}: handler failed on {} from {}", label, request, peer.describe(), e);
            relation.respond(CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            return;
        }
        if (answer == null) {
            LOG.error("{}: handler returned no response stage for {} from {}", label, request, peer.describe());
            relation.respond(CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            return;
        }
        answer.whenComplete((response, failure) -> {
            if (failure != null || response == null) {
                LOG.error("{}: handler failed on {} from {}", label, request, peer.describe(), failure);
                relation.respond(CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            } else {
                relation.respond(response);
            }
        });
    }

    private boolean endpointNameMatches(Exchange exchange, PeerIdentity peer, CoapRequest request) {
        Optional<String> endpointName = request.queryParameter(ENDPOINT_PARAMETER);
        if (endpointName.isEmpty()) {
            return true;
        }
        boolean matches;
        try {
            matches = identityVerifier.matches(endpointName.get(), peer);
        } catch (RuntimeException e) {
            LOG.error(
                    "{}: endpoint identity check failed for '{}' from {}",
                    label,
                    endpointName.get(),
                    peer.describe(),
                    e);
            respond(exchange, CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR));
            return false;
        }
        if (!matches) {
            LOG.warn(
                    "{}: {} refused with 4.00: endpoint name '{}' does not match the DTLS identity {}",
                    label,
                    request,
                    endpointName.get(),
                    peer.describe());
            respond(
                    exchange,
                    CoapResponse.error(ResponseCode.BAD_REQUEST, "endpoint name does not match the DTLS identity"));
        }
        return matches;
    }

    private static void respond(Exchange exchange, CoapResponse response) {
        exchange.sendResponse(CoapMessages.toCalifornium(response));
    }

    @Override
    public void deliverResponse(Exchange exchange, Response response) {
        // Responses to this endpoint's own requests go back to the request, whose observers complete them.
        exchange.getRequest().setResponse(response);
    }
}
