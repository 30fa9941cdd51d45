/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import io.bootgate.bootstrap.server.internal.config.JsonConfigCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** bs-config-import / bs-config-export: a directory of the file store's files to PostgreSQL and back. */
class ConfigTransferTest {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @TempDir
    Path files;

    @TempDir
    Path exported;

    final JsonConfigCodec codec = new JsonConfigCodec(ObjectModelRegistry::standard, new DefaultKeyCodec());
    JdbcBootstrapConfigStore store;
    FileBootstrapConfigStore validator;

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** A device with its own key file and a management server account with key files, as operators write them. */
    static String device(String endpoint) {
        return """
                {
                  "identity": { "rpkPublicKey": { "file": "keys/%s.pub.pem" } },
                  "contentFormat": "SENML_CBOR",
                  "servers": [ {
                      "shortServerId": 102,
                      "uri": "coaps://lwm2m.example.com:5684",
                      "securityMode": "RPK",
                      "publicKeyOrIdentity": { "file": "keys/mgmt.pub.pem" },
                      "secretKey": { "file": "keys/mgmt.key.pem" },
                      "serverPublicKey": { "hex": "0a0b0c" },
                      "lifetime": 300,
                      "binding": "U"
                  } ],
                  "accessControl": [
                    { "objectId": 3, "objectInstanceId": 0, "acl": { "102": "RWE", "0": 1 }, "owner": 102 }
                  ],
                  "writes": [ { "path": "/1/0/1", "value": 600 } ]
                }
                """
                .formatted(endpoint);
    }

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Files.createDirectories(files.resolve("keys"));
        KeyPair management = generator.generateKeyPair();
        Files.writeString(
                files.resolve("keys/mgmt.pub.pem"),
                pem("PUBLIC KEY", management.getPublic().getEncoded()));
        Files.writeString(
                files.resolve("keys/mgmt.key.pem"),
                pem("PRIVATE KEY", management.getPrivate().getEncoded()));
        for (String endpoint : List.of("dev1", "dev2")) {
            Files.writeString(
                    files.resolve("keys/" + endpoint + ".pub.pem"),
                    pem("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded()));
            Files.writeString(files.resolve(endpoint + ".json"), device(endpoint));
        }
        // "urn:dev:1" cannot be a file name as it is: the file store's name for it is percent-encoded.
        Files.writeString(
                files.resolve("urn%3Adev%3A1.json"),
                "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": 60 } ] }");
        store = new JdbcBootstrapConfigStore(
                POSTGRES.dataSource(POSTGRES.createDatabase()), codec, JdbcBootstrapConfigStoreTest.FAST);
        store.start();
        validator = new FileBootstrapConfigStore(
                files, ObjectModelRegistry.standard(), new DefaultKeyCodec(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static Map<String, BootstrapConfig> configsOf(Path directory, FileBootstrapConfigStore validator) throws Exception {
        ConfigTransfer.DirectoryContent content = ConfigTransfer.read(directory, validator::validate);
        assertThat(content.errors()).isEmpty();
        Map<String, BootstrapConfig> configs = new TreeMap<>();
        content.configs().forEach(config -> configs.put(config.endpoint(), config));
        return configs;
    }

    @Test
    void importThenExportGivesFilesTheFileStoreReadsAsTheSameConfigs() throws Exception {
        Map<String, BootstrapConfig> original = configsOf(files, validator);
        assertThat(original).containsOnlyKeys("dev1", "dev2", "urn:dev:1");

        List<BootstrapConfig> imported = ConfigTransfer.importDirectory(files, validator::validate, store);

        assertThat(imported).hasSize(3);
        assertThat(store.getAll()).isEqualTo(original);

        List<Path> written = ConfigTransfer.exportDirectory(store.getAll(), codec, exported);

        assertThat(written)
                .extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("dev1.json", "dev2.json", "urn%3Adev%3A1.json");
        // Key files were inlined on import: the exported files stand alone, without the keys/ directory.
        assertThat(exported.resolve("keys")).doesNotExist();
        assertThat(Files.readString(exported.resolve("dev1.json"))).doesNotContain("\"file\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported.resolve("dev1.json"))))
                .isEqualTo("rw-------");
        FileBootstrapConfigStore reader = new FileBootstrapConfigStore(
                exported, ObjectModelRegistry.standard(), new DefaultKeyCodec(), Duration.ofSeconds(30));
        assertThat(configsOf(exported, reader)).isEqualTo(original);
    }

    @Test
    void oneInvalidFileAndNothingIsImported() throws Exception {
        Files.writeString(
                files.resolve("dev9.json"),
                "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": \"x\" } ] }");

        assertThatThrownBy(() -> ConfigTransfer.importDirectory(files, validator::validate, store))
                .isInstanceOf(BootstrapConfigException.class)
                .hasMessage("dev9.json: writes[0].value: expected an integer, got \"x\"");

        assertThat(store.getAll()).isEmpty();
    }
}
