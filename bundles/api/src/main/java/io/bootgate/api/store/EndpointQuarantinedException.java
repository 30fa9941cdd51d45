/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

/**
 * The endpoint's stored tree is unreadable (its entry fails its checksum or does not decode), so the endpoint
 * is quarantined: it cannot be read or changed, every other endpoint works. Its raw bytes are kept. To recover,
 * delete the endpoint ({@link ObjectStore#deleteEndpoint}, which moves the raw bytes aside) and create it again
 * (the bootstrap engine then bootstraps it into a fresh entry), or restore the store from a backup.
 */
public class EndpointQuarantinedException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final String reason;

    public EndpointQuarantinedException(String endpoint, String reason) {
        super("endpoint '" + endpoint + "' is quarantined: its stored tree is unreadable (" + reason
                + "); delete and re-create it, or restore the store from a backup");
        this.endpoint = endpoint;
        this.reason = reason;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Why the stored tree is unreadable. */
    public String reason() {
        return reason;
    }
}
