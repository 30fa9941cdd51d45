/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.SecurityMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ManagementSecurityPolicy}: RPK/X.509 always, PSK and NoSec only when allowed, never EST. */
class ManagementSecurityPolicyTest {

    private static final URI COAPS = URI.create("coaps://dm.example:5684");
    private static final URI COAP = URI.create("coap://dm.example:5683");
    private static final PskCredentials PSK =
            PskCredentials.of("dev1", "secret-key-bytes".getBytes(StandardCharsets.UTF_8));

    private static KeyPair key;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
    }

    @Test
    void rawPublicKeyIsAcceptedWhateverTheOperatorAllows() {
        ManagementClientConfig rpk =
                ManagementClientConfig.of(ClientEndpointConfig.builder(COAPS, SecurityMode.RAW_PUBLIC_KEY)
                        .credentials(new RpkCredentials(key))
                        .rpkTrust(RpkTrust.of(key.getPublic()))
                        .build());
        assertThatCode(() -> ManagementSecurityPolicy.checkClient(rpk, false, false))
                .doesNotThrowAnyException();
    }

    @Test
    void pskNeedsTheOperatorsPermissionAndItsCredentials() {
        ManagementClientConfig psk = ManagementClientConfig.of(
                ClientEndpointConfig.builder(COAPS, SecurityMode.PRE_SHARED_KEY).build(), PSK);
        assertThatThrownBy(() -> ManagementSecurityPolicy.checkClient(psk, false, true))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("0 (PRE_SHARED_KEY)")
                .hasMessageContaining(ManagementSecurityPolicy.ALLOW_PSK_PROPERTY + "=true");
        assertThatCode(() -> ManagementSecurityPolicy.checkClient(psk, true, false))
                .doesNotThrowAnyException();

        ManagementClientConfig withoutKey = ManagementClientConfig.of(
                ClientEndpointConfig.builder(COAPS, SecurityMode.PRE_SHARED_KEY).build());
        assertThatThrownBy(() -> ManagementSecurityPolicy.checkClient(withoutKey, true, false))
                .hasMessageContaining("needs PSK credentials");
    }

    @Test
    void noSecNeedsTheOperatorsPermissionAndCoap() {
        ManagementClientConfig noSec = ManagementClientConfig.of(
                ClientEndpointConfig.builder(COAP, SecurityMode.NO_SEC).build());
        assertThatThrownBy(() -> ManagementSecurityPolicy.checkClient(noSec, true, false))
                .hasMessageContaining("3 (NO_SEC)")
                .hasMessageContaining(ManagementSecurityPolicy.ALLOW_NOSEC_PROPERTY + "=true");
        assertThatCode(() -> ManagementSecurityPolicy.checkClient(noSec, false, true))
                .doesNotThrowAnyException();

        ManagementClientConfig noSecOverCoaps = ManagementClientConfig.of(
                ClientEndpointConfig.builder(COAPS, SecurityMode.NO_SEC).build());
        assertThatThrownBy(() -> ManagementSecurityPolicy.checkClient(noSecOverCoaps, true, true))
                .hasMessageContaining("requires coap://");
    }

    @Test
    void certificateWithEstIsNeverAccepted() {
        ManagementClientConfig est =
                ManagementClientConfig.of(ClientEndpointConfig.builder(COAPS, SecurityMode.CERTIFICATE_WITH_EST)
                        .build());
        assertThatThrownBy(() -> ManagementSecurityPolicy.checkClient(est, true, true))
                .hasMessageContaining("not supported");
    }

    @Test
    void pskCredentialsNeverShowTheirKey() {
        assertThat(PSK.toString()).contains("dev1").doesNotContain("secret");
        assertThatThrownBy(() -> new PskCredentials(new byte[0], new byte[] {1}))
                .hasMessageContaining("/0/x/3");
    }
}
