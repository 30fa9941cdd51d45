/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;

/**
 * Sends a Californium request and completes a future with its response or a {@link TransportException},
 * with a deadline of our own on top of CoAP's retransmissions.
 */
final class RequestSender {

    private RequestSender() {}

    static CompletableFuture<CoapResponse> send(
            Endpoint endpoint,
            Request request,
            InetSocketAddress peer,
            Duration timeout,
            ScheduledExecutorService timer,
            String context) {
        CompletableFuture<CoapResponse> result = new CompletableFuture<>();
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                try {
                    result.complete(CoapMessages.toResponse(response));
                } catch (IllegalArgumentException e) {
                    result.completeExceptionally(new TransportException(
                            Reason.PROTOCOL_ERROR,
                            context + ": unusable response " + response.getCode() + ": " + e.getMessage(),
                            peer,
                            e));
                }
            }

            @Override
            public void onReject() {
                result.completeExceptionally(new TransportException(
                        Reason.PROTOCOL_ERROR, context + ": the peer rejected the request (RST)", peer, null));
            }

            @Override
            public void onTimeout() {
                result.completeExceptionally(new TransportException(
                        Reason.TIMEOUT, context + ": no response after CoAP retransmissions", peer, null));
            }

            @Override
            public void onCancel() {
                result.completeExceptionally(
                        new TransportException(Reason.CLOSED, context + ": request cancelled", peer, null));
            }

            @Override
            public void onSendError(Throwable error) {
                result.completeExceptionally(TransportFailures.of(error, peer, context));
            }

            @Override
            public void onResponseHandlingError(Throwable error) {
                result.completeExceptionally(new TransportException(
                        Reason.PROTOCOL_ERROR,
                        context + ": the response could not be processed: " + error,
                        peer,
                        error));
            }
        });
        ScheduledFuture<?> deadline = timer.schedule(
                () -> {
                    if (result.completeExceptionally(new TransportException(
                            Reason.TIMEOUT,
                            context + ": no response within " + timeout.toMillis() + " ms",
                            peer,
                            null))) {
                        request.cancel();
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        result.whenComplete((response, failure) -> deadline.cancel(false));
        endpoint.sendRequest(request);
        return result;
    }
}
