/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.transport.PeerIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code bootgate:key-generate <name>}: a device's EC P-256 key pair as {@code <name>.key.pem} (PKCS#8, owner-only)
 * and {@code <name>.pub.pem} (SubjectPublicKeyInfo), and the public key in the forms bootstrap-server
 * configurations take. Generation and PEM go through the {@link KeyCodec} service, Bootgate's one PEM layer.
 */
@Command(scope = "bootgate", name = "key-generate", description = "Generates a device key pair (EC P-256)")
@Service
public final class KeyGenerateCommand implements Action {

    /** Names that are safe as file names on every file system and in shells (as DeviceKeyTool accepts). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Reference
    KeyCodec keys;

    @Argument(index = 0, name = "name", required = true, description = "The device's name; the files' base name")
    String name;

    @Option(name = "--dir", description = "The directory to write to (default ${karaf.etc}/bootgate/keys)")
    String dir;

    /** The shell session, whose console gets the output. */
    @Reference
    Session session;

    /** The output; the session's console unless a test sets it. */
    PrintStream out;

    @Override
    public Object execute() throws IOException {
        if (out == null) {
            out = session.getConsole();
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name
                    + "' is not usable as a file name: use letters, digits, '.', '_', '-' (at most 128)");
        }
        Path directory = dir != null ? Path.of(dir) : defaultDirectory();
        Files.createDirectories(directory);
        Path privateKeyFile = directory.resolve(name + ".key.pem");
        Path publicKeyFile = directory.resolve(name + ".pub.pem");
        // Checked for both before writing either, so that a refusal leaves nothing behind.
        if (Files.exists(privateKeyFile) || Files.exists(publicKeyFile)) {
            throw new FileAlreadyExistsException(
                    privateKeyFile.toString(),
                    publicKeyFile.toString(),
                    "a key named '" + name + "' exists already; it is not replaced");
        }
        KeyPair pair = keys.generate(KeyAlgorithm.EC_P256);
        keys.writeOwnerOnly(privateKeyFile, keys.privateKeyPem(pair.getPrivate()));
        try {
            keys.writeOwnerOnly(publicKeyFile, keys.publicKeyPem(pair.getPublic()));
        } catch (IOException | RuntimeException e) {
            // Half a key pair on disk would be mistaken for a device identity later: remove it.
            Files.deleteIfExists(privateKeyFile);
            throw e;
        }
        byte[] spki = pair.getPublic().getEncoded();
        out.println("Private key (PKCS#8, mode 600): " + privateKeyFile.toAbsolutePath());
        out.println("Public key  (SPKI,   mode 600): " + publicKeyFile.toAbsolutePath());
        out.println("Algorithm:                      " + KeyAlgorithm.EC_P256.displayName());
        out.println("SHA-256 fingerprint:            " + PeerIdentity.fingerprint(pair.getPublic()));
        out.println("SubjectPublicKeyInfo (hex):     " + HexFormat.of().formatHex(spki));
        out.println("SubjectPublicKeyInfo (base64):  " + Base64.getEncoder().encodeToString(spki));
        if (pair.getPublic() instanceof ECPublicKey ec) {
            out.println("Uncompressed point (hex):       " + uncompressedPoint(ec));
        }
        out.println("Bootstrap config identity:      {\"rpkPublicKey\": {\"file\": \"" + publicKeyFile.toAbsolutePath()
                + "\"}}");
        out.println("                            or: {\"rpkPublicKey\": \""
                + Base64.getEncoder().encodeToString(spki) + "\"}");
        out.print(keys.publicKeyPem(pair.getPublic()));
        return null;
    }

    /** SEC1 {@code 04 || x || y}, each coordinate padded to the field size: what some servers ask for. */
    static String uncompressedPoint(ECPublicKey key) {
        int bytes = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        return "04" + fixed(key.getW().getAffineX().toByteArray(), bytes)
                + fixed(key.getW().getAffineY().toByteArray(), bytes);
    }

    private static String fixed(byte[] twosComplement, int length) {
        byte[] out = new byte[length];
        int copy = Math.min(length, twosComplement.length);
        System.arraycopy(twosComplement, twosComplement.length - copy, out, length - copy, copy);
        return HexFormat.of().formatHex(out);
    }

    /** {@code ${karaf.etc}/bootgate/keys}, or {@code etc/bootgate/keys} under the working directory. */
    static Path defaultDirectory() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "etc" : etc)
                .resolve("bootgate")
                .resolve("keys");
    }
}
