/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls;

import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Static access to the PEM writing of {@link io.bootgate.api.keys.KeyCodec}, for command line tools and
 * tests outside OSGi: private keys as unencrypted PKCS#8 ({@code PRIVATE KEY}), public keys as
 * SubjectPublicKeyInfo ({@code PUBLIC KEY}), certificates as {@code CERTIFICATE}.
 */
public final class Pem {

    private static final DefaultKeyCodec CODEC = new DefaultKeyCodec();

    private Pem() {}

    /** Whether the bytes are PEM text rather than DER. */
    public static boolean isPem(byte[] data) {
        return CODEC.isPem(data);
    }

    public static String privateKey(PrivateKey key) {
        return CODEC.privateKeyPem(key);
    }

    public static String publicKey(PublicKey key) {
        return CODEC.publicKeyPem(key);
    }

    public static String certificates(List<X509Certificate> certificates) {
        return CODEC.certificatesPem(certificates);
    }
}
