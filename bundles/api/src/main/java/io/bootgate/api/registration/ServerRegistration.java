/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.registration;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a device's registration with one management server.
 *
 * @param shortServerId the server's Short Server ID
 * @param serverUri the server's URI
 * @param state the current state
 * @param location the registration location, while the server knows the device
 * @param lifetimeSeconds the registered lifetime (/1/x/1)
 * @param binding the registered binding (/1/x/7), e.g. {@code U} or {@code UQ}
 * @param lastChange when the state last changed
 * @param nextUpdate when the next Update (or Register retry) is due, if one is scheduled
 * @param lastError the cause of the last failure, if any
 */
public record ServerRegistration(
        int shortServerId,
        URI serverUri,
        RegistrationState state,
        Optional<String> location,
        long lifetimeSeconds,
        String binding,
        Instant lastChange,
        Optional<Instant> nextUpdate,
        Optional<String> lastError) {

    public ServerRegistration {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(lastChange, "lastChange");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(lastError, "lastError");
    }
}
