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
 * One change of a device's registration with one management server.
 *
 * @param endpoint the device's endpoint name
 * @param shortServerId the server's Short Server ID (/1/x/0)
 * @param serverUri the server's URI (/0/x/0)
 * @param state the new state
 * @param location the registration location the server assigned (e.g. {@code /rd/5a3f}), when known
 * @param cause why a Register or Update failed or why the device de-registered; never key material
 * @param time when the state changed
 */
public record RegistrationEvent(
        String endpoint,
        int shortServerId,
        URI serverUri,
        RegistrationState state,
        Optional<String> location,
        Optional<String> cause,
        Instant time) {

    public RegistrationEvent {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(time, "time");
    }
}
