/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.keys.KeyPairAndChain;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.X509Credentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A device's Bootstrap-interface credentials from the files its configuration names, read by the key service:
 * a private key (PKCS#8 or SEC1) with a public key (Raw Public Key) or a certificate chain (X.509), each
 * checked to belong to the private key. Error messages name the file and the reason, never key bytes.
 */
final class CredentialFiles {

    private CredentialFiles() {}

    /**
     * @return the credentials, or empty when no private key file is configured
     * @throws IllegalArgumentException naming the file and the problem
     */
    static Optional<DtlsCredentials> credentials(
            KeyCodec keys, String privateKeyFile, String publicKeyFile, String certificateFile) {
        if (privateKeyFile.isBlank()) {
            if (!publicKeyFile.isBlank() || !certificateFile.isBlank()) {
                throw new IllegalArgumentException(
                        "credentials.privateKey is required with a public key or certificate");
            }
            return Optional.empty();
        }
        if (publicKeyFile.isBlank() == certificateFile.isBlank()) {
            throw new IllegalArgumentException(
                    "give exactly one of credentials.publicKey (Raw Public Key) and credentials.certificate (X.509)");
        }
        try {
            PrivateKey privateKey = keys.readPrivateKey(Path.of(privateKeyFile));
            if (!publicKeyFile.isBlank()) {
                PublicKey publicKey = keys.readPublicKey(Path.of(publicKeyFile));
                KeyPair pair = new KeyPair(publicKey, privateKey);
                keys.requireMatch(KeyPairAndChain.of(pair), publicKeyFile);
                return Optional.of(new RpkCredentials(pair));
            }
            List<X509Certificate> chain = keys.readCertificates(Path.of(certificateFile));
            keys.requireMatch(
                    new KeyPairAndChain(new KeyPair(chain.get(0).getPublicKey(), privateKey), chain), certificateFile);
            return Optional.of(new X509Credentials(privateKey, chain));
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a credentials file: " + e, e);
        }
    }
}
