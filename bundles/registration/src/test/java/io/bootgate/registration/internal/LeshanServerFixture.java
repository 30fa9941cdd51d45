/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.model.VersionedModelProvider;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * A real Eclipse Leshan 2.0.0-M15 LwM2M server on a loopback port over CoAP/DTLS (RPK or X.509), recording what
 * its registration service saw as text lines: {@code registered <ep> lt=<s> b=<binding> links=<links>},
 * {@code updated <ep> lt=<s>}, {@code unregistered <ep>}.
 */
final class LeshanServerFixture implements AutoCloseable {

    private final LeshanServer server;
    private final InMemorySecurityStore security = new InMemorySecurityStore();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private LeshanServerFixture(LeshanServerBuilder builder) {
        this(builder, 0);
    }

    /** @param port the loopback port, 0 for any */
    private LeshanServerFixture(LeshanServerBuilder builder, int port) {
        CaliforniumServerEndpointsProvider endpoints = new CaliforniumServerEndpointsProvider.Builder(
                        new CoapsServerProtocolProvider())
                .addEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Protocol.COAPS)
                .build();
        builder.setEndpointsProviders(endpoints);
        builder.setSecurityStore(security);
        this.server = builder.build();
        server.getRegistrationService().addListener(new RegistrationListener() {
            @Override
            public void registered(
                    Registration registration, Registration previous, Collection<Observation> observations) {
                log.add("registered " + registration.getEndpoint() + " lt=" + registration.getLifeTimeInSec() + " b="
                        + registration.getBindingMode() + " links=" + links(registration));
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
                log.add("updated " + updated.getEndpoint() + " lt=" + updated.getLifeTimeInSec() + " links="
                        + links(updated));
            }

            @Override
            public void unregistered(
                    Registration registration,
                    Collection<Observation> observations,
                    boolean expired,
                    Registration newRegistration) {
                log.add((expired ? "expired " : "unregistered ") + registration.getEndpoint());
            }
        });
        server.start();
    }

    private static String links(Registration registration) {
        StringBuilder text = new StringBuilder();
        for (var link : registration.getObjectLinks()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append('<').append(link.getUriReference()).append('>');
        }
        return text.toString();
    }

    /** A server authenticated by its raw public key. */
    static LeshanServerFixture rpk(KeyPair serverKeys) {
        return rpk(serverKeys, List.of());
    }

    /**
     * A server authenticated by its raw public key that also knows {@code extraModels} (Leshan's defaults cover
     * objects 0-7 and 21 only; it needs a model to encode a Write or decode a Read of any other object).
     */
    static LeshanServerFixture rpk(KeyPair serverKeys, List<ObjectModel> extraModels) {
        return rpk(serverKeys, extraModels, 0);
    }

    /**
     * The same on a given loopback port: a server restarted there with a new key is the "same" server (the
     * device's /0/x/0 still points to it) whose key was rotated.
     */
    static LeshanServerFixture rpk(KeyPair serverKeys, List<ObjectModel> extraModels, int port) {
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setPublicKey(serverKeys.getPublic());
        builder.setPrivateKey(serverKeys.getPrivate());
        models(builder, extraModels);
        return new LeshanServerFixture(builder, port);
    }

    /** A server authenticated by an X.509 chain; clients by certificates chaining to {@code trusted}. */
    static LeshanServerFixture x509(KeyPair serverKeys, X509Certificate[] chain, X509Certificate[] trusted) {
        return x509(serverKeys, chain, trusted, List.of());
    }

    /** The same, knowing {@code extraModels} besides Leshan's defaults. */
    static LeshanServerFixture x509(
            KeyPair serverKeys, X509Certificate[] chain, X509Certificate[] trusted, List<ObjectModel> extraModels) {
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setPrivateKey(serverKeys.getPrivate());
        builder.setCertificateChain(chain);
        builder.setTrustedCertificates(trusted);
        models(builder, extraModels);
        return new LeshanServerFixture(builder);
    }

    private static void models(LeshanServerBuilder builder, List<ObjectModel> extraModels) {
        if (!extraModels.isEmpty()) {
            List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
            models.addAll(extraModels);
            builder.setObjectModelProvider(new VersionedModelProvider(models));
        }
    }

    /** Lets {@code endpoint} in with this raw public key. */
    LeshanServerFixture allowRpk(String endpoint, PublicKey key) {
        return allow(SecurityInfo.newRawPublicKeyInfo(endpoint, key));
    }

    /** Lets {@code endpoint} in with a certificate whose CN is the endpoint name. */
    LeshanServerFixture allowX509(String endpoint) {
        return allow(SecurityInfo.newX509CertInfo(endpoint));
    }

    private LeshanServerFixture allow(SecurityInfo info) {
        try {
            security.add(info);
        } catch (NonUniqueSecurityInfoException e) {
            throw new IllegalArgumentException("Leshan refused the test client identity: " + e.getMessage(), e);
        }
        return this;
    }

    URI uri() {
        return server.getEndpoint(Protocol.COAPS).getURI();
    }

    /** What the registration service saw, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    /** Lines of the log starting with {@code prefix}. */
    List<String> lines(String prefix) {
        return log.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The Leshan server itself, to send Read/Write/Execute/Observe requests to a registered device. */
    LeshanServer server() {
        return server;
    }

    Registration registration(String endpoint) {
        return server.getRegistrationService().getByEndpoint(endpoint);
    }

    /** Forgets the device, as a server restarted without its registration store would. */
    void forget(String endpoint) {
        Registration registration = registration(endpoint);
        if (registration != null) {
            server.getRegistrationStore().removeRegistration(registration.getId());
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
