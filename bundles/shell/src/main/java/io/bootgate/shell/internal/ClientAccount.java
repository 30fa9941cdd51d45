/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local account {@code bin/client} logs in with: an entry of Karaf's {@code etc/users.properties} whose
 * random password is also in {@code etc/bootgate/client.secret}. Both files are made owner-only, as both hold
 * the password in clear text. Nothing is shipped: the account is created on the first start, and an existing
 * entry is never changed (an operator may have set its own password or encrypted it).
 */
final class ClientAccount {

    static final String SECRET_FILE = "bootgate/client.secret";
    static final String USERS_FILE = "users.properties";
    static final String GROUP = "bootgategroup";

    /** Karaf's admin roles plus {@code ssh}, which Karaf's sshd requires (sshRole in org.apache.karaf.shell). */
    static final String GROUP_ROLES = "group,admin,manager,viewer,ssh";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Letters, digits, '.', '_', '-': no character users.properties or a shell would interpret. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@link #ensure} did. */
    enum Result {
        /** The entry and the secret file were written. */
        CREATED,
        /** The entry was written with the password of the existing secret file (the entry had been removed). */
        RESTORED,
        /** The user exists already; nothing was changed. */
        EXISTS
    }

    private ClientAccount() {}

    /**
     * Creates the account when {@code users.properties} has no entry for {@code user}.
     *
     * @param etc Karaf's etc directory
     */
    static Result ensure(Path etc, String user) throws IOException {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user name '" + user + "' must be letters, digits, '.', '_', '-'");
        }
        Path users = etc.resolve(USERS_FILE);
        Path secret = etc.resolve(SECRET_FILE);
        Properties existing = new Properties();
        if (Files.exists(users)) {
            try (Reader in = Files.newBufferedReader(users, StandardCharsets.ISO_8859_1)) {
                existing.load(in);
            }
        }
        if (existing.containsKey(user)) {
            return Result.EXISTS;
        }
        Result result;
        String password;
        if (Files.exists(secret)) {
            password = Files.readString(secret, StandardCharsets.US_ASCII).strip();
            if (password.isEmpty() || password.contains(",")) {
                throw new IOException(secret + " holds no usable password; remove it to have a new one generated");
            }
            ownerOnly(secret);
            result = Result.RESTORED;
        } else {
            password = newPassword();
            Files.createDirectories(secret.getParent());
            writeNewOwnerOnly(secret, password + "\n");
            result = Result.CREATED;
        }
        StringBuilder entry = new StringBuilder(
                        "\n# Bootgate: the local account of bin/client, created at the first start.")
                .append("\n# Its password is also in etc/")
                .append(SECRET_FILE)
                .append(" (owner-only), for bin/client -u ")
                .append(user)
                .append(" -p \"$(cat etc/")
                .append(SECRET_FILE)
                .append(")\".\n")
                .append(user)
                .append(" = ")
                .append(password)
                .append(",_g_:")
                .append(GROUP)
                .append('\n');
        if (!existing.containsKey("_g_:" + GROUP)) {
            entry.append("_g_\\:")
                    .append(GROUP)
                    .append(" = ")
                    .append(GROUP_ROLES)
                    .append('\n');
        }
        if (!Files.exists(users)) {
            writeNewOwnerOnly(users, "");
        }
        // The file holds a clear-text password from now on: owner-only before the password is appended.
        ownerOnly(users);
        Files.writeString(users, entry, StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);
        return result;
    }

    /** 32 random bytes, URL-safe base64 without padding: no ',' (the role separator) and no shell metacharacter. */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void writeNewOwnerOnly(Path file, String content) throws IOException {
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.ISO_8859_1, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void ownerOnly(Path file) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
