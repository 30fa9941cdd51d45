/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.crypto.nativeprovider.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeProviderInstallerTest {

    private final List<String> warnings = new ArrayList<>();
    private NativeProviderInstaller installer;

    @AfterEach
    void uninstall() {
        if (installer != null) {
            installer.uninstall();
        }
        assertThat(Security.getProvider(RestrictedNativeProvider.NAME)).isNull();
    }

    @Test
    void installsTheRestrictedProviderFirstAndItServesP256SignaturesAndEcdh() throws Exception {
        installer = new NativeProviderInstaller(AccpLoader::load, warnings::add);

        assertThat(installer.install()).isPresent();

        assertThat(warnings).isEmpty();
        assertThat(Security.getProviders()[0].getName()).isEqualTo(RestrictedNativeProvider.NAME);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        assertThat(generator.getProvider().getName()).isEqualTo(RestrictedNativeProvider.NAME);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair alice = generator.generateKeyPair();
        KeyPair bob = generator.generateKeyPair();

        Signature signer = Signature.getInstance("SHA256withECDSA");
        assertThat(signer.getProvider().getName()).isEqualTo(RestrictedNativeProvider.NAME);
        byte[] message = "bootstrap".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        signer.initSign(alice.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        // The JDK's own implementation accepts the native signature: the two are interchangeable on the wire.
        Signature jdkVerifier = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdkVerifier.initVerify(alice.getPublic());
        jdkVerifier.update(message);
        assertThat(jdkVerifier.verify(signature)).isTrue();

        KeyAgreement ours = KeyAgreement.getInstance("ECDH");
        assertThat(ours.getProvider().getName()).isEqualTo(RestrictedNativeProvider.NAME);
        ours.init(alice.getPrivate());
        ours.doPhase(bob.getPublic(), true);
        KeyAgreement theirs = KeyAgreement.getInstance("ECDH", "SunEC");
        theirs.init(bob.getPrivate());
        theirs.doPhase(alice.getPublic(), true);
        assertThat(Arrays.equals(ours.generateSecret(), theirs.generateSecret()))
                .isTrue();
    }

    @Test
    void offersOnlyTheEcServicesSoHmacAndAesStayWithTheJdk() throws Exception {
        installer = new NativeProviderInstaller(AccpLoader::load, warnings::add);
        installer.install();

        assertThat(Security.getProvider(RestrictedNativeProvider.NAME).getServices())
                .extracting(s -> s.getType() + "." + s.getAlgorithm())
                .contains("Signature.SHA256withECDSA", "KeyAgreement.ECDH", "KeyPairGenerator.EC", "KeyFactory.EC")
                .allMatch(s -> s.startsWith("Signature.") || s.endsWith(".EC") || s.equals("KeyAgreement.ECDH"));
        assertThat(javax.crypto.Mac.getInstance("HmacSHA256").getProvider().getName())
                .isNotEqualTo(RestrictedNativeProvider.NAME);
    }

    @Test
    void whenTheNativeLibraryDoesNotLoadItWarnsOnceNamingTheCauseAndInstallsNothing() throws Exception {
        String before = Signature.getInstance("SHA256withECDSA").getProvider().getName();
        installer = new NativeProviderInstaller(
                () -> {
                    throw new UnsatisfiedLinkError("libamazonCorrettoCryptoProvider.so: wrong ELF class");
                },
                warnings::add);

        assertThat(installer.install()).isEmpty();

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("wrong ELF class").contains("JDK provider stays in use");
        assertThat(Security.getProvider(RestrictedNativeProvider.NAME)).isNull();
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName())
                .isEqualTo(before);
    }

    @Test
    void aLoadingErrorReportedByTheProviderIsAlsoAFallback() {
        installer = new NativeProviderInstaller(
                () -> new NativeProviderInstaller.Loaded(null, new IllegalStateException("CPU lacks AES-NI")),
                warnings::add);

        assertThat(installer.install()).isEmpty();

        assertThat(warnings).singleElement().asString().contains("CPU lacks AES-NI");
        assertThat(Security.getProvider(RestrictedNativeProvider.NAME)).isNull();
    }
}
