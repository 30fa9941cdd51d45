/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.SecurityMode;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What one device's client endpoint towards one LwM2M management server needs, taken from that server's
 * Security instance: a {@link ClientEndpointConfig} (server URI /0/x/0, Security Mode /0/x/2, RPK or X.509
 * credentials /0/x/3 and /0/x/5, trust /0/x/4 and /0/x/15, handler of the server's requests, timeouts), and
 * for Security Mode PSK the {@link PskCredentials} instead of public-key credentials.
 * <p>
 * Building a config does not judge it: {@link DtlsEndpointFactory#createManagementClient} and every
 * {@code connect()} run {@link ManagementSecurityPolicy#checkClient} with the factory's configuration.
 *
 * @since 1.1
 */
public final class ManagementClientConfig {

    private final ClientEndpointConfig endpoint;
    private final PskCredentials psk;

    private ManagementClientConfig(ClientEndpointConfig endpoint, PskCredentials psk) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.psk = psk;
    }

    /**
     * A Raw Public Key, Certificate or NoSec account ({@code coap://}, no credentials), as the endpoint
     * config's Security Mode says.
     */
    public static ManagementClientConfig of(ClientEndpointConfig endpoint) {
        return new ManagementClientConfig(endpoint, null);
    }

    /** A PSK account: {@code endpoint}'s Security Mode is {@link SecurityMode#PRE_SHARED_KEY}. */
    public static ManagementClientConfig of(ClientEndpointConfig endpoint, PskCredentials psk) {
        return new ManagementClientConfig(endpoint, Objects.requireNonNull(psk, "psk"));
    }

    /** Everything but the PSK credentials. */
    public ClientEndpointConfig endpoint() {
        return endpoint;
    }

    public Optional<PskCredentials> pskCredentials() {
        return Optional.ofNullable(psk);
    }

    public URI serverUri() {
        return endpoint.serverUri();
    }

    public SecurityMode securityMode() {
        return endpoint.securityMode();
    }

    @Override
    public String toString() {
        return "ManagementClientConfig["
                + endpoint.deviceName().map(name -> name + " -> ").orElse("")
                + endpoint.serverUri() + ", " + endpoint.securityMode() + ", "
                + (psk != null
                        ? psk
                        : endpoint.credentials().map(Object::toString).orElse("no credentials")) + "]";
    }
}
