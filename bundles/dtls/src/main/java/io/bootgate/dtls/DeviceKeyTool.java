/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Generates a device's Raw Public Key credentials and shows its public key in the forms a bootstrap server
 * operator enters (see {@link PublicKeyForms}).
 * <p>
 * {@link #generate(Path, String)} writes two new files, both owner-only (POSIX 600) and never over an
 * existing key:
 * <ul>
 * <li>{@code <name>.key.pem}: the P-256 private key, unencrypted PKCS#8 (protected by the file's
 * permissions, as the gateway must read it unattended)</li>
 * <li>{@code <name>.pub.pem}: the public key, SubjectPublicKeyInfo</li>
 * </ul>
 * As a command line tool (the dtls bundle and bcprov, bcutil, bcpkix on the class path):
 *
 * <pre>
 * java io.bootgate.dtls.DeviceKeyTool generate &lt;directory&gt; &lt;device-name&gt;
 * java io.bootgate.dtls.DeviceKeyTool show &lt;public-or-private-key-file&gt;
 * </pre>
 */
public final class DeviceKeyTool {

    /** Names that are safe as file names on every file system and in shells. */
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final String USAGE = "usage: DeviceKeyTool generate <directory> <device-name>\n"
            + "       DeviceKeyTool show <public-or-private-key-file>";

    private DeviceKeyTool() {}

    /** The files written for one device and its public key's forms. */
    public record DeviceKeyFiles(Path privateKeyFile, Path publicKeyFile, KeyPair keyPair, PublicKeyForms forms) {
        public DeviceKeyFiles {
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
            Objects.requireNonNull(publicKeyFile, "publicKeyFile");
            Objects.requireNonNull(keyPair, "keyPair");
            Objects.requireNonNull(forms, "forms");
        }

        /** Never the private key. */
        @Override
        public String toString() {
            return "DeviceKeyFiles[" + privateKeyFile + ", " + publicKeyFile + ", sha256:" + forms.sha256() + "]";
        }
    }

    /**
     * Generates a P-256 key pair and writes {@code <deviceName>.key.pem} and {@code <deviceName>.pub.pem}
     * into {@code directory} (created if missing), both with permissions 600.
     *
     * @throws FileAlreadyExistsException if either file exists (nothing is written then)
     * @throws IllegalArgumentException for a device name unfit for a file name
     */
    public static DeviceKeyFiles generate(Path directory, String deviceName) throws IOException {
        if (deviceName == null || !DEVICE_NAME.matcher(deviceName).matches()) {
            throw new IllegalArgumentException("device name '" + deviceName
                    + "' is not usable as a file name: use letters, digits, '.', '_', '-' (at most 128)");
        }
        Files.createDirectories(directory);
        Path privateKeyFile = directory.resolve(deviceName + ".key.pem");
        Path publicKeyFile = directory.resolve(deviceName + ".pub.pem");
        if (Files.exists(privateKeyFile) || Files.exists(publicKeyFile)) {
            throw new FileAlreadyExistsException(
                    privateKeyFile.toString(),
                    publicKeyFile.toString(),
                    "a key of device '" + deviceName + "' exists already; it is not replaced");
        }
        KeyPair keyPair = KeyMaterial.generateP256();
        KeyMaterial.writeOwnerOnly(privateKeyFile, Pem.privateKey(keyPair.getPrivate()));
        try {
            KeyMaterial.writeOwnerOnly(publicKeyFile, Pem.publicKey(keyPair.getPublic()));
        } catch (IOException | RuntimeException e) {
            // Half a key pair on disk would be mistaken for a device identity later: remove it.
            Files.deleteIfExists(privateKeyFile);
            throw e;
        }
        return new DeviceKeyFiles(privateKeyFile, publicKeyFile, keyPair, PublicKeyForms.of(keyPair.getPublic()));
    }

    /**
     * The public key forms of a key file: a public key, or a private key whose public key is derived.
     */
    public static PublicKeyForms show(Path keyFile) throws IOException, GeneralSecurityException {
        byte[] data = Files.readAllBytes(keyFile);
        PublicKey publicKey;
        try {
            publicKey = KeyMaterial.publicKey(data);
        } catch (GeneralSecurityException notAPublicKey) {
            try {
                publicKey = KeyMaterial.keyPair(data).getPublic();
            } catch (GeneralSecurityException notAPrivateKey) {
                notAPrivateKey.addSuppressed(notAPublicKey);
                throw new GeneralSecurityException(
                        keyFile + " holds neither a public nor a private key", notAPrivateKey);
            }
        }
        return PublicKeyForms.of(publicKey);
    }

    /**
     * Runs the command line and returns its exit code; {@link #main} passes the process's standard streams.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 3 && "generate".equals(args[0])) {
                DeviceKeyFiles files = generate(Paths.get(args[1]), args[2]);
                out.println("Private key (PKCS#8, mode 600): " + files.privateKeyFile());
                out.println("Public key  (SPKI,   mode 600): " + files.publicKeyFile());
                out.print(files.forms().toText());
                return 0;
            }
            if (args.length == 2 && "show".equals(args[0])) {
                out.print(show(Paths.get(args[1])).toText());
                return 0;
            }
            err.println(USAGE);
            return 2;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("DeviceKeyTool: " + e);
            return 1;
        }
    }

    /**
     * Command line entry point. The only place in Bootgate that writes to the process's standard output:
     * the printed key forms are this tool's product, for the operator's terminal, not log events.
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }
}
