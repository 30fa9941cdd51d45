/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapRequestHandler;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the handshake tests share: loopback addresses, a factory, a recording handler, waiting. */
final class DtlsFixture {

    /** Loopback, any free port. */
    static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static final Duration WAIT = Duration.ofSeconds(20);

    private DtlsFixture() {}

    /** Production defaults, but a short first retransmission so lost or dropped flights repeat quickly. */
    static DefaultDtlsEndpointFactory factory() {
        return factory(new DtlsTransportSettings(2, 2, 1, 64, 16, 6, Duration.ofMillis(500), 3, 20000));
    }

    static DefaultDtlsEndpointFactory factory(DtlsTransportSettings settings) {
        try {
            return new DefaultDtlsEndpointFactory(settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static URI coaps(SecureServerEndpoint server) {
        InetSocketAddress address = server.localAddress();
        return URI.create("coaps://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within " + WAIT, e);
        }
    }

    /** The TransportException a stage fails with; fails the test if it succeeds or fails otherwise. */
    static TransportException failure(CompletionStage<?> stage) {
        try {
            Object result = stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a TransportException, got success: " + result);
        } catch (ExecutionException e) {
            return TransportException.find(e)
                    .orElseThrow(() -> new AssertionError("expected a TransportException, got " + e.getCause(), e));
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no result within " + WAIT, e);
        }
    }

    /** One request a handler received, with the identity it came with. */
    record Received(PeerIdentity peer, CoapRequest request) {}

    /** Records what it receives and answers with a fixed response. */
    static final class RecordingHandler implements CoapRequestHandler {
        private final CoapResponse answer;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        RecordingHandler(CoapResponse answer) {
            this.answer = answer;
        }

        static RecordingHandler answering(ResponseCode code) {
            return new RecordingHandler(CoapResponse.of(code));
        }

        @Override
        public CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request) {
            received.add(new Received(peer, request));
            return CompletableFuture.completedFuture(answer);
        }

        List<Received> received() {
            return received;
        }

        Received single() {
            assertThat(received).hasSize(1);
            return received.get(0);
        }
    }
}
