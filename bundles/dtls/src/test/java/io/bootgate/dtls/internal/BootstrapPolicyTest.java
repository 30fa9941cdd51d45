/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;
import static io.bootgate.dtls.internal.DtlsFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.EndpointIdentityVerifier;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.ServerEndpointConfig;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DtlsFixture.RecordingHandler;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.cipher.XECDHECryptography.SupportedGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Bootstrap-interface policy: refused when configured, when an endpoint is created, and at connect. */
class BootstrapPolicyTest {

    private static final URI SECURE = URI.create("coaps://bs.example.com:5684");
    private static final KeyPair DEVICE_KEY = KeyMaterial.generateP256();
    private static final KeyPair SERVER_KEY = KeyMaterial.generateP256();

    private static DefaultDtlsEndpointFactory factory;

    @BeforeAll
    static void startFactory() {
        factory = DtlsFixture.factory();
    }

    @AfterAll
    static void stopFactory() {
        factory.close();
    }

    @ParameterizedTest
    @EnumSource(
            value = SecurityMode.class,
            names = {"RAW_PUBLIC_KEY", "CERTIFICATE"})
    void publicKeyModesOverCoapsAreAccepted(SecurityMode mode) {
        assertThatCode(() -> BootstrapSecurityPolicy.checkBootstrapAccount(SECURE, mode))
                .doesNotThrowAnyException();
    }

    @Test
    void secp256r1GoesFirstOnlyWhenTheNativeProviderServesEcdh() {
        assertThat(DtlsConnectorConfigs.groupsFor("SunEC"))
                .containsExactly(SupportedGroup.X25519, SupportedGroup.secp256r1);
        assertThat(DtlsConnectorConfigs.groupsFor(DtlsConnectorConfigs.NATIVE_EC_PROVIDER))
                .containsExactly(SupportedGroup.secp256r1, SupportedGroup.X25519);
        // Whatever the order, the policy's groups and no others.
        assertThat(DtlsConnectorConfigs.groupsFor(DtlsConnectorConfigs.NATIVE_EC_PROVIDER))
                .containsExactlyInAnyOrderElementsOf(DtlsConnectorConfigs.groups());
    }

    @Test
    void coapUriIsRefused() {
        assertThatThrownBy(() -> BootstrapSecurityPolicy.checkBootstrapAccount(
                        URI.create("coap://bs.example.com"), SecurityMode.RAW_PUBLIC_KEY))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("coap://bs.example.com")
                .hasMessageContaining("requires coaps://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"coap+tcp://bs.example.com", "coaps+tcp://bs.example.com", "http://bs.example.com"})
    void otherSchemesAreRefused(String uri) {
        assertThatThrownBy(
                        () -> BootstrapSecurityPolicy.checkBootstrapAccount(URI.create(uri), SecurityMode.CERTIFICATE))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining(uri);
    }

    @Test
    void pskModeIsRefused() {
        assertThatThrownBy(() -> BootstrapSecurityPolicy.checkBootstrapAccount(SECURE, SecurityMode.PRE_SHARED_KEY))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("Security Mode 0 (PRE_SHARED_KEY) is refused")
                .hasMessageContaining(SECURE.toString());
    }

    @Test
    void noSecModeIsRefused() {
        assertThatThrownBy(() -> BootstrapSecurityPolicy.checkBootstrapAccount(
                        URI.create("coap://bs.example.com"), SecurityMode.NO_SEC))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("Security Mode 3 (NO_SEC) is refused");
    }

    @Test
    void certificateWithEstIsNotSupported() {
        assertThatThrownBy(
                        () -> BootstrapSecurityPolicy.checkBootstrapAccount(SECURE, SecurityMode.CERTIFICATE_WITH_EST))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("Security Mode 4 (CERTIFICATE_WITH_EST) is not supported");
    }

    @Test
    void factoryRefusesPskAndNoSecAccounts() {
        assertThatThrownBy(() ->
                        factory.createBootstrapClient(ClientEndpointConfig.builder(SECURE, SecurityMode.PRE_SHARED_KEY)
                                .build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("PRE_SHARED_KEY");
        assertThatThrownBy(() -> factory.createBootstrapClient(
                        ClientEndpointConfig.builder(URI.create("coap://bs.example.com"), SecurityMode.NO_SEC)
                                .build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("NO_SEC");
    }

    @Test
    void factoryRefusesACoapUri() {
        assertThatThrownBy(() -> factory.createBootstrapClient(
                        rpkClient(URI.create("coap://127.0.0.1:5683")).build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("coap://127.0.0.1:5683 is refused");
    }

    @Test
    void connectRefusesACoapUriAgainWithoutSendingAnything() throws Exception {
        RecordingHandler serverHandler = RecordingHandler.answering(io.bootgate.api.model.ResponseCode.CHANGED);
        try (var server = factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                .credentials(new RpkCredentials(SERVER_KEY))
                .rpkTrust(RpkTrust.of(DEVICE_KEY.getPublic()))
                .identityVerifier(EndpointIdentityVerifier.standard(name -> Optional.of(DEVICE_KEY.getPublic())))
                .handler(serverHandler)
                .build())) {
            server.start();
            URI unprotected =
                    URI.create("coap://127.0.0.1:" + server.localAddress().getPort());
            // Built past the factory's check, as a buggy or future code path might: connect checks again.
            try (SecureClientEndpoint client =
                    factory.newClient(rpkClient(unprotected).build())) {
                TransportException refused = failure(client.connect());

                assertThat(refused.reason()).isEqualTo(Reason.POLICY_VIOLATION);
                assertThat(refused.getMessage()).contains("coap://127.0.0.1:");
                assertThat(client.localAddress())
                        .as("nothing bound, nothing sent")
                        .isEmpty();
                assertThat(failure(client.send(io.bootgate.api.transport.CoapRequest.post("/bs")
                                        .build()))
                                .reason())
                        .isEqualTo(Reason.POLICY_VIOLATION);
            }
            assertThat(serverHandler.received()).isEmpty();
        }
    }

    @Test
    void credentialsMustBeThoseOfTheMode() {
        assertThatThrownBy(() ->
                        factory.createBootstrapClient(ClientEndpointConfig.builder(SECURE, SecurityMode.CERTIFICATE)
                                .credentials(new RpkCredentials(DEVICE_KEY))
                                .build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("Security Mode 2 (CERTIFICATE) but 1 (RAW_PUBLIC_KEY) credentials");
        assertThatThrownBy(() ->
                        factory.createBootstrapClient(ClientEndpointConfig.builder(SECURE, SecurityMode.RAW_PUBLIC_KEY)
                                .credentials(new RpkCredentials(DEVICE_KEY))
                                .build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("needs the server's public key");
    }

    @Test
    void keysUnder256BitsAndNonEcKeysAreRefused() throws Exception {
        KeyPairGenerator p224 = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        p224.initialize(new ECGenParameterSpec("secp224r1"));
        KeyPair weak = p224.generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKey = rsa.generateKeyPair();

        assertThatThrownBy(() -> factory.createBootstrapClient(
                        rpkClient(SECURE).credentials(new RpkCredentials(weak)).build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("224-bit EC key");
        assertThatThrownBy(() -> factory.createBootstrapServer(ServerEndpointConfig.builder(LOOPBACK)
                        .credentials(new RpkCredentials(rsaKey))
                        .rpkTrust(RpkTrust.of(DEVICE_KEY.getPublic()))
                        .identityVerifier((name, peer) -> false)
                        .handler((peer, request) -> null)
                        .build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("key algorithm RSA is refused");
    }

    @Test
    void aPrivateKeyOfAnotherPairIsCaughtAtCreation() {
        KeyPair mixed = new KeyPair(DEVICE_KEY.getPublic(), SERVER_KEY.getPrivate());
        assertThatThrownBy(() -> factory.createBootstrapClient(
                        rpkClient(SECURE).credentials(new RpkCredentials(mixed)).build()))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("the private key does not belong to the public key");
    }

    @Test
    void onlyEcdheEcdsaSuitesAndX25519FirstAreConfigured() {
        assertThat(DtlsConnectorConfigs.cipherSuites())
                .containsExactly(
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256);
        assertThat(DtlsConnectorConfigs.groups()).containsExactly(SupportedGroup.X25519, SupportedGroup.secp256r1);
        for (String refused : List.of(
                "TLS_PSK_WITH_AES_128_CCM_8",
                "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_NULL_WITH_NULL_NULL")) {
            assertThatThrownBy(() -> BootstrapSecurityPolicy.checkCipherSuite(refused))
                    .isInstanceOf(SecurityPolicyException.class)
                    .hasMessageContaining(refused);
        }
    }

    private static ClientEndpointConfig.Builder rpkClient(URI uri) {
        return ClientEndpointConfig.builder(uri, SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(DEVICE_KEY))
                .rpkTrust(RpkTrust.of(SERVER_KEY.getPublic()));
    }
}
