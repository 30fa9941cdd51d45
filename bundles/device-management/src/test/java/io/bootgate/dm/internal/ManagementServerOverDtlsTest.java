/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import static io.bootgate.dm.internal.DmFixture.ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.ManagementClientConfig;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DefaultDtlsEndpointFactory;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.mode.testkit.Configurations;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConfig.DtlsRole;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A proxied device registered over real DTLS (Raw Public Key) on loopback with a management server made of stock
 * Californium and Scandium; the server then reads, observes, writes and deletes over the device's session.
 */
class ManagementServerOverDtlsTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_MS = 20_000;
    /** The test server's Short Server ID on the device; 102 is a second account that owns /1000/1. */
    private static final int SSID = 101;

    private final DmFixture fx = new DmFixture();
    private final KeyPair serverKey = KeyMaterial.generateP256();
    private final KeyPair deviceKey = KeyMaterial.generateP256();
    private final BlockingQueue<String> registrations = new LinkedBlockingQueue<>();
    private CoapServer server;
    private CoapEndpoint serverEndpoint;
    private DefaultDtlsEndpointFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.close();
        }
        if (server != null) {
            server.destroy();
        }
        fx.close();
    }

    @Test
    void managementServerReadsObservesAndIsRefusedWhereTheAclSays() throws Exception {
        fx.server(SSID)
                .server(102)
                .testInstance(1)
                .ac(0, 3, 0, SSID, Map.of())
                .ac(1, 3303, 0, 102, Map.of(0, AccessRights.READ))
                .ac(2, DmFixture.TEST_OBJECT, 1, 102, Map.of(SSID, AccessRights.READ));
        startServer();
        factory = new DefaultDtlsEndpointFactory(Configurations.defaults(DtlsFactoryConfiguration.class));
        ManagementClientConfig config =
                ManagementClientConfig.of(ClientEndpointConfig.builder(serverUri(), SecurityMode.RAW_PUBLIC_KEY)
                        .bindAddress(LOOPBACK)
                        .credentials(new RpkCredentials(deviceKey))
                        .rpkTrust(RpkTrust.of(serverKey.getPublic()))
                        .deviceName(ENDPOINT)
                        .handler(fx.dm.handler(ENDPOINT, SSID, fx.registrations))
                        .build());
        try (SecureClientEndpoint device = factory.createManagementClient(config)) {
            CoapResponse created = device.send(CoapRequest.post("/rd")
                            .query("ep", ENDPOINT)
                            .query("lt", "300")
                            .query("lwm2m", "1.1")
                            .contentFormat(ContentFormat.LINK)
                            .payload(fx.dm.registrationLinks(ENDPOINT))
                            .build())
                    .toCompletableFuture()
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
            assertThat(registrations.poll(WAIT_MS, TimeUnit.MILLISECONDS))
                    .contains("</3/0>", "</3303/0>")
                    .doesNotContain("</0/");

            InetSocketAddress deviceAddress = device.localAddress().orElseThrow();
            CoapClient deviceInfo = clientFor(deviceAddress, "/3/0");
            org.eclipse.californium.core.CoapResponse read = deviceInfo.get(ContentFormat.SENML_JSON.code());
            assertThat(read).isNotNull();
            assertThat(read.getCode().value).isEqualTo(ResponseCode.CONTENT.value());
            assertThat(read.getResponseText()).contains("Bootgate");

            BlockingQueue<String> values = new LinkedBlockingQueue<>();
            CoapClient sensor = clientFor(deviceAddress, "/3303/0/5700");
            CoapObserveRelation observation = sensor.observe(
                    new CoapHandler() {
                        @Override
                        public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                            values.add(response.getResponseText());
                        }

                        @Override
                        public void onError() {
                            values.add("error");
                        }
                    },
                    MediaTypeRegistry.TEXT_PLAIN);
            assertThat(values.poll(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("20.0");
            fx.temperature.set(ENDPOINT, 23.5);
            assertThat(values.poll(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("23.5");
            fx.temperature.set(ENDPOINT, 24.0);
            assertThat(values.poll(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("24.0");
            assertThat(fx.dm.observationCount(ENDPOINT)).isEqualTo(1);

            assertThat(clientFor(deviceAddress, "/0/0/0")
                            .put("coaps://evil", MediaTypeRegistry.TEXT_PLAIN)
                            .getCode()
                            .value)
                    .as("write to /0")
                    .isEqualTo(ResponseCode.UNAUTHORIZED.value());
            assertThat(clientFor(deviceAddress, "/1000/1/0")
                            .put("5", MediaTypeRegistry.TEXT_PLAIN)
                            .getCode()
                            .value)
                    .as("ACL-denied write")
                    .isEqualTo(ResponseCode.UNAUTHORIZED.value());
            assertThat(clientFor(deviceAddress, "/1000/1").delete().getCode().value)
                    .as("delete of an instance owned by another server")
                    .isEqualTo(ResponseCode.UNAUTHORIZED.value());
            assertThat(fx.store.snapshot(ENDPOINT).instance(DmFixture.TEST_OBJECT, 1))
                    .isPresent();

            observation.proactiveCancel();
            fx.dm.serverSessionEnded(ENDPOINT, SSID);
            assertThat(fx.dm.observationCount(ENDPOINT)).isZero();
        }
    }

    private void startServer() {
        UdpConfig.register();
        CoapConfig.register();
        DtlsConfig.register();
        Configuration configuration = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(new Configuration(configuration))
                .setAddress(LOOPBACK)
                .set(DtlsConfig.DTLS_ROLE, DtlsRole.SERVER_ONLY)
                .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
                .set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8))
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
                .setCertificateIdentityProvider(
                        new SingleCertificateProvider(serverKey.getPrivate(), serverKey.getPublic()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustAllRPKs()
                        .build())
                .build();
        serverEndpoint = new CoapEndpoint.Builder()
                .setConfiguration(configuration)
                .setConnector(new DTLSConnector(dtls))
                .build();
        server = new CoapServer(configuration);
        server.addEndpoint(serverEndpoint);
        server.add(new CoapResource("rd") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                registrations.add(new String(exchange.getRequestPayload(), StandardCharsets.UTF_8));
                exchange.setLocationPath("rd/1");
                exchange.respond(org.eclipse.californium.core.coap.CoAP.ResponseCode.CREATED);
            }
        });
        server.start();
    }

    private URI serverUri() {
        InetSocketAddress address = serverEndpoint.getAddress();
        return URI.create("coaps://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** A client that sends from the server's endpoint to the device, over the device's DTLS session. */
    private CoapClient clientFor(InetSocketAddress device, String path) {
        CoapClient client =
                new CoapClient("coaps://" + device.getAddress().getHostAddress() + ":" + device.getPort() + path);
        client.setEndpoint(serverEndpoint);
        client.setTimeout(WAIT_MS);
        return client;
    }
}
