/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.api.transport.SecureServerEndpoint;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates the DTLS endpoints of the Bootstrap interface and, since 1.1, the client endpoints towards
 * LwM2M management servers; registered as an OSGi service by the
 * {@code io.bootgate.dtls} bundle.
 * <p>
 * All endpoints of one factory share its bounded thread pools and its bounded handshake queues, so the
 * thread count does not grow with the number of endpoints. Endpoints stay owned by the caller, who closes
 * them; when the factory goes away (bundle stopped, configuration changed) its endpoints are closed.
 */
@ProviderType
public interface DtlsEndpointFactory {

    /**
     * Creates a bootstrap server endpoint; call {@link SecureServerEndpoint#start()} to listen.
     *
     * @throws SecurityPolicyException when {@link BootstrapSecurityPolicy#checkServer} refuses the config
     */
    SecureServerEndpoint createBootstrapServer(ServerEndpointConfig config) throws SecurityPolicyException;

    /**
     * Creates one device's bootstrap client endpoint; nothing is bound or sent before
     * {@link io.bootgate.api.transport.SecureClientEndpoint#connect()}.
     *
     * @throws SecurityPolicyException when {@link BootstrapSecurityPolicy#checkClient} refuses the config
     *             (coap:// URI, PSK or NoSec mode, credentials or trust not of the account's mode, weak key)
     */
    SecureClientEndpoint createBootstrapClient(ClientEndpointConfig config) throws SecurityPolicyException;

    /**
     * Creates one device's client endpoint towards one LwM2M management server (Registration and Device
     * Management &amp; Service Enablement interfaces); nothing is bound or sent before
     * {@link SecureClientEndpoint#connect()} or {@link SecureClientEndpoint#send}.
     * <p>
     * The endpoint sends the device's requests (Register, Update, De-register) and answers the server's
     * requests over the same session with the config's {@link io.bootgate.api.transport.CoapRequestHandler},
     * Observe included ({@link io.bootgate.api.transport.ObserveRelation}). It has its own local UDP port (a
     * DTLS connector holds one session per peer address, so a device cannot share a port with another device
     * towards the same server) and shares the factory's threads, socket selector and handshake admission.
     * The DTLS session with the server is kept and reused for every request. When this side no longer holds
     * it (a failed or timed-out handshake clears it), the next {@code send} runs a new full handshake:
     * session resumption is not used. A session the server dropped while this side still holds it shows as
     * a {@code TIMEOUT} of the request; closing and recreating the endpoint starts afresh.
     *
     * @throws SecurityPolicyException when {@link ManagementSecurityPolicy#checkClient} refuses the config
     *             with this factory's configuration: PSK or NoSec while not allowed (the message names the
     *             property that would allow it), URI scheme not of the mode, credentials or trust not of the
     *             account's mode, weak key
     * @since 1.1
     */
    SecureClientEndpoint createManagementClient(ManagementClientConfig config) throws SecurityPolicyException;
}
