/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.elements.util.DatagramWriter;
import org.eclipse.californium.elements.util.SerializationUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.ResumptionSupportingConnectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Scandium DTLSConnector without threads of its own.
 * <p>
 * Stock Scandium 3.x starts, per connector, {@code DTLS_RECEIVER_THREAD_COUNT} blocking receiver threads,
 * plus a timer and a worker pool unless an executor is given. Here the executor is the factory's shared
 * {@link ScheduledExecutorService} (also used as the timer, as DTLSConnector does with a scheduled
 * executor), the receiver thread count is 0, and the socket is a non-blocking {@link DatagramChannel} read
 * by the factory's {@link DatagramReceiverPool}. Sending goes through the channel as well.
 * <p>
 * On a server, a {@link HandshakeAdmission} may refuse to start new handshakes: the ClientHello is dropped
 * before Scandium parses it, and the client retransmits it after its timeout.
 */
final class PooledDtlsConnector extends DTLSConnector {

    private static final Logger LOG = LoggerFactory.getLogger(PooledDtlsConnector.class);

    /** DTLS record header: type 22 = handshake; the handshake message type follows the 13-byte header. */
    private static final int CONTENT_TYPE_HANDSHAKE = 22;

    private static final int RECORD_HEADER_LENGTH = 13;
    private static final int HANDSHAKE_TYPE_CLIENT_HELLO = 1;

    /** Decides, for a server, whether a ClientHello may go on to Scandium. */
    interface HandshakeAdmission {
        /**
         * @param peer the sender
         * @param withCookie whether the ClientHello carries a cookie, i.e. would start a handshake (one without
         *            is answered statelessly with a HelloVerifyRequest)
         * @return {@code false} to drop the datagram
         */
        boolean admit(InetSocketAddress peer, boolean withCookie);
    }

    private final DatagramReceiverPool receivers;
    private final HandshakeAdmission admission;
    /** Scandium's store of this connector's connections, kept to read one connection's state. */
    private final ResumptionSupportingConnectionStore connections;

    private volatile DatagramChannel channel;
    private volatile DatagramReceiverPool.Registration registration;

    /**
     * @param admission {@code null} for clients (their handshakes are admitted before they start)
     */
    PooledDtlsConnector(
            DtlsConnectorConfig config,
            ScheduledExecutorService executor,
            DatagramReceiverPool receivers,
            HandshakeAdmission admission) {
        this(config, createConnectionStore(config), executor, receivers, admission);
    }

    private PooledDtlsConnector(
            DtlsConnectorConfig config,
            ResumptionSupportingConnectionStore connections,
            ScheduledExecutorService executor,
            DatagramReceiverPool receivers,
            HandshakeAdmission admission) {
        super(config, connections);
        this.connections = connections;
        if (config.get(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT) != 0) {
            throw new IllegalArgumentException("a pooled connector must not start receiver threads");
        }
        this.receivers = receivers;
        this.admission = admission;
        setExecutor(executor);
    }

    @Override
    protected void start(InetSocketAddress bindAddress) throws IOException {
        if (isRunning()) {
            return;
        }
        DatagramChannel opened = DatagramChannel.open(family(bindAddress));
        boolean started = false;
        try {
            // init() configures and binds the channel's socket and starts the connector (with 0 receivers).
            init(bindAddress, opened.socket(), null);
            opened.configureBlocking(false);
            channel = opened;
            registration = receivers.register(opened, this::processDatagram);
            started = true;
        } finally {
            if (!started) {
                channel = null;
                if (isRunning()) {
                    super.stop();
                }
                opened.close();
            }
        }
    }

    @Override
    public void stop() {
        DatagramReceiverPool.Registration registered = registration;
        registration = null;
        // Closes the socket, and with it the channel.
        super.stop();
        channel = null;
        if (registered != null) {
            registered.cancel();
        }
    }

    @Override
    protected void processDatagram(DatagramPacket packet, InetSocketAddress router) {
        if (admission != null
                && isClientHello(packet)
                && !admission.admit((InetSocketAddress) packet.getSocketAddress(), hasCookie(packet))) {
            return;
        }
        super.processDatagram(packet, router);
    }

    @Override
    protected void sendNextDatagramOverNetwork(DatagramPacket packet) throws IOException {
        DatagramChannel current = channel;
        if (current == null || !current.isOpen()) {
            throw new IOException("DTLS connector " + getAddress() + " is closed");
        }
        if (packet.getPort() == 0) {
            throw new IOException("datagram to " + packet.getSocketAddress() + " dropped: destination port 0");
        }
        int sent = current.send(
                ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength()), packet.getSocketAddress());
        if (sent == 0) {
            // A full send buffer on a non-blocking socket: UDP may lose datagrams anyway, and DTLS and CoAP
            // retransmit what matters.
            LOG.debug(
                    "send buffer of {} full: {} bytes to {} dropped",
                    getAddress(),
                    packet.getLength(),
                    packet.getSocketAddress());
        }
    }

    /**
     * The state of the established connection with a peer (session, keys), in the form {@link #loadConnections}
     * reads, written on the connection's own serial executor so that no record processing runs meanwhile. The
     * stream holds session secrets: keep it in memory.
     *
     * @return completes empty when there is no established connection with the peer
     */
    CompletableFuture<Optional<byte[]>> establishedState(InetSocketAddress peer) {
        Connection connection = connections.get(peer);
        if (connection == null || !connection.hasEstablishedDtlsContext() || connection.getExecutor() == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<byte[]>> state = new CompletableFuture<>();
        try {
            connection.getExecutor().execute(() -> {
                try {
                    DatagramWriter writer = new DatagramWriter(512);
                    if (!connection.writeTo(writer)) {
                        state.complete(Optional.empty());
                        return;
                    }
                    SerializationUtil.writeNoItem(writer);
                    state.complete(Optional.of(writer.toByteArray()));
                } catch (RuntimeException e) {
                    state.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The connector stopped meanwhile.
            state.complete(Optional.empty());
        }
        return state;
    }

    /** A DTLS 1.2 record of epoch 0 carrying the start of a ClientHello. */
    static boolean isClientHello(DatagramPacket packet) {
        byte[] data = packet.getData();
        int offset = packet.getOffset();
        return packet.getLength() > RECORD_HEADER_LENGTH
                && data[offset] == CONTENT_TYPE_HANDSHAKE
                && data[offset + 3] == 0
                && data[offset + 4] == 0
                && data[offset + RECORD_HEADER_LENGTH] == HANDSHAKE_TYPE_CLIENT_HELLO;
    }

    /** The family of the bind address: "::" (Java's default wildcard) gives a dual-stack IPv6 socket. */
    /**
     * Whether a ClientHello (see {@link #isClientHello}) carries a cookie. Layout after the 13-byte record
     * and 12-byte handshake headers: version (2), random (32), session id (length byte + id), cookie
     * (length byte + cookie). A fragment that does not reach the cookie counts as carrying one, so that it
     * is admitted like any handshake-starting ClientHello.
     */
    static boolean hasCookie(DatagramPacket packet) {
        byte[] data = packet.getData();
        int offset = packet.getOffset();
        int end = offset + packet.getLength();
        int sessionIdLength = offset + RECORD_HEADER_LENGTH + 12 + 34;
        if (sessionIdLength >= end) {
            return true;
        }
        int cookieLength = sessionIdLength + 1 + (data[sessionIdLength] & 0xFF);
        if (cookieLength >= end) {
            return true;
        }
        return data[cookieLength] != 0;
    }

    private static ProtocolFamily family(InetSocketAddress bindAddress) {
        return bindAddress.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
    }
}
