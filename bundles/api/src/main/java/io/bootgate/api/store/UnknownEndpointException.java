/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

/** The endpoint does not exist in the store. */
public class UnknownEndpointException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    public UnknownEndpointException(String endpoint) {
        super("unknown endpoint '" + endpoint + "'");
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
