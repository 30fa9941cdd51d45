/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a bootstrap configuration file exactly as the embedded store would load it, without storing it or
 * authorising anything ({@code bootgate:bs-validate}). Registered by the bootstrap server bundle's file store.
 *
 * @since 2.1
 */
@ProviderType
public interface BootstrapConfigValidator {

    /**
     * Parses and validates a config file. The endpoint is the one the file's name gives ({@code <endpoint>.json},
     * percent-encoded where a file name cannot carry a character); files it references resolve against its
     * directory.
     *
     * @return the config the file describes
     * @throws BootstrapConfigException naming the file and the offending field
     */
    BootstrapConfig validate(Path file) throws BootstrapConfigException;
}
