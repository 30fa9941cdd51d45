/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.ManagementClientConfig;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The real DTLS factory, except that while {@link #hold()} is on, the answer to a Register ({@code POST /rd})
 * reaches the registration manager only on {@link #release()}: the server has answered (and may send requests),
 * the gateway has not processed the answer yet. Makes the window between a server's 2.01 and the gateway's
 * processing of it as long as a test needs, without timing.
 */
final class HeldRegisterAnswers implements DtlsEndpointFactory {

    private final DtlsEndpointFactory delegate;
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    HeldRegisterAnswers(DtlsEndpointFactory delegate) {
        this.delegate = delegate;
    }

    synchronized void hold() {
        holding = true;
    }

    /** How many Register answers arrived and are held. */
    synchronized int heldAnswers() {
        return held.size();
    }

    /** Delivers the held answers and stops holding. */
    void release() {
        List<Runnable> delivered;
        synchronized (this) {
            holding = false;
            delivered = List.copyOf(held);
            held.clear();
        }
        delivered.forEach(Runnable::run);
    }

    private synchronized boolean holding() {
        return holding;
    }

    private synchronized void arrived(Runnable delivery) {
        if (holding) {
            held.add(delivery);
        } else {
            delivery.run();
        }
    }

    @Override
    public SecureServerEndpoint createBootstrapServer(ServerEndpointConfig config) throws SecurityPolicyException {
        return delegate.createBootstrapServer(config);
    }

    @Override
    public SecureClientEndpoint createBootstrapClient(ClientEndpointConfig config) throws SecurityPolicyException {
        return delegate.createBootstrapClient(config);
    }

    @Override
    public SecureClientEndpoint createManagementClient(ManagementClientConfig config) throws SecurityPolicyException {
        SecureClientEndpoint client = delegate.createManagementClient(config);
        return new SecureClientEndpoint() {
            @Override
            public CompletionStage<PeerIdentity> connect() {
                return client.connect();
            }

            @Override
            public CompletionStage<CoapResponse> send(CoapRequest request) {
                CompletionStage<CoapResponse> answer = client.send(request);
                boolean register = request.method() == CoapMethod.POST
                        && request.pathString().equals("/rd");
                if (!register || !holding()) {
                    return answer;
                }
                CompletableFuture<CoapResponse> delivered = new CompletableFuture<>();
                answer.whenComplete((response, failure) -> arrived(() -> {
                    if (failure != null) {
                        delivered.completeExceptionally(failure);
                    } else {
                        delivered.complete(response);
                    }
                }));
                return delivered;
            }

            @Override
            public Optional<InetSocketAddress> localAddress() {
                return client.localAddress();
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
