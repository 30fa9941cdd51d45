/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers inbound CoAP requests of a secure endpoint.
 * <p>
 * Called on both sides of the Bootstrap interface: on a server endpoint for the Bootstrap-Request, on a
 * client endpoint for the Bootstrap-Write / Delete / Discover / Read / Finish the bootstrap server sends
 * over the same DTLS session.
 * <p>
 * Called on a shared transport thread: an implementation must not block; slow work completes the
 * returned stage later. A stage that completes exceptionally is answered 5.00 and logged.
 * <p>
 * A GET or FETCH with Observe = 0 goes to {@link #observe(PeerIdentity, CoapRequest, ObserveRelation)}
 * instead, where a handler that supports observation keeps the {@link ObserveRelation} to send
 * notifications later; by default the observation is declined and the request is answered by
 * {@link #handle(PeerIdentity, CoapRequest)}. A GET with Observe = 1 cancels the peer's relation (its
 * {@link ObserveRelation#cancelled()} completes) and is then answered by {@code handle} like any GET.
 */
@ConsumerType
@FunctionalInterface
public interface CoapRequestHandler {

    /**
     * @param peer the DTLS identity of the sender, already authenticated and, for requests carrying an
     *            {@code ep} query parameter on a server endpoint, already matched to that endpoint name
     * @param request the request
     * @return the response to send
     */
    CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request);

    /**
     * Answers a request that registers an observation (GET or FETCH with Observe = 0). A success response
     * establishes {@code relation} unless the handler {@linkplain ObserveRelation#cancel() cancelled} it
     * first; keep the relation to {@linkplain ObserveRelation#notify(CoapResponse, boolean) notify} later.
     * Same thread rules as {@link #handle}: never block.
     * <p>
     * The default declines the observation and answers the request as a plain GET with {@link #handle}.
     *
     * @param relation the pending observation
     * @return the first response (sent with the Observe option when the relation is established)
     * @since 1.2
     */
    default CompletionStage<CoapResponse> observe(PeerIdentity peer, CoapRequest request, ObserveRelation relation) {
        relation.cancel();
        return handle(peer, request);
    }
}
