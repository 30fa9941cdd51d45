/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the object store, PID {@code io.bootgate.store}. */
@ObjectClassDefinition(
        id = ObjectStoreComponent.PID,
        name = "Bootgate object store",
        description = "Persistent LwM2M object trees of the proxied devices (H2 MVStore).")
public @interface StoreConfiguration {

    @AttributeDefinition(
            name = "Directory",
            description = "Directory of the store file objects.mv.db; empty means ${karaf.data}/bootgate/store. "
                    + "Created with owner-only permissions (700).")
    String directory() default "";

    @AttributeDefinition(
            name = "Encryption key file",
            description = "File holding a random secret (at least 16 characters, e.g. 'openssl rand -base64 32'); "
                    + "when set, the store file is encrypted with it. Keep the file owner-only and, ideally, off the "
                    + "disk that holds the store (e.g. a credentials mount). Empty: no encryption.")
    String encryptionKeyFile() default "";

    @AttributeDefinition(
            name = "Sync on commit",
            description = "Force every commit to the disk (fsync) so that it survives a power loss.")
    boolean syncOnCommit() default true;

    @AttributeDefinition(
            name = "Cache size (MiB)",
            description = "MVStore page cache: bounds the heap used by stored trees.",
            min = "1")
    int cacheSizeMb() default 16;

    @AttributeDefinition(
            name = "Transaction wait (ms)",
            description = "How long beginning a transaction (or deleting an endpoint) waits for the endpoint's "
                    + "open transaction before failing.",
            min = "0")
    long transactionWaitMillis() default 10_000;

    @AttributeDefinition(
            name = "Verify on start",
            description = "Decode every stored tree at start-up, so that a damaged entry quarantines its endpoint "
                    + "at once rather than at first use.")
    boolean verifyOnStart() default true;

    @AttributeDefinition(
            name = "Longest retry delay (s)",
            description = "After a failed commit (disk full, read-only file system) the store retries writing "
                    + "after 1 s, doubling the delay up to this bound.",
            min = "1")
    long recoveryRetryMaxSeconds() default 60;
}
