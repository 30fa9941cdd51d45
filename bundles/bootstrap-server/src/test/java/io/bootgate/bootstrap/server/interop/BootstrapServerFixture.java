/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.interop;

import static org.awaitility.Awaitility.await;

import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DefaultDtlsEndpointFactory;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real bootstrap server on loopback: the DTLS bundle's endpoint factory, the file config store on a temporary
 * directory, and a record of every session event. The server presents an X.509 certificate issued by a test CA
 * (its key also serves Raw Public Key clients) and trusts device certificates of that CA.
 */
final class BootstrapServerFixture implements AutoCloseable {

    final TestPki pki = new TestPki();
    final KeyPair serverKeys = TestPki.newKeyPair();
    final X509Certificate serverCertificate = pki.issue("localhost", serverKeys.getPublic(), true);
    final DefaultDtlsEndpointFactory factory;
    final FileBootstrapConfigStore store;
    final EmbeddedBootstrapServer server;
    final List<BootstrapSessionEvent> events = new CopyOnWriteArrayList<>();

    BootstrapServerFixture(Path configDirectory) throws Exception {
        factory = new DefaultDtlsEndpointFactory(
                configuration(DtlsFactoryConfiguration.class, Map.of("retransmission_timeout_ms", 500)));
        store = new FileBootstrapConfigStore(
                configDirectory, ObjectModelRegistry.standard(), new DefaultKeyCodec(), Duration.ofSeconds(30));
        store.start();
        server = new EmbeddedBootstrapServer(
                factory,
                store,
                codecs(),
                new EmbeddedBootstrapServer.Options(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new X509Credentials(serverKeys.getPrivate(), List.of(serverCertificate)),
                        List.of(pki.ca),
                        Set.of(),
                        new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(20)),
                        Duration.ofSeconds(5)));
        store.addListener(server);
        server.addSessionListener(events::add);
        server.start();
    }

    /** A DS configuration annotation with its defaults, some overridden: what SCR would hand a component. */
    @SuppressWarnings("unchecked")
    static <A> A configuration(Class<A> type, Map<String, Object> overrides) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            return method.getName().equals("hashCode")
                    ? 0
                    : method.getName().equals("toString") ? type.getName() : Boolean.FALSE;
        });
    }

    String uri() {
        return "coaps://127.0.0.1:" + server.localAddress().getPort();
    }

    /** The sessions of an endpoint so far, each as its events, in start order. */
    List<List<BootstrapSessionEvent>> sessions(String endpoint) {
        List<List<BootstrapSessionEvent>> sessions = new ArrayList<>();
        Map<Long, List<BootstrapSessionEvent>> byId = new java.util.TreeMap<>();
        for (BootstrapSessionEvent event : events) {
            if (event.endpoint().equals(endpoint)) {
                byId.computeIfAbsent(event.sessionId(), id -> new ArrayList<>()).add(event);
            }
        }
        sessions.addAll(byId.values());
        return sessions;
    }

    /** Waits until the endpoint's {@code index}-th session (from 0) has ended, and returns its end. */
    BootstrapSessionEvent.Ended awaitEnd(String endpoint, int index) {
        return await(endpoint + ": end of session " + index)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> end(endpoint, index), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<BootstrapSessionEvent.Ended> end(String endpoint, int index) {
        List<List<BootstrapSessionEvent>> sessions = sessions(endpoint);
        if (sessions.size() > index) {
            List<BootstrapSessionEvent> session = sessions.get(index);
            if (session.get(session.size() - 1) instanceof BootstrapSessionEvent.Ended ended) {
                return Optional.of(ended);
            }
        }
        return Optional.empty();
    }

    /** The steps of the endpoint's {@code index}-th session. */
    List<BootstrapSessionEvent.Step> steps(String endpoint, int index) {
        List<BootstrapSessionEvent.Step> steps = new ArrayList<>();
        for (BootstrapSessionEvent event : sessions(endpoint).get(index)) {
            if (event instanceof BootstrapSessionEvent.Step step) {
                steps.add(step);
            }
        }
        return steps;
    }

    @Override
    public void close() {
        server.close();
        store.close();
        factory.close();
    }

    /** What the server gets in OSGi: the codec bundle's codecs and the object definitions (here the standard ones). */
    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
