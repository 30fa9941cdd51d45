/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Counters of the server-side DTLS handshakes of the {@link DtlsEndpointFactory}'s endpoints, since the factory
 * started, for health checks and metrics. Registered as an OSGi service by the bundle that implements the
 * factory. Every count only grows; read them as a snapshot, not atomically with each other.
 *
 * @since 1.2
 */
@ProviderType
public interface HandshakeStatistics {

    /** Handshakes the DTLS stack started as server (a ClientHello with a valid cookie was admitted). */
    long serverHandshakesStarted();

    /** Server handshakes that completed (a DTLS session was established). */
    long serverHandshakesCompleted();

    /** Server handshakes that failed (refused identity, alert, timeout). */
    long serverHandshakesFailed();

    /**
     * ClientHellos dropped by admission because every server handshake slot was taken; the clients retransmit,
     * so a growing count means the server is overloaded, not that devices are refused.
     */
    long droppedClientHellos();

    /** Server handshakes running now. */
    int serverHandshakesRunning();

    /** The configured bound on server handshakes running at once. */
    int maxServerHandshakes();

    /**
     * Sessions that devices' bootstrap clients offered to resume: a device's new bootstrap client found the DTLS
     * session its previous one kept with the same server, and offered its id in the ClientHello.
     *
     * @since 1.4
     */
    long clientSessionsOffered();

    /**
     * Offered sessions the servers accepted (abbreviated handshakes: no key exchange, no signatures). The
     * difference to {@link #clientSessionsOffered()} is sessions the server no longer knew, which cost a full
     * handshake instead.
     *
     * @since 1.4
     */
    long clientSessionsResumed();
}
