/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration (PID {@value DefaultDtlsEndpointFactory#PID}) of the shared resources behind all DTLS
 * endpoints: thread pools and handshake bounds; and which modes besides RPK and X.509 management-server
 * endpoints may use. Changing it restarts the factory, which closes the
 * endpoints it created.
 */
@ObjectClassDefinition(
        name = "Bootgate DTLS transport",
        description = "Shared threads and handshake limits of the Bootstrap interface's DTLS endpoints")
public @interface DtlsFactoryConfiguration {

    @AttributeDefinition(
            name = "DTLS worker threads",
            min = "1",
            description =
                    "Threads that run DTLS record processing, handshakes and retransmission timers for all endpoints")
    int dtls_threads() default 2;

    @AttributeDefinition(
            name = "CoAP worker threads",
            min = "1",
            description = "Threads that run the CoAP layers of all endpoints and call the request handlers")
    int coap_threads() default 2;

    @AttributeDefinition(
            name = "Receiver threads",
            min = "1",
            description = "Threads that read the UDP sockets of all endpoints (non-blocking, shared by every socket)")
    int receiver_threads() default 1;

    @AttributeDefinition(
            name = "Concurrent server handshakes",
            min = "1",
            description =
                    "Handshakes the bootstrap server endpoints run at once; further ClientHellos are dropped and retransmitted by the clients")
    int max_concurrent_server_handshakes() default 64;

    @AttributeDefinition(
            name = "Concurrent client handshakes",
            min = "1",
            description = "Handshakes the device endpoints run at once; further connects wait in a queue")
    int max_concurrent_client_handshakes() default 16;

    @AttributeDefinition(
            name = "Connection ID length",
            min = "1",
            max = "16",
            description = "Bytes of the DTLS Connection ID a server hands out (RFC 9146), when an endpoint enables it")
    int connection_id_length() default 6;

    @AttributeDefinition(
            name = "Initial retransmission timeout (ms)",
            min = "100",
            description = "First DTLS flight retransmission timeout; doubles on each retry")
    int retransmission_timeout_ms() default 2000;

    @AttributeDefinition(
            name = "Flight retransmissions",
            min = "1",
            max = "10",
            description = "DTLS flight retransmissions before a handshake fails")
    int max_retransmissions() default 4;

    @AttributeDefinition(
            name = "Sessions per server endpoint",
            min = "1",
            description =
                    "DTLS sessions one bootstrap server endpoint keeps; the least recently used stale one is evicted beyond")
    int server_max_connections() default 20000;

    @AttributeDefinition(
            name = "Bootstrap sessions kept for resumption",
            min = "0",
            description =
                    "DTLS sessions of bootstraps, kept in memory once the handshake completes (least recently used out first), so that a"
                            + " device's next bootstrap with the same server resumes its session (abbreviated"
                            + " handshake) instead of a full one; 0 turns resumption off")
    int client_session_cache_size() default 20000;

    @AttributeDefinition(
            name = "Bootstrap session lifetime (s)",
            min = "1",
            description = "How long a kept bootstrap session may be resumed (RFC 5246 suggests at most 24 hours)")
    long client_session_lifetime_seconds() default 86400;

    /** {@link io.bootgate.api.security.ManagementSecurityPolicy#ALLOW_PSK_PROPERTY}. */
    @AttributeDefinition(
            name = "Allow PSK towards management servers",
            description =
                    "Whether device endpoints may reach LwM2M management servers with a pre-shared key (Security Mode 0);"
                            + " off by default. The Bootstrap interface never uses PSK, whatever this says")
    boolean management_allow_psk() default false;

    /** {@link io.bootgate.api.security.ManagementSecurityPolicy#ALLOW_NOSEC_PROPERTY}. */
    @AttributeDefinition(
            name = "Allow NoSec towards management servers",
            description =
                    "Whether device endpoints may reach LwM2M management servers over unprotected coap:// (Security Mode 3);"
                            + " off by default. The Bootstrap interface never uses NoSec, whatever this says")
    boolean management_allow_nosec() default false;
}
