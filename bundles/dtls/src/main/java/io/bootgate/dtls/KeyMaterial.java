/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls;

import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Static access to the key service {@link io.bootgate.api.keys.KeyCodec} for command line tools and tests
 * outside OSGi; components take the {@code KeyCodec} service instead. Failures surface as
 * {@link GeneralSecurityException}s whose cause is the codec's {@link KeyFormatException}. The accepted
 * encodings and algorithms are the codec's.
 */
public final class KeyMaterial {

    /** rw------- : the owner alone may read a key file. */
    public static final Set<PosixFilePermission> OWNER_ONLY = DefaultKeyCodec.OWNER_ONLY;

    private static final DefaultKeyCodec CODEC = new DefaultKeyCodec();
    private static final String SOURCE = "key material";

    private KeyMaterial() {}

    /** A fresh EC key pair on P-256 (secp256r1), the curve every LwM2M peer supports. */
    public static KeyPair generateP256() {
        return CODEC.generate(KeyAlgorithm.EC_P256);
    }

    /** @param data PEM text or DER bytes of an unencrypted PKCS#8 or SEC1 private key */
    public static PrivateKey privateKey(byte[] data) throws GeneralSecurityException {
        try {
            return CODEC.privateKey(data, SOURCE);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    /** @param data PEM text or DER bytes of a SubjectPublicKeyInfo */
    public static PublicKey publicKey(byte[] data) throws GeneralSecurityException {
        try {
            return CODEC.publicKey(data, SOURCE);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    /** @param data PEM text with one or more certificates (chain order kept), or one DER certificate */
    public static List<X509Certificate> certificates(byte[] data) throws GeneralSecurityException {
        try {
            return CODEC.certificates(data, SOURCE);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    /** The key pair of a private key file's content, the public half derived when the file lacks it. */
    public static KeyPair keyPair(byte[] privateKeyData) throws GeneralSecurityException {
        try {
            return CODEC.keyPair(privateKeyData, SOURCE);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    /** Computes the public key of a private key (Q = d·G for EC). */
    public static PublicKey derivePublicKey(PrivateKey privateKey) throws GeneralSecurityException {
        try {
            return CODEC.derivePublicKey(privateKey, SOURCE);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        try {
            return CODEC.readPrivateKey(file);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        try {
            return CODEC.readPublicKey(file);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        try {
            return CODEC.readCertificates(file);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    public static KeyPair readKeyPair(Path privateKeyFile) throws IOException, GeneralSecurityException {
        try {
            return CODEC.readKeyPair(privateKeyFile);
        } catch (KeyFormatException e) {
            throw failure(e);
        }
    }

    /**
     * Writes a new owner-only file (POSIX 600); see {@link io.bootgate.api.keys.KeyCodec#writeOwnerOnly}.
     *
     * @throws FileAlreadyExistsException if the file exists
     */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        CODEC.writeOwnerOnly(file, content);
    }

    /** Big-endian unsigned bytes of a field element, left-padded to the field size. */
    static byte[] fieldBytes(BigInteger value, int fieldBits) {
        int size = (fieldBits + 7) / 8;
        byte[] raw = value.toByteArray();
        byte[] result = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, result, size - copy, copy);
        return result;
    }

    private static GeneralSecurityException failure(KeyFormatException e) {
        return new InvalidKeyException(e.reason(), e);
    }
}
