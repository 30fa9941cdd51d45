/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.transport.TransportException;
import io.bootgate.api.transport.TransportException.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.DtlsHandshakeTimeoutException;
import org.eclipse.californium.scandium.dtls.HandshakeException;

/**
 * Turns what Scandium and Californium report into a {@link TransportException} with a {@link Reason} a
 * caller can act on.
 */
final class TransportFailures {

    /** The message prefix of the HandshakeException Scandium creates for a fatal alert from the peer. */
    private static final String RECEIVED_FATAL_ALERT = "Received 'fatal alert";

    private TransportFailures() {}

    /**
     * @param context what was attempted, e.g. {@code handshake with coaps://bs.example:5684}
     */
    static TransportException of(Throwable error, InetSocketAddress peer, String context) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransportException) {
                return (TransportException) cause;
            }
            if (cause instanceof RefusedPeerException) {
                RefusedPeerException refused = (RefusedPeerException) cause;
                return new TransportException(refused.reason(), context + ": " + refused.getMessage(), peer, refused);
            }
            if (cause instanceof DtlsHandshakeTimeoutException) {
                return new TransportException(
                        Reason.TIMEOUT,
                        context + ": the peer stopped answering the handshake (" + cause.getMessage() + ")",
                        peer,
                        cause);
            }
            if (cause instanceof HandshakeException) {
                HandshakeException handshake = (HandshakeException) cause;
                AlertMessage alert = handshake.getAlert();
                String message = String.valueOf(handshake.getMessage());
                if (message.startsWith(RECEIVED_FATAL_ALERT)) {
                    return new TransportException(
                            Reason.REJECTED_BY_PEER,
                            context
                                    + ": the peer refused the handshake with fatal alert "
                                    + (alert == null ? "?" : alert.getDescription()),
                            peer,
                            handshake);
                }
                return new TransportException(
                        Reason.HANDSHAKE_FAILED,
                        context + ": " + message + (alert == null ? "" : " (alert " + alert.getDescription() + ")"),
                        peer,
                        handshake);
            }
            if (cause instanceof IOException) {
                return new TransportException(Reason.IO_ERROR, context + ": " + cause.getMessage(), peer, cause);
            }
        }
        return new TransportException(Reason.HANDSHAKE_FAILED, context + ": " + error, peer, error);
    }

    static <T> CompletableFuture<T> failed(Reason reason, String message, InetSocketAddress peer, Throwable cause) {
        return CompletableFuture.failedFuture(new TransportException(reason, message, peer, cause));
    }
}
