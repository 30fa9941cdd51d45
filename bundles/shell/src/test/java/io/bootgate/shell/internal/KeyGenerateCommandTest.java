/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** key-generate with the real key codec of the dtls bundle, on a real file system. */
class KeyGenerateCommandTest {

    private final DefaultKeyCodec keys = new DefaultKeyCodec();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private KeyGenerateCommand command(String name) {
        KeyGenerateCommand command = new KeyGenerateCommand();
        command.keys = keys;
        command.name = name;
        command.dir = dir.toString();
        command.out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return command;
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesAMatchingP256PairOwnerOnlyAndPrintsThePublicForms() throws Exception {
        command("dev-1").execute();

        Path privateFile = dir.resolve("dev-1.key.pem");
        Path publicFile = dir.resolve("dev-1.pub.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(publicFile)))
                .isEqualTo("rw-------");
        KeyPair pair = keys.readKeyPair(privateFile);
        PublicKey publicKey = keys.readPublicKey(publicFile);
        assertThat(keys.matches(publicKey, pair.getPrivate())).isTrue();
        assertThat(keys.algorithm(publicKey, "test")).isEqualTo(KeyAlgorithm.EC_P256);

        byte[] spki = publicKey.getEncoded();
        assertThat(output())
                .contains(HexFormat.of().formatHex(spki))
                .contains(Base64.getEncoder().encodeToString(spki))
                .contains(Files.readString(publicFile).strip())
                .contains("\"rpkPublicKey\"")
                // The private key file's content and the key's PKCS#8 encoding never reach the console.
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(
                        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                .doesNotContain(HexFormat.of().formatHex(pair.getPrivate().getEncoded()));
        // The printed base64 is what a bootstrap config's bare-string form gives back to the codec.
        assertThat(keys.publicKey(Base64.getEncoder().encodeToString(spki), "printed"))
                .isEqualTo(publicKey);
    }

    @Test
    void printsTheUncompressedPointOfTheKey() throws Exception {
        command("dev-2").execute();
        PublicKey publicKey = keys.readPublicKey(dir.resolve("dev-2.pub.pem"));
        String point = KeyGenerateCommand.uncompressedPoint((java.security.interfaces.ECPublicKey) publicKey);
        assertThat(point).hasSize(2 + 128).startsWith("04");
        // P-256 SPKI DER ends with the 65-byte uncompressed point.
        assertThat(HexFormat.of().formatHex(publicKey.getEncoded())).endsWith(point);
        assertThat(output()).contains(point);
    }

    @Test
    void neverReplacesAnExistingKey() throws Exception {
        Files.writeString(dir.resolve("dev-3.pub.pem"), "keep me");
        assertThatThrownBy(command("dev-3")::execute)
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("exists already");
        assertThat(Files.readString(dir.resolve("dev-3.pub.pem"))).isEqualTo("keep me");
        assertThat(dir.resolve("dev-3.key.pem")).doesNotExist();
    }

    @Test
    void refusesANameThatIsNotAFileName() {
        assertThatThrownBy(command("../evil")::execute)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not usable as a file name");
        assertThat(dir).isEmptyDirectory();
    }
}
