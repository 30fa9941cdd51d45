/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-system chores of the store: owner-only permissions on the directory and the file (they hold private
 * keys), durable renames, and reading the encryption key file.
 */
final class StoreFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFiles.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    /** Below this the secret is not worth the name: MVStore derives the AES key with only 10 PBKDF2 rounds. */
    static final int MIN_KEY_LENGTH = 16;

    private StoreFiles() {}

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory (and parents) or tightens an existing one to owner-only access. */
    static void prepareDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                    throw new StoreException("object store directory " + directory + " exists but is not a directory");
                }
                Files.createDirectories(directory);
                LOG.info("created object store directory {}", directory);
            }
            restrict(directory, OWNER_DIRECTORY);
        } catch (IOException e) {
            throw new StoreException("cannot prepare object store directory " + directory + ": " + e, e);
        }
    }

    /** Owner-only read/write on the store file. */
    static void restrictFile(Path file) {
        try {
            restrict(file, OWNER_FILE);
        } catch (IOException e) {
            throw new StoreException("cannot restrict permissions of " + file + ": " + e, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!posix()) {
            LOG.warn("file system of {} has no POSIX permissions; restrict access to it by other means", path);
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!current.equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            LOG.info(
                    "permissions of {} changed from {} to {}",
                    path,
                    PosixFilePermissions.toString(current),
                    PosixFilePermissions.toString(wanted));
        }
    }

    /** Forces a file's content to the disk. */
    static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces a directory entry change (a rename) to the disk, where the platform allows it. */
    static void fsyncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory as a channel; the rename is still atomic there.
            LOG.debug("cannot fsync directory {}: {}", directory, e.toString());
        }
    }

    /**
     * Reads the encryption secret: the file's text, UTF-8, without surrounding white space. The file should
     * be readable by the Karaf user only; a file others may read is reported.
     *
     * @throws StoreException if the file cannot be read, is not text, or holds fewer than 16 characters
     */
    static char[] readKeyFile(Path keyFile) {
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(keyFile);
            if (posix()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
                Set<PosixFilePermission> others = EnumSet.copyOf(permissions);
                others.retainAll(EnumSet.of(
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE));
                if (!others.isEmpty()) {
                    LOG.warn(
                            "encryption key file {} is accessible to others ({}); make it owner-only (chmod 600)",
                            keyFile,
                            PosixFilePermissions.toString(permissions));
                }
            }
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int start = 0;
            int end = chars.limit();
            while (start < end && Character.isWhitespace(chars.get(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(chars.get(end - 1))) {
                end--;
            }
            char[] key = new char[end - start];
            chars.position(start);
            chars.get(key);
            Arrays.fill(chars.array(), '\0');
            if (key.length < MIN_KEY_LENGTH) {
                Arrays.fill(key, '\0');
                throw new StoreException("encryption key file " + keyFile + " holds fewer than " + MIN_KEY_LENGTH
                        + " characters; put a random secret in it, e.g. the output of 'openssl rand -base64 32'");
            }
            return key;
        } catch (CharacterCodingException e) {
            throw new StoreException("encryption key file " + keyFile + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new StoreException("cannot read encryption key file " + keyFile + ": " + e, e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
