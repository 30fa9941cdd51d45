/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes keys and certificates: the one PEM parser of Bootgate.
 * <p>
 * Accepted encodings:
 * <ul>
 * <li>private keys: PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, what
 * {@code openssl ecparam -genkey} writes), as PEM or DER; unencrypted only</li>
 * <li>public keys: SubjectPublicKeyInfo ({@code PUBLIC KEY}), as PEM or DER</li>
 * <li>certificates: one or more {@code CERTIFICATE} blocks (chain order kept), or one DER certificate</li>
 * </ul>
 * Other PEM blocks in the same text ({@code EC PARAMETERS}) are skipped. The {@code String} readers also take
 * the Base64 of the DER, the form operators paste into configurations. Every key read, derived or generated
 * is checked against the algorithm set of {@link KeyAlgorithm}. Certificates are parsed, not restricted (a
 * certification authority may sign with RSA; path validation is the DTLS stack's business); the end entity
 * of one's own credentials is checked by {@link #requireMatch}. Every failure is a {@link KeyFormatException}
 * naming the {@code source} (file, field or resource) and the reason, never the key bytes.
 * <p>
 * Implemented by the {@code io.bootgate.dtls} bundle and registered as an OSGi service.
 */
@ProviderType
public interface KeyCodec {

    /** Whether the bytes are PEM text (they hold an RFC 7468 encapsulation boundary) rather than DER. */
    boolean isPem(byte[] data);

    /**
     * @param pemOrDer PEM text or DER of an unencrypted PKCS#8 or SEC1 private key
     * @param source what is read, named in errors
     */
    PrivateKey privateKey(byte[] pemOrDer, String source) throws KeyFormatException;

    /** @param pemOrDer PEM text or DER of a SubjectPublicKeyInfo */
    PublicKey publicKey(byte[] pemOrDer, String source) throws KeyFormatException;

    /** @param pemOrDer PEM text with one or more certificates, or one DER certificate; never empty */
    List<X509Certificate> certificates(byte[] pemOrDer, String source) throws KeyFormatException;

    /** A private key given as text: PEM, or the Base64 of its DER. */
    PrivateKey privateKey(String pemOrBase64, String source) throws KeyFormatException;

    /** A public key given as text: PEM {@code PUBLIC KEY}, or the Base64 of its DER SubjectPublicKeyInfo. */
    PublicKey publicKey(String pemOrBase64, String source) throws KeyFormatException;

    /** Certificates given as text: PEM {@code CERTIFICATE} blocks, or the Base64 of one DER certificate. */
    List<X509Certificate> certificates(String pemOrBase64, String source) throws KeyFormatException;

    /** The key pair of a private key's encoding, the public half derived (a key file need not hold it). */
    KeyPair keyPair(byte[] privateKeyPemOrDer, String source) throws KeyFormatException;

    /** {@link #privateKey(byte[], String)} of a file's content; the file is the source. */
    PrivateKey readPrivateKey(Path file) throws IOException, KeyFormatException;

    /** {@link #publicKey(byte[], String)} of a file's content. */
    PublicKey readPublicKey(Path file) throws IOException, KeyFormatException;

    /** {@link #certificates(byte[], String)} of a file's content. */
    List<X509Certificate> readCertificates(Path file) throws IOException, KeyFormatException;

    /** {@link #keyPair(byte[], String)} of a private key file's content. */
    KeyPair readKeyPair(Path privateKeyFile) throws IOException, KeyFormatException;

    /**
     * The DER an LwM2M resource carries for key material: PKCS#8 for a private key (SEC1 is converted),
     * SubjectPublicKeyInfo for a public key, the certificate's DER for a certificate. PEM text must hold one
     * key, or certificates of which the first (the end entity of a chain) is taken; an {@code EC PARAMETERS}
     * block is skipped. DER is recognised by trying the accepted kinds. The key is checked against the
     * algorithm set.
     *
     * @param accepted the kinds the resource may hold
     */
    byte[] der(byte[] pemOrDer, Set<KeyMaterialKind> accepted, String source) throws KeyFormatException;

    /** The algorithm of a key, or a {@link KeyFormatException} when it is outside the accepted set. */
    KeyAlgorithm algorithm(java.security.Key key, String source) throws KeyFormatException;

    /** The public key of a private key (Q = d·G for EC), so that a device needs only its private key. */
    PublicKey derivePublicKey(PrivateKey privateKey, String source) throws KeyFormatException;

    /** Whether the public key is the one of the private key. */
    boolean matches(PublicKey publicKey, PrivateKey privateKey);

    /**
     * Checks a private key against a public key or a certificate chain's end entity.
     *
     * @throws KeyFormatException naming the source when they do not belong together
     */
    void requireMatch(KeyPairAndChain credentials, String source) throws KeyFormatException;

    /** A fresh key pair. */
    KeyPair generate(KeyAlgorithm algorithm);

    /** The private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    String privateKeyPem(PrivateKey key);

    /** The public key as a SubjectPublicKeyInfo {@code PUBLIC KEY} block. */
    String publicKeyPem(PublicKey key);

    /** The certificates as consecutive {@code CERTIFICATE} blocks, in the given order. */
    String certificatesPem(List<X509Certificate> certificates);

    /**
     * Writes a new file readable and writable by its owner only (POSIX 600), created with those permissions
     * so that the content is never visible to others, even briefly. An existing file is never overwritten.
     *
     * @throws FileAlreadyExistsException if the file exists
     * @throws UnsupportedOperationException on a file system without POSIX permissions
     */
    void writeOwnerOnly(Path file, String pem) throws IOException;
}
