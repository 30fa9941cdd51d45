/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

/** The operations a bootstrap session sends to the client. */
public enum BootstrapOperation {
    DISCOVER,
    READ,
    DELETE,
    WRITE,
    FINISH,
    /** The answer to a Bootstrap-Pack-Request: the whole configuration in one response. */
    PACK
}
