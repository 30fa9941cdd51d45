/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scandium session listeners that see every handshake Scandium actually runs.
 */
final class HandshakeTracking {

    private HandshakeTracking() {}

    /**
     * Admits server-side handshakes against a {@link HandshakeLimiter} shared by all server endpoints of a
     * factory, so that at most {@code max} handshakes run at once.
     * <p>
     * Scandium starts a handshake for a ClientHello that carries a valid cookie. When such a ClientHello
     * arrives, a slot is reserved for its sender before Scandium sees the datagram; without a free slot the
     * datagram is dropped and the client retransmits it later (no alert: to the client the server is slow,
     * not refusing). When Scandium starts the handshake, the reservation becomes the handshake's slot, held
     * until the handshake completes or fails. A reservation Scandium never uses (an invalid cookie, a
     * dropped record) expires after {@code reservationTtl}. A handshake started without reservation (an
     * abbreviated resumption without cookie exchange) takes a free slot or fails with internal_error.
     */
    static final class ServerAdmission extends SessionAdapter implements PooledDtlsConnector.HandshakeAdmission {

        private static final Logger LOG = LoggerFactory.getLogger(ServerAdmission.class);
        private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

        private final HandshakeLimiter limiter;
        private final long reservationTtlNanos;
        private final Map<InetSocketAddress, Reservation> reservations = new ConcurrentHashMap<>();
        private final Map<Handshaker, HandshakeLimiter.Permit> running = new ConcurrentHashMap<>();
        private final Set<InetSocketAddress> handshaking = ConcurrentHashMap.newKeySet();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong expired = new AtomicLong();
        private final AtomicLong started = new AtomicLong();
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

        private static final class Reservation {
            final HandshakeLimiter.Permit permit;
            final long createdNanos = System.nanoTime();

            Reservation(HandshakeLimiter.Permit permit) {
                this.permit = permit;
            }
        }

        ServerAdmission(HandshakeLimiter limiter, Duration reservationTtl) {
            this.limiter = limiter;
            this.reservationTtlNanos = reservationTtl.toNanos();
        }

        @Override
        public boolean admit(InetSocketAddress peer, boolean withCookie) {
            if (!withCookie || reservations.containsKey(peer) || handshaking.contains(peer)) {
                // A HelloVerifyRequest costs nothing; a retransmission is covered by the slot it already has.
                return true;
            }
            Optional<HandshakeLimiter.Permit> permit = limiter.tryAcquire();
            if (permit.isEmpty()) {
                dropped(peer);
                return false;
            }
            if (reservations.putIfAbsent(peer, new Reservation(permit.get())) != null) {
                permit.get().release();
            }
            return true;
        }

        @Override
        public void handshakeStarted(Handshaker handshaker) throws HandshakeException {
            InetSocketAddress peer = handshaker.getPeerAddress();
            Reservation reservation = reservations.remove(peer);
            HandshakeLimiter.Permit permit = reservation != null
                    ? reservation.permit
                    : limiter.tryAcquire().orElse(null);
            if (permit == null) {
                throw new HandshakeException(
                        "all " + limiter.max() + " server handshake slots are taken",
                        new AlertMessage(AlertLevel.FATAL, AlertDescription.INTERNAL_ERROR));
            }
            running.put(handshaker, permit);
            handshaking.add(peer);
            started.incrementAndGet();
        }

        @Override
        public void handshakeCompleted(Handshaker handshaker) {
            if (release(handshaker)) {
                completed.incrementAndGet();
            }
        }

        @Override
        public void handshakeFailed(Handshaker handshaker, Throwable error) {
            if (release(handshaker)) {
                failed.incrementAndGet();
            }
        }

        /** @return whether the handshake held a slot (was counted as started), so each ends at most once */
        private boolean release(Handshaker handshaker) {
            HandshakeLimiter.Permit permit = running.remove(handshaker);
            if (permit != null) {
                handshaking.remove(handshaker.getPeerAddress());
                permit.release();
                return true;
            }
            return false;
        }

        /** Frees the slots of reservations no handshake took up in time; run periodically. */
        void expireReservations() {
            long now = System.nanoTime();
            reservations.forEach((peer, reservation) -> {
                if (now - reservation.createdNanos > reservationTtlNanos && reservations.remove(peer, reservation)) {
                    expired.incrementAndGet();
                    reservation.permit.release();
                    LOG.debug("handshake slot reserved for {} expired unused", peer);
                }
            });
        }

        private void dropped(InetSocketAddress peer) {
            long count = dropped.incrementAndGet();
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
                LOG.warn(
                        "all {} server handshake slots taken: ClientHello from {} dropped ({} dropped so far);"
                                + " clients retransmit",
                        limiter.max(),
                        peer,
                        count);
            } else {
                LOG.debug("all server handshake slots taken: ClientHello from {} dropped", peer);
            }
        }

        long droppedClientHellos() {
            return dropped.get();
        }

        long expiredReservations() {
            return expired.get();
        }

        long started() {
            return started.get();
        }

        long completed() {
            return completed.get();
        }

        long failed() {
            return failed.get();
        }

        int runningNow() {
            return running.size();
        }
    }

    /**
     * The session listener of one server endpoint: admission through the shared {@link ServerAdmission}, and a
     * log line for every failed handshake, naming the client and the cause, so that an operator sees why a
     * device cannot bootstrap even when Scandium refused it before any of Bootgate's checks ran (a client
     * that sent no certificate, no common cipher suite).
     */
    static final class ServerSessions extends SessionAdapter {

        private static final Logger LOG = LoggerFactory.getLogger(ServerSessions.class);

        private final EndpointLabel label;
        private final ServerAdmission admission;

        ServerSessions(EndpointLabel label, ServerAdmission admission) {
            this.label = label;
            this.admission = admission;
        }

        @Override
        public void handshakeStarted(Handshaker handshaker) throws HandshakeException {
            admission.handshakeStarted(handshaker);
        }

        @Override
        public void handshakeCompleted(Handshaker handshaker) {
            admission.handshakeCompleted(handshaker);
        }

        @Override
        public void handshakeFailed(Handshaker handshaker, Throwable error) {
            admission.handshakeFailed(handshaker, error);
            if (error instanceof RefusedPeerException || error == null) {
                // Already logged by the PeerCertificateVerifier, with the cause.
                return;
            }
            if (error instanceof HandshakeException) {
                AlertMessage alert = ((HandshakeException) error).getAlert();
                String description = alert == null ? "" : " (alert " + alert.getDescription() + ")";
                if (alert != null && alert.getDescription() == AlertDescription.CLOSE_NOTIFY) {
                    LOG.debug("{}: client {} closed the handshake", label, handshaker.getPeerAddress());
                } else if (String.valueOf(error.getMessage()).startsWith("Received 'fatal alert")) {
                    LOG.warn(
                            "{}: client {} refused the handshake{}: it does not accept this server's credentials"
                                    + " or parameters",
                            label,
                            handshaker.getPeerAddress(),
                            description);
                } else {
                    LOG.warn(
                            "{}: handshake with client {} failed: {}{}",
                            label,
                            handshaker.getPeerAddress(),
                            error.getMessage(),
                            description);
                }
            } else {
                LOG.info(
                        "{}: handshake with client {} ended: {}", label, handshaker.getPeerAddress(), error.toString());
            }
        }
    }

    /** Counts the client handshakes Scandium runs at once, to check the client-side bound holds. */
    static final class Gauge extends SessionAdapter {
        private final Set<Handshaker> running = ConcurrentHashMap.newKeySet();
        private final AtomicInteger peak = new AtomicInteger();

        @Override
        public void handshakeStarted(Handshaker handshaker) {
            if (running.add(handshaker)) {
                peak.accumulateAndGet(running.size(), Math::max);
            }
        }

        @Override
        public void handshakeCompleted(Handshaker handshaker) {
            running.remove(handshaker);
        }

        @Override
        public void handshakeFailed(Handshaker handshaker, Throwable error) {
            running.remove(handshaker);
        }

        int running() {
            return running.size();
        }

        int peak() {
            return peak.get();
        }
    }
}
