/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * A minimal LwM2M management server built from stock Californium and Scandium, independent of the code under
 * test: a {@code /rd} resource that answers Register with 2.01 and a Location-Path {@code /rd/<n>}, Update
 * with 2.04 and De-register with 2.02, and a {@link CoapClient} on the same endpoint to send requests (Observe
 * included) back to a registered device over its session.
 */
final class TestManagementServer implements AutoCloseable {

    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final String scheme;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final AtomicInteger registrations = new AtomicInteger();

    private TestManagementServer(Configuration configuration, CoapEndpoint endpoint, String scheme) {
        this.endpoint = endpoint;
        this.scheme = scheme;
        this.server = new CoapServer(configuration);
        server.addEndpoint(endpoint);
        server.add(new RegistrationDirectory());
        server.start();
    }

    /** A DTLS server with a Raw Public Key that trusts every client Raw Public Key. */
    static TestManagementServer rpk(KeyPair serverKey) {
        Configuration configuration = configuration();
        DtlsConnectorConfig.Builder dtls = dtlsBuilder(configuration)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8))
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
                .setCertificateIdentityProvider(
                        new SingleCertificateProvider(serverKey.getPrivate(), serverKey.getPublic()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustAllRPKs()
                        .build());
        return dtls(configuration, dtls.build());
    }

    /** A DTLS server with an X.509 chain that trusts clients issued by {@code deviceCa}. */
    static TestManagementServer x509(KeyPair serverKey, List<X509Certificate> chain, X509Certificate deviceCa) {
        Configuration configuration = configuration();
        DtlsConnectorConfig.Builder dtls = dtlsBuilder(configuration)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8))
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
                .setCertificateIdentityProvider(new SingleCertificateProvider(
                        serverKey.getPrivate(), chain.toArray(new X509Certificate[0]), CertificateType.X_509))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedCertificates(deviceCa)
                        .build());
        return dtls(configuration, dtls.build());
    }

    /** A DTLS server that knows one PSK identity. */
    static TestManagementServer psk(String identity, byte[] key) {
        Configuration configuration = configuration();
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        store.setKey(identity, key);
        DtlsConnectorConfig.Builder dtls = dtlsBuilder(configuration)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8))
                .setAdvancedPskStore(store);
        return dtls(configuration, dtls.build());
    }

    /** A plain CoAP server (NoSec). */
    static TestManagementServer noSec() {
        Configuration configuration = configuration();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(configuration)
                .setInetSocketAddress(DtlsFixture.LOOPBACK)
                .build();
        return new TestManagementServer(configuration, endpoint, "coap");
    }

    private static TestManagementServer dtls(Configuration configuration, DtlsConnectorConfig dtls) {
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(configuration)
                .setConnector(new DTLSConnector(dtls))
                .build();
        return new TestManagementServer(configuration, endpoint, "coaps");
    }

    private static Configuration configuration() {
        UdpConfig.register();
        return DtlsConnectorConfigs.baseConfiguration();
    }

    private static DtlsConnectorConfig.Builder dtlsBuilder(Configuration configuration) {
        return DtlsConnectorConfig.builder(new Configuration(configuration))
                .setAddress(DtlsFixture.LOOPBACK)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
    }

    /** The server's URI, {@code coaps://127.0.0.1:port} (or {@code coap://} for NoSec). */
    URI uri() {
        InetSocketAddress address = endpoint.getAddress();
        return URI.create(scheme + "://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** The requests the server received, in order. */
    BlockingQueue<Request> received() {
        return received;
    }

    /** A client that sends from the server's endpoint to a device's resource (over the device's session). */
    CoapClient clientFor(InetSocketAddress device, String path) {
        CoapClient client =
                new CoapClient(scheme + "://" + device.getAddress().getHostAddress() + ":" + device.getPort() + path);
        client.setEndpoint(endpoint);
        client.setTimeout(DtlsFixture.WAIT.toMillis());
        return client;
    }

    @Override
    public void close() {
        server.destroy();
    }

    /** {@code /rd}: Register creates {@code /rd/<n>}. */
    private final class RegistrationDirectory extends CoapResource {
        RegistrationDirectory() {
            super("rd");
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            received.add(exchange.advanced().getRequest());
            String id = String.valueOf(registrations.incrementAndGet());
            add(new Registration(id));
            exchange.setLocationPath("rd/" + id);
            exchange.respond(ResponseCode.CREATED);
        }
    }

    /** {@code /rd/<n>}: Update and De-register. */
    private final class Registration extends CoapResource {
        Registration(String id) {
            super(id);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            received.add(exchange.advanced().getRequest());
            exchange.respond(ResponseCode.CHANGED);
        }

        @Override
        public void handleDELETE(CoapExchange exchange) {
            received.add(exchange.advanced().getRequest());
            delete();
            exchange.respond(ResponseCode.DELETED);
        }
    }
}
