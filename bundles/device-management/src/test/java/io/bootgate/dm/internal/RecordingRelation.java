/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.ObserveRelation;
import io.bootgate.api.transport.PeerIdentity;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** An observe relation that records the notifications it is asked to send. */
final class RecordingRelation implements ObserveRelation {

    private final CoapRequest request;
    private final CompletableFuture<CancelReason> cancelled = new CompletableFuture<>();
    final List<CoapResponse> notifications = new CopyOnWriteArrayList<>();

    RecordingRelation(CoapRequest request) {
        this.request = request;
    }

    @Override
    public PeerIdentity peer() {
        throw new UnsupportedOperationException("the handler does not need the peer");
    }

    @Override
    public CoapRequest request() {
        return request;
    }

    @Override
    public boolean notify(CoapResponse notification, boolean confirmable) {
        if (isCancelled()) {
            return false;
        }
        notifications.add(notification);
        return true;
    }

    @Override
    public void cancel() {
        cancelled.complete(CancelReason.CANCELLED_BY_HANDLER);
    }

    void cancelByPeer() {
        cancelled.complete(CancelReason.DEREGISTERED_BY_PEER);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.isDone();
    }

    @Override
    public CompletionStage<CancelReason> cancelled() {
        return cancelled;
    }
}
