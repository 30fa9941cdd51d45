/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.demo.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeysTest {

    @TempDir
    Path directory;

    @Test
    void generatesOnceThenReadsTheSameKeyPairBack() throws IOException {
        Path keys = directory.resolve("demo-leshan");
        KeyPair generated = ServerKeys.loadOrGenerate(keys);
        KeyPair read = ServerKeys.loadOrGenerate(keys);

        assertThat(read.getPublic().getEncoded())
                .isEqualTo(generated.getPublic().getEncoded());
        assertThat(read.getPrivate().getEncoded())
                .isEqualTo(generated.getPrivate().getEncoded());
        assertThat(Files.readString(keys.resolve(ServerKeys.PUBLIC_KEY_FILE)))
                .startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(keys.resolve(ServerKeys.PRIVATE_KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .isEqualTo("rwx------");
    }

    @Test
    void refusesAPublicKeyWithoutItsPrivateKey() throws IOException {
        ServerKeys.loadOrGenerate(directory);
        Files.delete(directory.resolve(ServerKeys.PRIVATE_KEY_FILE));

        assertThatThrownBy(() -> ServerKeys.loadOrGenerate(directory))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("server.key.pem is missing");
    }

    @Test
    void refusesAFileWithoutThePemBlock() throws IOException {
        Path file = directory.resolve("x.pub.pem");
        Files.writeString(file, "not a key");

        assertThatThrownBy(() -> ServerKeys.readPublicKey(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no PEM block -----BEGIN PUBLIC KEY-----");
    }
}
