/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.ObserveRelation;
import io.bootgate.api.transport.PeerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.observe.ObserveNotificationOrderer;
import org.eclipse.californium.core.server.resources.ObservableResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's observation of a resource of an endpoint, over Californium's relation for the registering
 * exchange.
 * <p>
 * Everything that touches the exchange runs on the exchange's serial executor ({@link Exchange#execute}),
 * so the first response, the notifications and the cancellation go out in call order without locks
 * around Californium. The relation's own state (pending / established / ended, the notifications queued
 * while pending) is guarded by {@code this}.
 * <p>
 * As a {@link ObservableResource} it gives Californium the sequence numbers of its notifications: one
 * increasing counter per relation (RFC 7641 §4.4 orders notifications per resource and client).
 */
final class DefaultObserveRelation implements ObserveRelation, ObservableResource {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultObserveRelation.class);

    private enum State {
        PENDING,
        ESTABLISHED,
        ENDED
    }

    private record Queued(CoapResponse notification, boolean confirmable) {}

    private final ObserveRelations relations;
    private final Exchange exchange;
    private final PeerIdentity peer;
    private final CoapRequest request;
    private final EndpointLabel label;
    private final ObserveNotificationOrderer sequence = new ObserveNotificationOrderer();
    private final CompletableFuture<CancelReason> cancelled = new CompletableFuture<>();
    private final AtomicReference<CancelReason> ending = new AtomicReference<>();
    private final List<Queued> queued = new ArrayList<>();
    private State state = State.PENDING;
    private volatile org.eclipse.californium.core.observe.ObserveRelation transport;

    DefaultObserveRelation(
            ObserveRelations relations,
            Exchange exchange,
            PeerIdentity peer,
            CoapRequest request,
            EndpointLabel label) {
        this.relations = relations;
        this.exchange = exchange;
        this.peer = peer;
        this.request = request;
        this.label = label;
    }

    @Override
    public PeerIdentity peer() {
        return peer;
    }

    @Override
    public CoapRequest request() {
        return request;
    }

    /**
     * Sends the handler's first response: a success establishes the relation (Californium adds the Observe
     * option), anything else, or a relation already cancelled, goes out as a plain response.
     */
    void respond(CoapResponse first) {
        exchange.execute(() -> {
            boolean establish;
            synchronized (this) {
                establish = state == State.PENDING && first.isSuccess();
                if (establish) {
                    state = State.ESTABLISHED;
                }
            }
            if (!establish) {
                end(CancelReason.CANCELLED_BY_HANDLER);
                exchange.sendResponse(CoapMessages.toCalifornium(first));
                return;
            }
            // The request stays readable for the relation's lifetime (Californium may offload payloads).
            exchange.getRequest().setProtectFromOffload();
            org.eclipse.californium.core.observe.ObserveRelation bound = relations.bind(exchange, this);
            transport = bound;
            exchange.sendResponse(CoapMessages.toCalifornium(first));
            if (ending.get() != null) {
                // Cancelled while this was being bound: nothing saw the transport relation yet.
                bound.cancel();
                return;
            }
            List<Queued> flush;
            synchronized (this) {
                flush = new ArrayList<>(queued);
                queued.clear();
            }
            for (Queued notification : flush) {
                send(notification.notification(), notification.confirmable());
            }
        });
    }

    @Override
    public boolean notify(CoapResponse notification, boolean confirmable) {
        synchronized (this) {
            if (state == State.ENDED) {
                return false;
            }
            if (state == State.PENDING) {
                queued.add(new Queued(notification, confirmable));
                return true;
            }
        }
        exchange.execute(() -> send(notification, confirmable));
        return true;
    }

    /** On the exchange's executor. */
    private void send(CoapResponse notification, boolean confirmable) {
        if (isCancelled()) {
            return;
        }
        Response message = CoapMessages.toCalifornium(notification);
        message.setType(confirmable ? Type.CON : Type.NON);
        exchange.sendResponse(message);
    }

    @Override
    public void cancel() {
        markEnding(CancelReason.CANCELLED_BY_HANDLER);
        boolean pending;
        synchronized (this) {
            pending = state == State.PENDING;
        }
        if (pending) {
            // Not yet bound to Californium: the first response goes out as a plain one.
            end(CancelReason.CANCELLED_BY_HANDLER);
        } else {
            cancelTransport();
        }
    }

    /** Cancels Californium's relation (which then calls back {@link #end} through the manager). */
    void cancelTransport() {
        org.eclipse.californium.core.observe.ObserveRelation bound = transport;
        if (bound != null) {
            exchange.execute(bound::cancel);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.isDone();
    }

    @Override
    public CompletionStage<CancelReason> cancelled() {
        return cancelled.copy();
    }

    /** Records why the relation is about to end, when that is known before Californium ends it. */
    void markEnding(CancelReason reason) {
        ending.compareAndSet(null, reason);
    }

    /** Ends the relation once, with the reason marked before, else {@code fallback}. */
    void end(CancelReason fallback) {
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            queued.clear();
        }
        markEnding(fallback);
        CancelReason reason = ending.get();
        relations.forget(this);
        LOG.debug("{}: observation of {} by {} ended: {}", label, request.pathString(), peer.describe(), reason);
        cancelled.complete(reason);
    }

    // ObservableResource: Californium's view of this relation as the observed resource.

    @Override
    public String getURI() {
        return request.pathString();
    }

    /** {@code null}: each notification carries the type {@link #notify} was asked for. */
    @Override
    public Type getObserveType() {
        return null;
    }

    /** Called by Californium once per response it numbers: the next number of this relation. */
    @Override
    public int getNotificationSequenceNumber() {
        return sequence.getNextObserveNumber();
    }

    @Override
    public boolean isObservable() {
        return true;
    }

    @Override
    public void addObserveRelation(org.eclipse.californium.core.observe.ObserveRelation relation) {
        // Bound by ObserveRelations.bind.
    }

    @Override
    public void removeObserveRelation(org.eclipse.californium.core.observe.ObserveRelation relation) {
        // Ended through ObserveRelations.removeObserveRelation, which every cancellation passes.
    }

    @Override
    public int getObserverCount() {
        return isCancelled() ? 0 : 1;
    }

    @Override
    public String toString() {
        return "observation of " + request.pathString() + " by " + peer.describe();
    }
}
