/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.bootstrap.config.jdbc.internal.JdbcBootstrapConfigStore;
import io.bootgate.bootstrap.config.jdbc.internal.PostgresCluster;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import io.bootgate.bootstrap.server.internal.config.JsonConfigCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** bootgate:bs-config-import and bs-config-export on a real PostgreSQL, with the file store as validator. */
class BsConfigCommandsTest {

    @RegisterExtension
    static final PostgresCluster POSTGRES = new PostgresCluster();

    @TempDir
    Path files;

    @TempDir
    Path exported;

    final JsonConfigCodec codec = new JsonConfigCodec(ObjectModelRegistry::standard, new DefaultKeyCodec());
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    JdbcBootstrapConfigStore store;
    FileBootstrapConfigStore fileStore;

    static String json(long lifetime) {
        return "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": " + lifetime
                + " } ] }";
    }

    @BeforeEach
    void start() throws Exception {
        store = new JdbcBootstrapConfigStore(
                POSTGRES.dataSource(POSTGRES.createDatabase()), codec, JdbcBootstrapConfigStore.Settings.defaults());
        store.start();
        fileStore = new FileBootstrapConfigStore(
                files, ObjectModelRegistry.standard(), new DefaultKeyCodec(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    String output() {
        return console.toString(StandardCharsets.UTF_8);
    }

    BsConfigImportCommand importCommand(Path directory) {
        BsConfigImportCommand command = new BsConfigImportCommand();
        command.store = store;
        command.validator = fileStore::validate;
        command.directory = directory.toString();
        command.out = new PrintStream(console, true, StandardCharsets.UTF_8);
        return command;
    }

    @Test
    void importThenExportPrintsEachEndpointAndWritesTheFiles() throws Exception {
        Files.writeString(files.resolve("dev1.json"), json(60));
        Files.writeString(files.resolve("dev2.json"), json(70));

        importCommand(files).execute();

        assertThat(output()).contains("imported dev1", "imported dev2");
        assertThat(store.getAll()).containsOnlyKeys("dev1", "dev2");

        BsConfigExportCommand export = new BsConfigExportCommand();
        export.store = store;
        export.codec = codec;
        export.directory = exported.toString();
        export.out = new PrintStream(console, true, StandardCharsets.UTF_8);
        export.execute();

        assertThat(output()).contains("2 config(s) written to " + exported);
        assertThat(exported.resolve("dev1.json")).exists();
        assertThat(exported.resolve("dev2.json")).exists();
    }

    @Test
    void invalidFilesAreEachPrintedAndTheCommandFails() throws Exception {
        Files.writeString(files.resolve("dev1.json"), json(60));
        Files.writeString(files.resolve("dev2.json"), "{ \"identity\": { \"x509\": true }, \"lifetime\": 1 }");
        Files.writeString(files.resolve("dev3.json"), json(60).replace("60", "\"x\""));

        assertThatThrownBy(() -> importCommand(files).execute())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing imported from " + files + ": 2 file(s) invalid or not stored");

        assertThat(output())
                .contains("INVALID dev2.json: lifetime: unknown field")
                .contains("INVALID dev3.json: writes[0].value: expected an integer, got \"x\"")
                .doesNotContain("imported");
        assertThat(store.getAll()).isEmpty();
    }
}
