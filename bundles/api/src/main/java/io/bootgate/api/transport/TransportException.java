/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failure of a secure endpoint, with a {@link Reason} callers can branch on (for example to fall back to
 * the next bootstrap mode on {@link Reason#REJECTED_BY_PEER} but retry later on {@link Reason#TIMEOUT}).
 * <p>
 * Asynchronous operations fail their {@link java.util.concurrent.CompletionStage} with this exception,
 * which callers may see wrapped in a {@link CompletionException}; {@link #find(Throwable)} unwraps it.
 */
public class TransportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** The configuration breaks the Bootstrap-interface security policy (PSK, NoSec, coap://). */
        POLICY_VIOLATION,
        /** The peer's key or certificate chain is not trusted by this side. */
        UNTRUSTED_PEER,
        /** The peer's certificate (or one of its chain) is outside its validity period. */
        CERTIFICATE_EXPIRED,
        /** The server's certificate does not carry the expected server name (RFC 6125). */
        SERVER_NAME_MISMATCH,
        /** The peer aborted the handshake with a fatal alert: it does not accept this side's credentials,
         * cipher suites or server name. */
        REJECTED_BY_PEER,
        /** The handshake failed for another reason (no common parameters, protocol error). */
        HANDSHAKE_FAILED,
        /** No handshake completion or response within the configured time. */
        TIMEOUT,
        /** The endpoint was closed, or (server side) there is no session with the peer. */
        CLOSED,
        /** The socket could not be bound or written, or the server address could not be resolved. */
        IO_ERROR,
        /** The peer answered with something this side cannot represent (an unknown response code, RST). */
        PROTOCOL_ERROR
    }

    private final Reason reason;
    private final transient InetSocketAddress peer;

    public TransportException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public TransportException(Reason reason, String message, InetSocketAddress peer, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.peer = peer;
    }

    public Reason reason() {
        return reason;
    }

    /** The remote address involved, when known. */
    public Optional<InetSocketAddress> peer() {
        return Optional.ofNullable(peer);
    }

    /**
     * Finds the transport exception in a failure as seen by a {@code CompletionStage} callback or
     * {@code Future.get()}, looking through {@link CompletionException} / {@link ExecutionException} wrappers.
     */
    public static Optional<TransportException> find(Throwable failure) {
        Throwable current = failure;
        while (current != null) {
            if (current instanceof TransportException) {
                return Optional.of((TransportException) current);
            }
            if (!(current instanceof CompletionException) && !(current instanceof ExecutionException)) {
                return Optional.empty();
            }
            current = current.getCause();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + reason + "]: " + getMessage();
    }
}
