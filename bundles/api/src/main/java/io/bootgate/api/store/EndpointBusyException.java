/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

/**
 * A transaction could not begin because another transaction of the same endpoint stayed open for the whole
 * waiting time (or the waiting thread was interrupted).
 */
public class EndpointBusyException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    public EndpointBusyException(String endpoint, String message) {
        super(message);
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
