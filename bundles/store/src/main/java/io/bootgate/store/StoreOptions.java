/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import io.bootgate.api.model.ObjectModelRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How to open an {@link MvObjectStore}. Immutable; each {@code with} method returns a changed copy.
 */
public final class StoreOptions {

    /** Name of the store file inside the store directory. */
    public static final String FILE_NAME = "objects.mv.db";

    /** First delay before a store that cannot write retries: 1 s; it doubles up to {@link #DEFAULT_MAX_RETRY}. */
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);

    /** Longest delay between retries of a store that cannot write: 60 s. */
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(60);

    /** File size below which the store is never rewritten: 32 MiB. */
    public static final long DEFAULT_COMPACTION_THRESHOLD = 32L << 20;

    private final Path directory;
    private final char[] encryptionKey;
    private final boolean syncOnCommit;
    private final int cacheSizeMb;
    private final Duration transactionWait;
    private final boolean verifyOnOpen;
    /** Read at each transaction's start, so that object definitions added later apply to later writes. */
    private final Supplier<ObjectModelRegistry> models;

    private final Duration idleMaintenance;
    private final int commitsPerMaintenance;
    private final long compactionThreshold;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final String fileSystemScheme;

    private StoreOptions(
            Path directory,
            char[] encryptionKey,
            boolean syncOnCommit,
            int cacheSizeMb,
            Duration transactionWait,
            boolean verifyOnOpen,
            Supplier<ObjectModelRegistry> models,
            Duration idleMaintenance,
            int commitsPerMaintenance,
            long compactionThreshold,
            Duration firstRetry,
            Duration maxRetry,
            String fileSystemScheme) {
        this.directory = directory;
        this.encryptionKey = encryptionKey;
        this.syncOnCommit = syncOnCommit;
        this.cacheSizeMb = cacheSizeMb;
        this.transactionWait = transactionWait;
        this.verifyOnOpen = verifyOnOpen;
        this.models = models;
        this.idleMaintenance = idleMaintenance;
        this.commitsPerMaintenance = commitsPerMaintenance;
        this.compactionThreshold = compactionThreshold;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.fileSystemScheme = fileSystemScheme;
    }

    /**
     * A store kept in {@code directory} (created if missing, with owner-only permissions), checking writes against
     * the object definitions {@code models} gives at the start of each transaction (in OSGi: the
     * {@link io.bootgate.api.model.ObjectModels} service).
     */
    public static StoreOptions persistent(Path directory, Supplier<ObjectModelRegistry> models) {
        return new StoreOptions(
                Objects.requireNonNull(directory, "directory"),
                null,
                true,
                16,
                Duration.ofSeconds(10),
                true,
                Objects.requireNonNull(models, "models"),
                Duration.ofSeconds(30),
                1000,
                DEFAULT_COMPACTION_THRESHOLD,
                DEFAULT_FIRST_RETRY,
                DEFAULT_MAX_RETRY,
                "");
    }

    /** A store that lives in memory only and is lost on close: for tests. */
    public static StoreOptions inMemory(Supplier<ObjectModelRegistry> models) {
        return new StoreOptions(
                null,
                null,
                false,
                16,
                Duration.ofSeconds(10),
                true,
                Objects.requireNonNull(models, "models"),
                Duration.ofSeconds(30),
                1000,
                DEFAULT_COMPACTION_THRESHOLD,
                DEFAULT_FIRST_RETRY,
                DEFAULT_MAX_RETRY,
                "");
    }

    /**
     * Encrypts the store file with MVStore's file encryption (AES in XTS mode, key derived from this
     * secret). The secret should be random, at least 128 bits; it is copied.
     */
    public StoreOptions withEncryptionKey(char[] key) {
        Objects.requireNonNull(key, "key");
        if (directory == null) {
            throw new IllegalStateException("an in-memory store has no file to encrypt");
        }
        return new StoreOptions(
                directory,
                key.clone(),
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /**
     * Whether each commit also forces the file to the disk (fsync), so that it survives a power loss, not
     * only a crash of the process. On by default; turning it off is for throw-away stores only.
     */
    public StoreOptions withSyncOnCommit(boolean sync) {
        return new StoreOptions(
                directory,
                encryptionKey,
                sync,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /** MVStore's page cache in MiB, the bound on heap that stored trees take when read. */
    public StoreOptions withCacheSizeMb(int mb) {
        if (mb < 1) {
            throw new IllegalArgumentException("cache size must be at least 1 MiB, got " + mb);
        }
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                mb,
                transactionWait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /** How long {@code begin(endpoint)} waits for the endpoint's open transaction by default. */
    public StoreOptions withTransactionWait(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("negative wait " + wait);
        }
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                wait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /** Whether opening decodes every stored tree, so that damage is found at start-up, not on first use. */
    public StoreOptions withVerifyOnOpen(boolean verify) {
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verify,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /** Fixed object definitions writes are checked against, instead of those given when the options were made. */
    public StoreOptions withModels(ObjectModelRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return withModels(() -> registry);
    }

    /** Where writes find their object definitions: read at the start of each transaction. */
    public StoreOptions withModels(Supplier<ObjectModelRegistry> models) {
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                Objects.requireNonNull(models, "models"),
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /**
     * When file compaction runs: after the store was idle for {@code idle}, or after {@code commits} commits
     * without idle time.
     */
    public StoreOptions withMaintenance(Duration idle, int commits) {
        if (idle.isNegative() || idle.isZero() || commits < 1) {
            throw new IllegalArgumentException("maintenance needs a positive idle time and commit count");
        }
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                models,
                idle,
                commits,
                compactionThreshold,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /**
     * The store file only grows (MVStore appends every commit, see the store README); once it is larger than
     * {@code bytes} and less than a third of it is live data, it is rewritten into a fresh file.
     */
    public StoreOptions withCompactionThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative compaction threshold " + bytes);
        }
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                bytes,
                firstRetry,
                maxRetry,
                fileSystemScheme);
    }

    /**
     * After a failed commit the store retries (reopens its file for writing and proves it with a commit) after
     * {@code first}, then doubling the delay up to {@code max}.
     */
    public StoreOptions withRecoveryRetry(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "retry delays must be positive and first <= max, got " + first + ", " + max);
        }
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                first,
                max,
                fileSystemScheme);
    }

    /**
     * Opens the store's MVStore files through an H2 file system registered under {@code scheme}
     * ({@code org.h2.store.fs.FilePath.register}) instead of the platform's, e.g. a file system that fails writes
     * on demand in fault tests. Empty (the default): the platform's file system.
     */
    public StoreOptions withFileSystemScheme(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        if (directory == null) {
            throw new IllegalStateException("an in-memory store has no file");
        }
        return new StoreOptions(
                directory,
                encryptionKey,
                syncOnCommit,
                cacheSizeMb,
                transactionWait,
                verifyOnOpen,
                models,
                idleMaintenance,
                commitsPerMaintenance,
                compactionThreshold,
                firstRetry,
                maxRetry,
                scheme);
    }

    public Duration firstRetry() {
        return firstRetry;
    }

    public Duration maxRetry() {
        return maxRetry;
    }

    /** The name MVStore opens {@code file} by: the path, behind the file system scheme if one is set. */
    public String mvFileName(Path file) {
        return fileSystemScheme.isEmpty() ? file.toString() : fileSystemScheme + ":" + file;
    }

    public long compactionThreshold() {
        return compactionThreshold;
    }

    /** The store directory; empty for an in-memory store. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The store file; empty for an in-memory store. */
    public Optional<Path> file() {
        return directory().map(d -> d.resolve(FILE_NAME));
    }

    /** A copy of the encryption secret, if any. */
    public Optional<char[]> encryptionKey() {
        return Optional.ofNullable(encryptionKey).map(char[]::clone);
    }

    /** Whether the store file is encrypted. */
    public boolean encrypted() {
        return encryptionKey != null;
    }

    public boolean syncOnCommit() {
        return syncOnCommit;
    }

    public int cacheSizeMb() {
        return cacheSizeMb;
    }

    public Duration transactionWait() {
        return transactionWait;
    }

    public boolean verifyOnOpen() {
        return verifyOnOpen;
    }

    /** The object definitions now. */
    public ObjectModelRegistry models() {
        return models.get();
    }

    public Duration idleMaintenance() {
        return idleMaintenance;
    }

    public int commitsPerMaintenance() {
        return commitsPerMaintenance;
    }

    @Override
    public String toString() {
        return "StoreOptions[" + (directory == null ? "in memory" : directory) + ", encrypted="
                + (encryptionKey != null) + ", syncOnCommit=" + syncOnCommit + ", cacheSizeMb=" + cacheSizeMb
                + ", transactionWait=" + transactionWait + ", verifyOnOpen=" + verifyOnOpen + "]";
    }
}
