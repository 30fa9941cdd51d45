/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An endpoint whose stored tree is unreadable, see {@link EndpointQuarantinedException}.
 *
 * @param endpoint the endpoint
 * @param reason why its stored tree is unreadable (checksum or decoding failure)
 * @param since when the store found it
 * @param storedBytes the length of the kept raw entry
 */
public record QuarantinedEndpoint(String endpoint, String reason, Instant since, int storedBytes) {

    public QuarantinedEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
