/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BootstrapDownlinkRequest;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.InvalidConfigurationException;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStoreAdapter;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * A real Eclipse Leshan 2.0.0-M15 bootstrap server on a loopback port, over CoAP/DTLS with RPK or X.509, serving
 * one {@link BootstrapConfig} to one endpoint, and recording what its session saw so a test can assert on the
 * server's view too (e.g. that its Finish was answered 2.04).
 */
final class LeshanBootstrapServerFixture implements AutoCloseable {

    /** What the Leshan session reported at its end. */
    record SessionEnd(String endpoint, boolean success, BootstrapFailureCause cause) {}

    private final LeshanBootstrapServer server;
    private final InMemoryBootstrapConfigStore configStore;
    private final LinkedBlockingQueue<SessionEnd> ends = new LinkedBlockingQueue<>();
    private final List<BootstrapRequest> bootstrapRequests = new CopyOnWriteArrayList<>();
    private final List<String> sentRequests = new CopyOnWriteArrayList<>();
    private final List<String> errorResponses = new CopyOnWriteArrayList<>();

    private LeshanBootstrapServerFixture(
            LeshanBootstrapServerBuilder builder, InMemoryBootstrapConfigStore configStore) {
        this.configStore = configStore;
        CaliforniumBootstrapServerEndpointsProvider endpoints = new CaliforniumBootstrapServerEndpointsProvider.Builder(
                        new CoapsBootstrapServerProtocolProvider())
                .addEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Protocol.COAPS)
                .build();
        builder.setEndpointsProviders(endpoints);
        this.server = builder.build();
        server.addListener(new BootstrapSessionAdapter() {
            @Override
            public void sessionInitiated(BootstrapRequest request, LwM2mPeer client) {
                bootstrapRequests.add(request);
            }

            @Override
            public void sendRequest(
                    BootstrapSession session, BootstrapDownlinkRequest<? extends LwM2mResponse> request) {
                sentRequests.add(request.getClass().getSimpleName() + " " + request.getPath());
            }

            @Override
            public void onResponseError(
                    BootstrapSession session,
                    BootstrapDownlinkRequest<? extends LwM2mResponse> request,
                    LwM2mResponse response) {
                errorResponses.add(
                        request.getClass().getSimpleName() + " " + request.getPath() + " -> " + response.getCode());
            }

            @Override
            public void end(BootstrapSession session) {
                ends.add(new SessionEnd(session.getEndpoint(), true, null));
            }

            @Override
            public void failed(BootstrapSession session, BootstrapFailureCause cause) {
                ends.add(new SessionEnd(session.getEndpoint(), false, cause));
            }
        });
        server.start();
    }

    /** Server authenticated by its raw public key; the client by the raw public key Leshan knows for it. */
    static LeshanBootstrapServerFixture rpk(KeyPair serverKeys, String endpoint, PublicKey clientKey) {
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setPublicKey(serverKeys.getPublic());
        builder.setPrivateKey(serverKeys.getPrivate());
        return start(builder, SecurityInfo.newRawPublicKeyInfo(endpoint, clientKey));
    }

    /**
     * Server authenticated by an X.509 chain; clients by certificates chaining to {@code trusted}, whose CN
     * Leshan checks against the endpoint name.
     */
    static LeshanBootstrapServerFixture x509(
            KeyPair serverKeys, X509Certificate[] serverChain, X509Certificate[] trusted, String endpoint) {
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setPrivateKey(serverKeys.getPrivate());
        builder.setCertificateChain(serverChain);
        builder.setTrustedCertificates(trusted);
        return start(builder, SecurityInfo.newX509CertInfo(endpoint));
    }

    private static LeshanBootstrapServerFixture start(LeshanBootstrapServerBuilder builder, SecurityInfo clientInfo) {
        InMemorySecurityStore securityStore = new InMemorySecurityStore();
        try {
            securityStore.add(clientInfo);
        } catch (NonUniqueSecurityInfoException e) {
            throw new IllegalArgumentException("Leshan refused the test client identity: " + e.getMessage(), e);
        }
        InMemoryBootstrapConfigStore configStore = new InMemoryBootstrapConfigStore();
        builder.setSecurityStore(new BootstrapSecurityStoreAdapter(securityStore));
        builder.setConfigStore(configStore);
        return new LeshanBootstrapServerFixture(builder, configStore);
    }

    /**
     * Sets what Leshan serves to an endpoint; done after the start because the configuration names the server's
     * own URI, whose port is known only then.
     */
    void configure(String endpoint, BootstrapConfig config) {
        try {
            configStore.add(endpoint, config);
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException("Leshan refused the test configuration: " + e.getMessage(), e);
        }
    }

    /** {@code coaps://127.0.0.1:<port>} with the port actually bound. */
    URI uri() {
        return server.getEndpoint(Protocol.COAPS).getURI();
    }

    /** The Bootstrap-Requests Leshan received, in order (endpoint name and preferred content format). */
    List<BootstrapRequest> bootstrapRequests() {
        return List.copyOf(bootstrapRequests);
    }

    /** The downlink requests Leshan sent, as "Type path". */
    List<String> sentRequests() {
        return List.copyOf(sentRequests);
    }

    /** Downlink requests our side answered with an error, as "Type path -> code". */
    List<String> errorResponses() {
        return List.copyOf(errorResponses);
    }

    /** Waits for the end of the next session; {@code null} when none ended in time. */
    SessionEnd awaitSessionEnd(Duration timeout) throws InterruptedException {
        return ends.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.destroy();
    }
}
