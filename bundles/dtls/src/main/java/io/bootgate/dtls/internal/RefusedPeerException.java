/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.transport.TransportException;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.HandshakeException;

/**
 * This side refuses the peer's key or certificate: the handshake ends with a fatal alert, and the endpoint
 * reports {@link #reason()} to its caller instead of a generic handshake failure.
 */
final class RefusedPeerException extends HandshakeException {

    private static final long serialVersionUID = 1L;

    private final TransportException.Reason reason;

    RefusedPeerException(TransportException.Reason reason, AlertDescription alert, String message) {
        super(message, new AlertMessage(AlertLevel.FATAL, alert));
        this.reason = reason;
    }

    RefusedPeerException(TransportException.Reason reason, AlertDescription alert, String message, Throwable cause) {
        super(message, new AlertMessage(AlertLevel.FATAL, alert), cause);
        this.reason = reason;
    }

    TransportException.Reason reason() {
        return reason;
    }
}
