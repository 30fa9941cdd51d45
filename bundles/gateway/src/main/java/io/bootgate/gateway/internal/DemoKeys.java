/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * A demo device's Raw Public Key pair in the key directory: generated through the key service (EC P-256) the
 * first time (PEM files, owner-only), read back on every later start, so that a restart keeps the identity the
 * bootstrap server's config trusts.
 *
 * @param privateKeyFile {@code <name>.key.pem}, PKCS#8
 * @param publicKeyFile {@code <name>.pub.pem}, SubjectPublicKeyInfo
 * @param keyPair the keys
 * @param generated whether this start generated them
 */
record DemoKeys(Path privateKeyFile, Path publicKeyFile, KeyPair keyPair, boolean generated) {

    /**
     * The device's keys: read when both files exist, generated when neither does.
     *
     * @param fileName the file name stem ({@link #fileName(String)} of the endpoint)
     * @throws IOException when only one of the files exists (generating would orphan the other, reusing is
     *             impossible), a file cannot be read or written, or the files hold keys that do not belong together
     */
    static DemoKeys loadOrGenerate(KeyCodec keys, Path directory, String fileName) throws IOException {
        Path privateKeyFile = directory.resolve(fileName + ".key.pem");
        Path publicKeyFile = directory.resolve(fileName + ".pub.pem");
        boolean hasPrivate = Files.exists(privateKeyFile);
        boolean hasPublic = Files.exists(publicKeyFile);
        if (!hasPrivate && !hasPublic) {
            createOwnerOnlyDirectory(directory);
            KeyPair generated = keys.generate(KeyAlgorithm.EC_P256);
            keys.writeOwnerOnly(privateKeyFile, keys.privateKeyPem(generated.getPrivate()));
            keys.writeOwnerOnly(publicKeyFile, keys.publicKeyPem(generated.getPublic()));
            return new DemoKeys(privateKeyFile, publicKeyFile, generated, true);
        }
        if (hasPrivate != hasPublic) {
            throw new IOException((hasPrivate ? publicKeyFile : privateKeyFile) + " is missing while "
                    + (hasPrivate ? privateKeyFile : publicKeyFile) + " exists; restore it or delete both to"
                    + " generate a new key pair (the bootstrap-server config must then be updated too)");
        }
        try {
            KeyPair keyPair = keys.readKeyPair(privateKeyFile);
            PublicKey publicKey = keys.readPublicKey(publicKeyFile);
            if (!Arrays.equals(keyPair.getPublic().getEncoded(), publicKey.getEncoded())) {
                throw new IOException(publicKeyFile + " does not hold the public key of " + privateKeyFile);
            }
            return new DemoKeys(privateKeyFile, publicKeyFile, new KeyPair(publicKey, keyPair.getPrivate()), false);
        } catch (KeyFormatException e) {
            throw new IOException("unreadable key in " + directory + " for " + fileName + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file name stem of an endpoint: characters outside {@code A-Z a-z 0-9 . _ -} become {@code _}, so that a
     * URN such as {@code urn:dev:demo-1} gives {@code urn_dev_demo-1} on every file system.
     */
    static String fileName(String endpoint) {
        String name = endpoint.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Private keys live here: nobody but the gateway's user should even list them.
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }
}
