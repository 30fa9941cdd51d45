/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.api.transport.TransportException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A small LwM2M bootstrap server written with Bootgate's transport API (Raw Public Key), whose behaviour a test
 * sets: it can refuse the {@code pct} parameter as a LwM2M 1.0 server does, answer a Bootstrap-Pack-Request
 * with a given pack or with 4.04, and after accepting a Bootstrap-Request it sends a scripted list of commands
 * (the last one normally the Finish), each after the previous one was answered.
 */
public final class TestBootstrapServer implements AutoCloseable {

    /** What the server does. */
    public record Behaviour(boolean refusePct, Optional<byte[]> pack, List<CoapRequest> commands) {}

    private final SecureServerEndpoint endpoint;
    private final Behaviour behaviour;
    private final List<CoapRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> exchanges = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<CoapResponse>> commandResponses = new CompletableFuture<>();

    public TestBootstrapServer(
            DtlsEndpointFactory dtls, KeyPair serverKeys, PublicKey deviceKey, String endpointName, Behaviour behaviour)
            throws SecurityPolicyException, TransportException {
        this.behaviour = behaviour;
        ServerEndpointConfig config = ServerEndpointConfig.builder(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .credentials(new RpkCredentials(serverKeys))
                .rpkTrust(RpkTrust.of(deviceKey))
                .identityVerifier(EndpointIdentityVerifier.standard(
                        name -> endpointName.equals(name) ? Optional.of(deviceKey) : Optional.empty()))
                .handler(this::handle)
                .build();
        this.endpoint = dtls.createBootstrapServer(config);
        endpoint.start();
    }

    public URI uri() {
        InetSocketAddress address = endpoint.localAddress();
        return URI.create("coaps://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** The requests the device sent, in order. */
    public List<CoapRequest> received() {
        return List.copyOf(received);
    }

    /** The answers of the device to the scripted commands, once all were answered (or one failed). */
    public CompletableFuture<List<CoapResponse>> commandResponses() {
        return commandResponses;
    }

    private CompletionStage<CoapResponse> handle(PeerIdentity peer, CoapRequest request) {
        received.add(request);
        String path = request.pathString();
        if (path.equals("/bspack")) {
            return CompletableFuture.completedFuture(behaviour
                    .pack()
                    .map(pack -> CoapResponse.of(ResponseCode.CONTENT, ContentFormat.SENML_CBOR, pack))
                    .orElse(CoapResponse.error(ResponseCode.NOT_FOUND, "no Bootstrap-Pack here")));
        }
        if (path.equals("/bs")) {
            if (behaviour.refusePct() && request.queryParameter("pct").isPresent()) {
                return CompletableFuture.completedFuture(
                        CoapResponse.error(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "pct is not supported"));
            }
            // Send the commands once the 2.04 is on its way, as a bootstrap server does.
            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
                    .execute(() -> sendCommands(peer.address(), 0, new CopyOnWriteArrayList<>()));
            return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
        }
        return CompletableFuture.completedFuture(
                CoapResponse.error(ResponseCode.NOT_FOUND, "unknown resource " + path));
    }

    private void sendCommands(InetSocketAddress device, int index, List<CoapResponse> responses) {
        if (index == behaviour.commands().size()) {
            commandResponses.complete(List.copyOf(responses));
            return;
        }
        CoapRequest command = behaviour.commands().get(index);
        endpoint.send(device, command).whenComplete((response, error) -> {
            if (error != null) {
                commandResponses.completeExceptionally(error);
                return;
            }
            exchanges.add(command + " -> " + response);
            responses.add(response);
            sendCommands(device, index + 1, responses);
        });
    }

    /** The commands sent and their answers, as "request -> response". */
    public List<String> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
