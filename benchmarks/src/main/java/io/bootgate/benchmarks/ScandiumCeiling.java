/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import io.bootgate.mode.testkit.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.MapBasedEndpointContext;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * What bare Scandium 3.14 and Californium do on this machine with no Bootgate code in between: per device a full
 * Raw Public Key handshake (P-256 keys; ECDHE on Scandium's default secp256r1, or on the groups Bootgate offers,
 * X25519 first; Scandium's defaults otherwise) and 7 confirmable CoAP POSTs of 200 bytes,
 * which is the work of one bootstrap session; 16 client connectors (one local port each, as DTLS allows one
 * connection per peer address) drive it, and both sides live in this JVM.
 */
final class ScandiumCeiling implements Side {

    static final int CLIENT_CONNECTORS = 16;
    private static final int POSTS = 7;
    private static final byte[] PAYLOAD = new byte[200];

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapServer server;
    private final List<CoapEndpoint> clientEndpoints = new ArrayList<>();
    private final LinkedBlockingQueue<Client> idle = new LinkedBlockingQueue<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(CLIENT_CONNECTORS, runnable -> {
        Thread thread = new Thread(runnable, "ceiling-client");
        thread.setDaemon(true);
        return thread;
    });

    private final InetSocketAddress serverAddress;
    private final String uri;

    private record Client(DTLSConnector connector, CoapClient coap) {}

    /**
     * @param groups the ECDHE groups both sides offer, in order of preference; empty: Scandium's default
     *     (secp256r1 first)
     */
    ScandiumCeiling(List<SupportedGroup> groups) throws Exception {
        KeyPair serverKeys = TestPki.newKeyPair();
        Configuration serverConfiguration = configuration(DtlsConfig.DtlsRole.SERVER_ONLY, groups);
        DTLSConnector serverConnector = connector(
                serverConfiguration,
                serverKeys,
                StaticNewAdvancedCertificateVerifier.builder().setTrustAllRPKs().build());
        server = new CoapServer(serverConfiguration);
        server.addEndpoint(new CoapEndpoint.Builder()
                .setConnector(serverConnector)
                .setConfiguration(serverConfiguration)
                .build());
        server.add(new CoapResource("data") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(ResponseCode.CHANGED);
            }
        });
        server.start();
        serverAddress = serverConnector.getAddress();
        uri = "coaps://127.0.0.1:" + serverAddress.getPort() + "/data";

        for (int i = 0; i < CLIENT_CONNECTORS; i++) {
            KeyPair clientKeys = TestPki.newKeyPair();
            Configuration configuration = configuration(DtlsConfig.DtlsRole.CLIENT_ONLY, groups);
            DTLSConnector connector = connector(
                    configuration,
                    clientKeys,
                    StaticNewAdvancedCertificateVerifier.builder()
                            .setTrustedRPKs(new RawPublicKeyIdentity(serverKeys.getPublic()))
                            .build());
            CoapEndpoint endpoint = new CoapEndpoint.Builder()
                    .setConnector(connector)
                    .setConfiguration(configuration)
                    .build();
            endpoint.start();
            clientEndpoints.add(endpoint);
            CoapClient coap = new CoapClient(uri);
            coap.setEndpoint(endpoint);
            coap.setTimeout(60_000L);
            idle.add(new Client(connector, coap));
        }
    }

    private static Configuration configuration(DtlsConfig.DtlsRole role, List<SupportedGroup> groups) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        configuration.set(DtlsConfig.DTLS_ROLE, role);
        if (!groups.isEmpty()) {
            configuration.set(DtlsConfig.DTLS_CURVES, groups);
        }
        return configuration;
    }

    /** A connector on a free loopback port with Scandium's defaults, authenticating with the key pair as an RPK. */
    private static DTLSConnector connector(
            Configuration configuration, KeyPair keys, NewAdvancedCertificateVerifier verifier) {
        return new DTLSConnector(DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCertificateIdentityProvider(new SingleCertificateProvider(keys.getPrivate(), keys.getPublic()))
                .setAdvancedCertificateVerifier(verifier)
                .build());
    }

    /** The ceiling's devices are only numbers: a device is one handshake and its POSTs. */
    @Override
    public List<String> provision(String prefix, int count) {
        List<String> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(prefix + ":" + i);
        }
        return devices;
    }

    @Override
    public void bootstrap(List<String> devices, Run run) throws InterruptedException {
        for (String device : devices) {
            run.start(start -> workers.execute(() -> {
                Client client;
                try {
                    client = idle.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    run.failed(device, "interrupted");
                    return;
                }
                try {
                    for (int i = 0; i < POSTS; i++) {
                        Request post = Request.newPost();
                        post.setURI(uri);
                        post.setPayload(PAYLOAD);
                        post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
                        if (i == 0) {
                            // A new device: a full handshake, no resumption of the previous device's session.
                            post.setDestinationContext(MapBasedEndpointContext.addEntries(
                                    new AddressEndpointContext(serverAddress),
                                    DtlsEndpointContext.ATTRIBUE_HANDSHAKE_MODE_FORCE_FULL));
                        }
                        CoapResponse response = client.coap().advanced(post);
                        if (response == null || response.getCode() != ResponseCode.CHANGED) {
                            run.failed(
                                    device,
                                    "POST " + (i + 1) + ": " + (response == null ? "no response" : response.getCode()));
                            return;
                        }
                    }
                    run.succeeded(start);
                } catch (Exception e) {
                    run.failed(device, e.toString());
                } finally {
                    idle.add(client);
                }
            }));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CoapEndpoint endpoint : clientEndpoints) {
            endpoint.destroy();
        }
        server.destroy();
    }
}
