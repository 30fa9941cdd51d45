/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Gateway-wide settings of the client-initiated mode (Config Admin PID
 * {@value ClientInitiatedBootstrapMode#PID}). A device's mode properties override the first two.
 */
@ObjectClassDefinition(
        name = "Bootgate client-initiated bootstrap",
        description = "Bootstrap-Request (or Bootstrap-Pack-Request) over DTLS to each device's bootstrap server")
public @interface ClientInitiatedConfiguration {

    @AttributeDefinition(
            name = "Preferred content format (pct)",
            description = "Content format the Bootstrap-Request asks the server to write with (LwM2M 1.1 'pct'):"
                    + " 112 SenML-CBOR, 110 SenML-JSON, 11542 TLV; -1 sends no pct (LwM2M 1.0 request)."
                    + " A server that rejects it (4.00 or 4.15) is asked again without pct."
                    + " Device property: " + ClientInitiatedSettings.PCT_PROPERTY)
    int preferredContentFormat() default 112;

    @AttributeDefinition(
            name = "Try Bootstrap-Pack-Request first",
            description = "Ask for the whole configuration at once (GET /bspack, LwM2M 1.2) and fall back to the"
                    + " Bootstrap-Request when the server answers with an error."
                    + " Device property: " + ClientInitiatedSettings.BSPACK_PROPERTY)
    boolean bootstrapPack() default false;

    @AttributeDefinition(
            name = "Handshake timeout (s)",
            description = "Longest wait for the DTLS handshake with the bootstrap server, queueing included")
    long handshakeTimeoutSeconds() default 60;

    @AttributeDefinition(
            name = "Request timeout (s)",
            description = "Longest wait for the answer to a Bootstrap-Request or Bootstrap-Pack-Request")
    long requestTimeoutSeconds() default 30;

    @AttributeDefinition(
            name = "Linger after Finish (ms)",
            description = "How long the DTLS session stays open after the Finish was answered, so that the"
                    + " answer reaches the server (and a retransmitted Finish is answered again)")
    long finishLingerMillis() default 2000;
}
