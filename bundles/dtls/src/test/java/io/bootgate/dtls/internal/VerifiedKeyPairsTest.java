/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.dtls.KeyMaterial;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.api.Test;

class VerifiedKeyPairsTest {

    private static final KeyPair DEVICE = KeyMaterial.generateP256();
    private static final KeyPair OTHER = KeyMaterial.generateP256();

    private final VerifiedKeyPairs keyPairs = new VerifiedKeyPairs();

    @Test
    void aProvenPairIsRememberedOnceAndAcceptedAgain() throws Exception {
        keyPairs.check(new RpkCredentials(DEVICE), "device a");
        keyPairs.check(new RpkCredentials(DEVICE), "device a");
        assertThat(keyPairs.size()).isEqualTo(1);
    }

    @Test
    void theSameKeyReadAgainFromItsEncodingIsFound() throws Exception {
        keyPairs.check(new RpkCredentials(DEVICE), "device a");
        PrivateKey reread = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(DEVICE.getPrivate().getEncoded()));
        keyPairs.check(new RpkCredentials(new KeyPair(DEVICE.getPublic(), reread)), "device a");
        assertThat(keyPairs.size()).isEqualTo(1);
    }

    @Test
    void aProvenPrivateKeyWithAnotherPublicKeyIsStillRefused() throws Exception {
        keyPairs.check(new RpkCredentials(DEVICE), "device a");
        KeyPair mixed = new KeyPair(OTHER.getPublic(), DEVICE.getPrivate());
        assertThatThrownBy(() -> keyPairs.check(new RpkCredentials(mixed), "device b"))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageStartingWith("device b: the private key does not belong to the public key sha256:");
        assertThat(keyPairs.size()).isEqualTo(1);
    }

    @Test
    void aRefusedPairIsNotRememberedAndRefusedEveryTime() {
        KeyPair mixed = new KeyPair(OTHER.getPublic(), DEVICE.getPrivate());
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> keyPairs.check(new RpkCredentials(mixed), "device c"))
                    .isInstanceOf(SecurityPolicyException.class)
                    .hasMessageContaining("does not belong");
        }
        assertThat(keyPairs.size()).isZero();
    }

    @Test
    void aCertificateIsCheckedAgainstItsPrivateKey() throws Exception {
        TestPki.Issued issued = TestPki.selfSignedServer("device.example");
        keyPairs.check(new X509Credentials(issued.keyPair().getPrivate(), issued.chain()), "device d");
        assertThatThrownBy(() -> keyPairs.check(new X509Credentials(DEVICE.getPrivate(), issued.chain()), "device e"))
                .isInstanceOf(SecurityPolicyException.class)
                .hasMessageContaining("device e: the private key does not belong");
        assertThat(keyPairs.size()).isEqualTo(1);
    }
}
