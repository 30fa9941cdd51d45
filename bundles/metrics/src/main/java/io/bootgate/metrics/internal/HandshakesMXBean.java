/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

/**
 * Server-side DTLS handshakes of the dtls bundle ({@code io.bootgate:type=Handshakes}), read live from its
 * {@code HandshakeStatistics} service: counts since that bundle started.
 */
public interface HandshakesMXBean {

    long getServerHandshakesStarted();

    long getServerHandshakesCompleted();

    long getServerHandshakesFailed();

    int getServerHandshakesRunning();

    int getMaxServerHandshakes();

    /** ClientHellos dropped because every server handshake slot was taken (the clients retransmit). */
    long getDroppedClientHellos();

    /** Devices' bootstrap clients that offered the session kept from their previous bootstrap with that server. */
    long getClientSessionsOffered();

    /** Offered sessions the servers resumed (abbreviated handshakes). */
    long getClientSessionsResumed();
}
