/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A bootstrap configuration that cannot be read, parsed, validated or stored. The message names the file (when
 * there is one) and the offending field, e.g. {@code dev1.json: servers[0].shortServerId: expected an integer
 * 1..65534, got "abc"}.
 */
public class BootstrapConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    public BootstrapConfigException(Path file, String field, String message, Throwable cause) {
        super(compose(file, field, message), cause);
        this.file = file;
        this.field = field;
    }

    public BootstrapConfigException(Path file, String field, String message) {
        this(file, field, message, null);
    }

    private static String compose(Path file, String field, String message) {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(file.getFileName()).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            text.append(field).append(": ");
        }
        return text.append(message).toString();
    }

    /** The file the config came from, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The JSON path of the offending field (e.g. {@code servers[0].uri}), if the error is about one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
