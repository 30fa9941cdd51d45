/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bin/client account on a real etc/ directory, read back as Karaf's JAAS properties realm reads it. */
class ClientAccountTest {

    private static final String KARAF_COMMENT_ONLY = "# Bootgate: users of the Karaf JAAS realm \"karaf\".\n#\n";

    @TempDir
    Path etc;

    private Properties users() throws Exception {
        Properties users = new Properties();
        try (Reader in = Files.newBufferedReader(etc.resolve("users.properties"), StandardCharsets.ISO_8859_1)) {
            users.load(in);
        }
        return users;
    }

    private String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void firstStartCreatesTheUserWithARandomPasswordOwnerOnly() throws Exception {
        Files.writeString(etc.resolve("users.properties"), KARAF_COMMENT_ONLY);
        Files.setPosixFilePermissions(etc.resolve("users.properties"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(ClientAccount.ensure(etc, "bootgate")).isEqualTo(ClientAccount.Result.CREATED);

        Path secret = etc.resolve("bootgate/client.secret");
        String password = Files.readString(secret).strip();
        assertThat(password).hasSize(43).doesNotContain(",");
        assertThat(permissions(secret)).isEqualTo("rw-------");
        assertThat(permissions(etc.resolve("users.properties"))).isEqualTo("rw-------");
        Properties users = users();
        assertThat(users.getProperty("bootgate")).isEqualTo(password + ",_g_:bootgategroup");
        assertThat(users.getProperty("_g_:bootgategroup")).isEqualTo("group,admin,manager,viewer,ssh");
        assertThat(Files.readString(etc.resolve("users.properties"))).startsWith(KARAF_COMMENT_ONLY);
    }

    @Test
    void twoInstallationsGetDifferentPasswords() throws Exception {
        Path other = Files.createDirectory(etc.resolve("other"));
        ClientAccount.ensure(etc, "bootgate");
        ClientAccount.ensure(other, "bootgate");
        assertThat(Files.readString(etc.resolve("bootgate/client.secret")))
                .isNotEqualTo(Files.readString(other.resolve("bootgate/client.secret")));
    }

    @Test
    void anExistingEntryIsNeverChanged() throws Exception {
        Files.writeString(etc.resolve("users.properties"), "bootgate = {CRYPT}abc{CRYPT},_g_:admingroup\n");

        assertThat(ClientAccount.ensure(etc, "bootgate")).isEqualTo(ClientAccount.Result.EXISTS);

        assertThat(Files.readString(etc.resolve("users.properties")))
                .isEqualTo("bootgate = {CRYPT}abc{CRYPT},_g_:admingroup\n");
        assertThat(etc.resolve("bootgate/client.secret")).doesNotExist();
    }

    @Test
    void aRemovedEntryComesBackWithTheSecretFilesPassword() throws Exception {
        ClientAccount.ensure(etc, "bootgate");
        String password =
                Files.readString(etc.resolve("bootgate/client.secret")).strip();
        Files.writeString(etc.resolve("users.properties"), KARAF_COMMENT_ONLY);

        assertThat(ClientAccount.ensure(etc, "bootgate")).isEqualTo(ClientAccount.Result.RESTORED);

        assertThat(users().getProperty("bootgate")).isEqualTo(password + ",_g_:bootgategroup");
    }

    @Test
    void secondStartChangesNothing() throws Exception {
        ClientAccount.ensure(etc, "bootgate");
        String before = Files.readString(etc.resolve("users.properties"));
        assertThat(ClientAccount.ensure(etc, "bootgate")).isEqualTo(ClientAccount.Result.EXISTS);
        assertThat(Files.readString(etc.resolve("users.properties"))).isEqualTo(before);
    }

    @Test
    void refusesAUserNameUsersPropertiesWouldMisread() {
        assertThatThrownBy(() -> ClientAccount.ensure(etc, "a=b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name 'a=b'");
    }
}
