/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.ObserveRelation.CancelReason;
import io.bootgate.api.transport.PeerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyToken;
import org.eclipse.californium.core.observe.ObserveManager;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The observations peers hold on one endpoint: Californium's {@link ObserveManager} (which the CoAP stack's
 * ObserveLayer drives: notification types, CON in transit, RST, timeouts) extended so that each way a
 * relation ends reaches its {@link DefaultObserveRelation} with the right {@link CancelReason}.
 * <p>
 * Californium ends a relation through {@link #removeObserveRelation} whatever the cause; the causes it
 * knows beforehand (RST, GET with Observe = 1, a new registration with the same token) are marked on the
 * relation first, so that what remains (a confirmable notification never acknowledged, an error
 * notification) is {@link CancelReason#NOTIFICATION_FAILED}.
 */
final class ObserveRelations extends ObserveManager {

    private final EndpointLabel label;
    private final Set<DefaultObserveRelation> open = ConcurrentHashMap.newKeySet();
    private final Map<ObserveRelation, DefaultObserveRelation> bound = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ObserveRelations(Configuration configuration, EndpointLabel label) {
        super(configuration);
        this.label = label;
    }

    /** A pending relation for a GET with Observe = 0; established when its first success response is sent. */
    DefaultObserveRelation open(Exchange exchange, PeerIdentity peer, CoapRequest request) {
        DefaultObserveRelation relation = new DefaultObserveRelation(this, exchange, peer, request, label);
        open.add(relation);
        if (closed) {
            relation.end(CancelReason.ENDPOINT_CLOSED);
        }
        return relation;
    }

    /** Binds Californium's relation for an exchange to ours; called on the exchange's executor. */
    ObserveRelation bind(Exchange exchange, DefaultObserveRelation relation) {
        KeyToken key = ObserveRelation.getKeyToken(exchange);
        for (Map.Entry<ObserveRelation, DefaultObserveRelation> entry : bound.entrySet()) {
            if (entry.getKey().getKeyToken().equals(key)) {
                entry.getValue().markEnding(CancelReason.REPLACED);
            }
        }
        addObserveRelation(exchange, relation);
        ObserveRelation created = exchange.getRelation();
        bound.put(created, relation);
        return created;
    }

    /** RFC 7641 §3.6 reactive cancellation: the peer answered a (non-confirmable) notification with RST. */
    @Override
    public void onRejectedNotification(ObserveRelation relation) {
        DefaultObserveRelation ours = bound.get(relation);
        if (ours != null) {
            ours.markEnding(CancelReason.RESET_BY_PEER);
        }
        super.onRejectedNotification(relation);
    }

    /** RFC 7641 §3.6 proactive cancellation: a GET with Observe = 1 and the relation's token. */
    @Override
    public void cancelObserveRelation(Exchange exchange) {
        KeyToken key = ObserveRelation.getKeyToken(exchange);
        for (Map.Entry<ObserveRelation, DefaultObserveRelation> entry : bound.entrySet()) {
            if (entry.getKey().getKeyToken().equals(key)) {
                entry.getValue().markEnding(CancelReason.DEREGISTERED_BY_PEER);
            }
        }
        super.cancelObserveRelation(exchange);
    }

    @Override
    public void removeObserveRelation(ObserveRelation relation) {
        super.removeObserveRelation(relation);
        DefaultObserveRelation ours = bound.remove(relation);
        if (ours != null) {
            // A RST to a confirmable notification reaches the reliability layer first, which ends the relation
            // before the observe layer reports the rejection: the rejected response tells.
            Response current = relation.getExchange().getCurrentResponse();
            if (current != null && current.isRejected()) {
                ours.markEnding(CancelReason.RESET_BY_PEER);
            }
            ours.end(CancelReason.NOTIFICATION_FAILED);
        }
    }

    void forget(DefaultObserveRelation relation) {
        open.remove(relation);
    }

    int openCount() {
        return open.size();
    }

    /** Ends every relation with {@link CancelReason#ENDPOINT_CLOSED}; later registrations end at once. */
    void closeAll() {
        closed = true;
        List<DefaultObserveRelation> relations = new ArrayList<>(open);
        for (DefaultObserveRelation relation : relations) {
            relation.markEnding(CancelReason.ENDPOINT_CLOSED);
            relation.end(CancelReason.ENDPOINT_CLOSED);
            relation.cancelTransport();
        }
    }
}
