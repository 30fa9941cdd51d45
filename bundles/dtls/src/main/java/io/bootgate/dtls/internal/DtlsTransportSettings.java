/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The shared resources of one {@link DefaultDtlsEndpointFactory}; see {@link DtlsFactoryConfiguration} for
 * the meaning of each value.
 */
record DtlsTransportSettings(
        int dtlsThreads,
        int coapThreads,
        int receiverThreads,
        int maxServerHandshakes,
        int maxClientHandshakes,
        int connectionIdLength,
        Duration retransmissionTimeout,
        int maxRetransmissions,
        int serverMaxConnections,
        boolean managementAllowPsk,
        boolean managementAllowNoSec) {

    DtlsTransportSettings {
        atLeast(dtlsThreads, 1, "dtls.threads");
        atLeast(coapThreads, 1, "coap.threads");
        atLeast(receiverThreads, 1, "receiver.threads");
        atLeast(maxServerHandshakes, 1, "max.concurrent.server.handshakes");
        atLeast(maxClientHandshakes, 1, "max.concurrent.client.handshakes");
        if (connectionIdLength < 1 || connectionIdLength > 16) {
            throw new IllegalArgumentException("connection.id.length must be 1..16, not " + connectionIdLength);
        }
        Objects.requireNonNull(retransmissionTimeout, "retransmissionTimeout");
        if (retransmissionTimeout.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "retransmission.timeout.ms must be at least 100, not " + retransmissionTimeout.toMillis());
        }
        if (maxRetransmissions < 1 || maxRetransmissions > 10) {
            throw new IllegalArgumentException("max.retransmissions must be 1..10, not " + maxRetransmissions);
        }
        atLeast(serverMaxConnections, 1, "server.max.connections");
    }

    /** Settings that allow neither PSK nor NoSec towards management servers (the defaults). */
    DtlsTransportSettings(
            int dtlsThreads,
            int coapThreads,
            int receiverThreads,
            int maxServerHandshakes,
            int maxClientHandshakes,
            int connectionIdLength,
            Duration retransmissionTimeout,
            int maxRetransmissions,
            int serverMaxConnections) {
        this(
                dtlsThreads,
                coapThreads,
                receiverThreads,
                maxServerHandshakes,
                maxClientHandshakes,
                connectionIdLength,
                retransmissionTimeout,
                maxRetransmissions,
                serverMaxConnections,
                false,
                false);
    }

    /** These settings with what management-server endpoints may use besides RPK and X.509. */
    DtlsTransportSettings withManagementModes(boolean allowPsk, boolean allowNoSec) {
        return new DtlsTransportSettings(
                dtlsThreads,
                coapThreads,
                receiverThreads,
                maxServerHandshakes,
                maxClientHandshakes,
                connectionIdLength,
                retransmissionTimeout,
                maxRetransmissions,
                serverMaxConnections,
                allowPsk,
                allowNoSec);
    }

    static DtlsTransportSettings defaults() {
        return new DtlsTransportSettings(2, 2, 1, 64, 16, 6, Duration.ofSeconds(2), 4, 20000);
    }

    static DtlsTransportSettings from(DtlsFactoryConfiguration config) {
        return new DtlsTransportSettings(
                config.dtls_threads(),
                config.coap_threads(),
                config.receiver_threads(),
                config.max_concurrent_server_handshakes(),
                config.max_concurrent_client_handshakes(),
                config.connection_id_length(),
                Duration.ofMillis(config.retransmission_timeout_ms()),
                config.max_retransmissions(),
                config.server_max_connections(),
                config.management_allow_psk(),
                config.management_allow_nosec());
    }

    /** The most threads the factory ever runs. */
    int threadBudget() {
        return dtlsThreads + coapThreads + receiverThreads;
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
    }
}
