/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.demo.leshan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectorySecurityStoreTest {

    @TempDir
    Path directory;

    @Test
    void trustsTheKeyFileNamedAfterTheEndpointReadOnEachLookup() throws IOException {
        KeyDirectorySecurityStore store = new KeyDirectorySecurityStore(directory, line -> {});
        assertThat(store.getByEndpoint("urn:dev:demo-1")).isNull();

        KeyPair device = ServerKeys.generate();
        Files.writeString(
                directory.resolve("urn_dev_demo-1.pub.pem"),
                ServerKeys.pem("PUBLIC KEY", device.getPublic().getEncoded()));
        SecurityInfo info = store.getByEndpoint("urn:dev:demo-1");

        assertThat(info).isNotNull();
        assertThat(info.getEndpoint()).isEqualTo("urn:dev:demo-1");
        assertThat(info.getRawPublicKey().getEncoded())
                .isEqualTo(device.getPublic().getEncoded());
        assertThat(store.getByEndpoint("urn:dev:demo-2")).isNull();
        assertThat(store.getByIdentity("urn:dev:demo-1")).isNull();
    }

    @Test
    void namesFilesAsTheGatewaysDemoKeysDo() {
        assertThat(KeyDirectorySecurityStore.fileName("urn:dev:demo-10")).isEqualTo("urn_dev_demo-10");
        assertThat(KeyDirectorySecurityStore.fileName(".hidden/x")).isEqualTo("_hidden_x");
    }
}
