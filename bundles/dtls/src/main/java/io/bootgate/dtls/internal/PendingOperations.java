/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations of an endpoint still in flight, so that closing the endpoint fails them at once with
 * {@link Reason#CLOSED} instead of leaving callers to their timeouts.
 */
final class PendingOperations {

    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

    <T> CompletableFuture<T> track(CompletableFuture<T> operation) {
        pending.add(operation);
        operation.whenComplete((result, failure) -> pending.remove(operation));
        return operation;
    }

    void failAll(String message) {
        for (CompletableFuture<?> operation : pending) {
            operation.completeExceptionally(new TransportException(Reason.CLOSED, message));
        }
        pending.clear();
    }
}
