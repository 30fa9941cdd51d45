/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An observation a peer holds on a resource of this endpoint (RFC 7641): created by the transport for a GET
 * (or FETCH) with Observe = 0 and handed to
 * {@link CoapRequestHandler#observe(PeerIdentity, CoapRequest, ObserveRelation)}.
 * <p>
 * Life cycle: the relation is <em>pending</em> until the handler's first response is sent. A success
 * response establishes it (the transport adds the Observe option); an error response, or a
 * {@link #cancel()} before the response, declines it and the response goes out as a plain one.
 * Once established, each {@link #notify(CoapResponse, boolean)} sends a notification, numbered by the
 * transport in call order. A relation ends, exactly once, when the handler cancels it, the peer rejects a
 * notification with RST, the peer sends a GET with Observe = 1 for it, a confirmable notification is never
 * acknowledged, an error notification is sent, the peer registers again with the same token, or the
 * endpoint closes; {@link #cancelled()} completes with the {@link CancelReason}.
 * <p>
 * Thread rules: every method is thread-safe, never blocks and may be called from any thread, including
 * from a handler running on the transport's shared threads. Callbacks on {@link #cancelled()} run on the
 * transport's shared threads: they must not block either.
 *
 * @since 1.2
 */
@ProviderType
public interface ObserveRelation {

    /** Why a relation ended. */
    enum CancelReason {
        /** The handler declined the observation or {@link ObserveRelation#cancel() cancelled} it. */
        CANCELLED_BY_HANDLER,
        /** The peer answered a notification with RST (RFC 7641 §3.6, reactive cancellation). */
        RESET_BY_PEER,
        /** The peer sent a GET with Observe = 1 for this relation (RFC 7641 §3.6, proactive cancellation). */
        DEREGISTERED_BY_PEER,
        /** The peer registered again with the same token; the new relation replaces this one. */
        REPLACED,
        /**
         * A confirmable notification was never acknowledged or could not be sent, or an error notification
         * ended the relation (RFC 7641 §3.2).
         */
        NOTIFICATION_FAILED,
        /** The endpoint was closed. */
        ENDPOINT_CLOSED
    }

    /** The peer holding the observation. */
    PeerIdentity peer();

    /** The request that registered the observation (its path, query, Accept). */
    CoapRequest request();

    /**
     * Sends a notification; the transport sets its Observe sequence number. Notifications of one relation go
     * out in call order; while a confirmable one awaits its acknowledgement a newer one may replace an older
     * one still queued (RFC 7641 §4.5: only the freshest state matters). Calls made while the relation is
     * still pending are sent after the first response. An error response ends the relation
     * ({@link CancelReason#NOTIFICATION_FAILED}).
     *
     * @param notification the current state of the resource
     * @param confirmable {@code true} for a CON notification (acknowledged by the peer), {@code false} for NON
     * @return {@code false} when the relation has ended (nothing is sent)
     */
    boolean notify(CoapResponse notification, boolean confirmable);

    /**
     * Ends the relation from this side (no message is sent: the peer notices at its next re-registration,
     * or an error notification can be sent first). Idempotent.
     */
    void cancel();

    /** Whether the relation has ended. */
    boolean isCancelled();

    /** Completes once, with the reason, when the relation ends; never completes exceptionally. */
    CompletionStage<CancelReason> cancelled();
}
