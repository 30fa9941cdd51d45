/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.demo.leshan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * PEM files of EC keys with the JDK alone (this process has no BouncyCastle): {@code PRIVATE KEY} (PKCS#8) and
 * {@code PUBLIC KEY} (SubjectPublicKeyInfo), the forms the gateway's KeyCodec writes and reads.
 */
final class ServerKeys {

    static final String PRIVATE_KEY_FILE = "server.key.pem";
    static final String PUBLIC_KEY_FILE = "server.pub.pem";

    private ServerKeys() {}

    /**
     * The server's key pair in {@code directory}: read when both files exist, generated (EC P-256) when neither
     * does. The public key file is written last and atomically, so that a reader that sees it (the gateway, which
     * gives it to the devices as their management server's key) never sees half a file or a key whose private half
     * is not yet on disk.
     *
     * @throws IOException when only one file exists, or a file cannot be read, parsed or written
     */
    static KeyPair loadOrGenerate(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        boolean hasPrivate = Files.exists(privateFile);
        boolean hasPublic = Files.exists(publicFile);
        if (hasPrivate && hasPublic) {
            KeyPair keys = new KeyPair(readPublicKey(publicFile), readPrivateKey(privateFile));
            return keys;
        }
        if (hasPrivate || hasPublic) {
            throw new IOException((hasPrivate ? publicFile : privateFile) + " is missing while "
                    + (hasPrivate ? privateFile : publicFile) + " exists; restore it or delete both to generate a"
                    + " new key pair");
        }
        KeyPair keys = generate();
        createOwnerOnlyDirectory(directory);
        writeAtomically(privateFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), true);
        writeAtomically(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()), false);
        return keys;
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }

    static PublicKey readPublicKey(Path file) throws IOException {
        byte[] der = der(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds no EC public key (SubjectPublicKeyInfo): " + e.getMessage(), e);
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] der = der(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " holds no EC private key (PKCS#8): " + e.getMessage(), e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " has no PEM block " + begin);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": damaged PEM body: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text, boolean ownerOnly) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (ownerOnly && posix()) {
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
