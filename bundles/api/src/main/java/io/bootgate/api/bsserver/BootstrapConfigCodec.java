/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The JSON form of a bootstrap configuration, exactly as the embedded file store reads and writes its
 * {@code <endpoint>.json} files, for stores that keep the same form elsewhere (a database column) and for
 * import and export between them. Registered by the bootstrap server bundle, so every store validates configs
 * with the same rules and the same error messages.
 *
 * @since 2.2
 */
@ProviderType
public interface BootstrapConfigCodec {

    /**
     * Parses and validates config JSON as the file store parses a file {@link #fileName(String) named for the
     * endpoint} with this content: an error names that file name and the offending field, word for word as the
     * file store's. Key material should be inline: a relative file reference resolves against the working
     * directory.
     *
     * @param endpoint the endpoint the config is stored under; a different {@code endpoint} field is an error
     * @throws BootstrapConfigException naming the file name and the field
     */
    BootstrapConfig parse(String endpoint, byte[] json) throws BootstrapConfigException;

    /** The config in the file form (UTF-8 JSON), key material inline (base64), so it stands alone. */
    byte[] format(BootstrapConfig config);

    /**
     * The name of the endpoint's file in the file store's directory: {@code <endpoint>.json}, percent-encoded
     * where a file name cannot carry a character.
     */
    String fileName(String endpoint);
}
