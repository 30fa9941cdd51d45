/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.demo.leshan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.function.Consumer;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.eclipse.leshan.server.security.SecurityStore;

/**
 * Trusts a device when the gateway's demo key directory holds its public key: {@code <name>.pub.pem}, where
 * {@code <name>} is the endpoint with characters outside {@code A-Z a-z 0-9 . _ -} replaced by {@code _} (the
 * gateway's DemoKeys naming). The file is read on every lookup, so devices the gateway provisions after this
 * server started are trusted without a restart. Leshan's authorizer compares the key the device proved in the DTLS
 * handshake with the one returned here: an endpoint without a key file, or with another key, is refused.
 */
final class KeyDirectorySecurityStore implements SecurityStore {

    private final Path directory;
    private final Consumer<String> log;

    KeyDirectorySecurityStore(Path directory, Consumer<String> log) {
        this.directory = directory;
        this.log = log;
    }

    @Override
    public SecurityInfo getByEndpoint(String endpoint) {
        Path file = directory.resolve(fileName(endpoint) + ".pub.pem");
        if (!Files.isRegularFile(file)) {
            log.accept(endpoint + " refused: no public key " + file);
            return null;
        }
        try {
            PublicKey key = ServerKeys.readPublicKey(file);
            return SecurityInfo.newRawPublicKeyInfo(endpoint, key);
        } catch (IOException e) {
            log.accept(endpoint + " refused: " + e.getMessage());
            return null;
        }
    }

    /** No PSK identity is trusted: the demo devices use Raw Public Keys. */
    @Override
    public SecurityInfo getByIdentity(String pskIdentity) {
        return null;
    }

    @Override
    public SecurityInfo getByOscoreIdentity(OscoreIdentity oscoreIdentity) {
        return null;
    }

    /** The gateway's DemoKeys.fileName: {@code urn:dev:demo-1} gives {@code urn_dev_demo-1}. */
    static String fileName(String endpoint) {
        String name = endpoint.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }
}
