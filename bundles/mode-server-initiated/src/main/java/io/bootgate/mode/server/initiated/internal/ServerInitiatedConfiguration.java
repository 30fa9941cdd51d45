/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.server.initiated.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Gateway-wide settings of the server-initiated mode (Config Admin PID {@value ServerInitiatedBootstrapMode#PID}). */
@ObjectClassDefinition(
        name = "Bootgate server-initiated bootstrap",
        description = "Connects each device to its bootstrap server (DTLS handshake only) and accepts the LwM2M 1.0"
                + " Bootstrap-Write/Delete/Finish that server pushes over the session")
public @interface ServerInitiatedConfiguration {

    @AttributeDefinition(
            name = "Default window (s)",
            description = "How long a device waits for its bootstrap server's pushes when its Bootstrap-Server"
                    + " account has no Client Hold Off Time (/0/x/11) and no 'window.seconds' property")
    long defaultWindowSeconds() default 60;

    @AttributeDefinition(
            name = "Handshake timeout (s)",
            description = "How long the DTLS handshake with the bootstrap server may take (never longer than the"
                    + " window)")
    long handshakeTimeoutSeconds() default 60;

    @AttributeDefinition(
            name = "Linger after Finish (ms)",
            description = "How long the DTLS session stays open after the Finish was answered, so that the"
                    + " answer reaches the server")
    long finishLingerMillis() default 2000;
}
