/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.api.transport.CoapResponse;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.SecureServerEndpoint;
import io.bootgate.crypto.nativeprovider.internal.NativeProviderInstaller;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real Raw Public Key DTLS handshake and request between Bootgate's DTLS client and server on loopback, with the
 * restricted native provider installed before the DTLS factory starts (Scandium caches Signature instances per
 * thread, so the factory's threads must be new). Both sides then prefer secp256r1 (ECDH in native code) to X25519
 * (which the native provider does not serve). In the dtls bundle's package to read the negotiated group from the
 * client's connector.
 */
class NativeDtlsHandshakeTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final NativeProviderInstaller installer = NativeProviderInstaller.forNativeLibrary(warning -> {
        throw new AssertionError("the native library should load on this machine: " + warning);
    });
    private DefaultDtlsEndpointFactory factory;
    private SecureServerEndpoint server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (factory != null) {
            factory.close();
        }
        installer.uninstall();
    }

    @Test
    void signaturesAndKeyAgreementComeFromTheNativeProviderOnSecp256r1() throws Exception {
        assertThat(installer.install()).isPresent();
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName())
                .isEqualTo(DtlsConnectorConfigs.NATIVE_EC_PROVIDER);
        assertThat(KeyAgreement.getInstance("ECDH").getProvider().getName())
                .isEqualTo(DtlsConnectorConfigs.NATIVE_EC_PROVIDER);
        factory = new DefaultDtlsEndpointFactory(
                new DtlsTransportSettings(2, 2, 1, 64, 16, 6, Duration.ofMillis(500), 3, 20000));
        assertThat(factory.groups()).containsExactly(SupportedGroup.secp256r1, SupportedGroup.X25519);

        KeyPair serverKey = p256();
        KeyPair deviceKey = p256();
        List<String> received = new CopyOnWriteArrayList<>();
        server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(new RpkCredentials(serverKey))
                .rpkTrust(RpkTrust.of(deviceKey.getPublic()))
                .identityVerifier(EndpointIdentityVerifier.standard(
                        name -> "dev1".equals(name) ? Optional.of(deviceKey.getPublic()) : Optional.empty()))
                .handler((peer, request) -> {
                    received.add(
                            request.pathString() + " from " + peer.getClass().getSimpleName());
                    return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
                })
                .build());
        server.start();
        URI uri = URI.create("coaps://127.0.0.1:" + server.localAddress().getPort());
        try (DefaultSecureClientEndpoint client = (DefaultSecureClientEndpoint)
                factory.createBootstrapClient(ClientEndpointConfig.builder(uri, SecurityMode.RAW_PUBLIC_KEY)
                        .bindAddress(LOOPBACK)
                        .credentials(new RpkCredentials(deviceKey))
                        .rpkTrust(RpkTrust.of(serverKey.getPublic()))
                        .deviceName("dev1")
                        .build())) {
            PeerIdentity serverIdentity = client.connect().toCompletableFuture().get(30, TimeUnit.SECONDS);
            CoapResponse answer = client.send(
                            CoapRequest.post("/bs").query("ep", "dev1").build())
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(serverIdentity).isInstanceOf(RpkPeer.class);
            assertThat(RpkTrust.sameKey(serverIdentity.publicKey(), serverKey.getPublic()))
                    .isTrue();
            assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
            assertThat(received).containsExactly("/bs from RpkPeer");
            assertThat(client.connector()
                            .getDtlsContextByAddress(server.localAddress())
                            .getSession()
                            .getEcGroup())
                    .isEqualTo(SupportedGroup.secp256r1);
        }
    }

    @Test
    void withoutItThePolicyOrderStands() throws Exception {
        factory = new DefaultDtlsEndpointFactory(
                new DtlsTransportSettings(2, 2, 1, 64, 16, 6, Duration.ofMillis(500), 3, 20000));
        assertThat(factory.groups()).isEqualTo(List.of(SupportedGroup.X25519, SupportedGroup.secp256r1));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        if (Security.getProvider(DtlsConnectorConfigs.NATIVE_EC_PROVIDER) != null) {
            assertThat(generator.getProvider().getName()).isEqualTo(DtlsConnectorConfigs.NATIVE_EC_PROVIDER);
        }
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
