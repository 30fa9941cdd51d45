/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

/** What started a bootstrap session. */
public enum SessionTrigger {
    /** The client sent a Bootstrap-Request ({@code POST /bs?ep=}). */
    BOOTSTRAP_REQUEST,
    /** The client sent a Bootstrap-Pack-Request ({@code GET /bspack?ep=}). */
    PACK_REQUEST,
    /** An operator asked the server to push a bootstrap to a client at a known address (LwM2M 1.0 style). */
    SERVER_INITIATED
}
