/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A datagram relay on loopback that stands between DTLS clients and a server and damages the traffic as a
 * bad radio link does: it drops, duplicates and reorders datagrams in both directions, decided by a seeded
 * random so that a failing run can be replayed.
 * <p>
 * Clients send to {@link #address()}; every client gets its own upstream socket, so that the server sees one
 * peer address per client, as it would without the relay. A reordered datagram is held back for a few
 * milliseconds, so that datagrams sent after it overtake it.
 */
public final class LossyUdpProxy implements AutoCloseable {

    /** How the link misbehaves; each share is a probability per datagram and direction. */
    public record Faults(double loss, double duplication, double reordering) {
        public static Faults loss(double loss) {
            return new Faults(loss, 0, 0);
        }
    }

    private static final int MAX_DATAGRAM = 65_535;
    private static final int MAX_HOLD_MS = 40;

    private final InetSocketAddress server;
    private final Faults faults;
    private final Random random;
    private final DatagramSocket front;
    private final Map<SocketAddress, DatagramSocket> upstreams = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor delayed = new ScheduledThreadPoolExecutor(1);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean open = true;
    private volatile boolean cut;

    public LossyUdpProxy(InetSocketAddress server, Faults faults, long seed) {
        this.server = server;
        this.faults = faults;
        this.random = new Random(seed);
        try {
            this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind the proxy's socket on loopback", e);
        }
        Thread frontReader = new Thread(this::relayFromClients, "lossy-proxy-front");
        frontReader.setDaemon(true);
        frontReader.start();
    }

    /** Where clients send to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** Datagrams dropped, duplicated, held back and relayed so far (both directions). */
    public String statistics() {
        return "relayed=" + relayed + " dropped=" + dropped + " duplicated=" + duplicated + " reordered=" + reordered;
    }

    /** Cuts the link (every datagram is dropped from now on) or restores it. */
    public void cut(boolean cut) {
        this.cut = cut;
    }

    public long dropped() {
        return dropped.get();
    }

    private void relayFromClients() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (open) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                front.receive(packet);
            } catch (IOException e) {
                // Closing the proxy closes the socket; anything else ends the relay as a dead link would.
                return;
            }
            SocketAddress client = packet.getSocketAddress();
            DatagramSocket upstream = upstreams.computeIfAbsent(client, this::openUpstream);
            forward(upstream, Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength()), server);
        }
    }

    private DatagramSocket openUpstream(SocketAddress client) {
        try {
            DatagramSocket upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread reader = new Thread(() -> relayFromServer(upstream, client), "lossy-proxy-back-" + client);
            reader.setDaemon(true);
            reader.start();
            return upstream;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind an upstream socket for " + client, e);
        }
    }

    private void relayFromServer(DatagramSocket upstream, SocketAddress client) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (open) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                upstream.receive(packet);
            } catch (IOException e) {
                return;
            }
            forward(front, Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getLength()), client);
        }
    }

    private void forward(DatagramSocket socket, byte[] datagram, SocketAddress target) {
        double lossDraw;
        double duplicateDraw;
        double reorderDraw;
        int hold;
        synchronized (random) {
            lossDraw = random.nextDouble();
            duplicateDraw = random.nextDouble();
            reorderDraw = random.nextDouble();
            hold = 1 + random.nextInt(MAX_HOLD_MS);
        }
        if (cut || lossDraw < faults.loss()) {
            dropped.incrementAndGet();
            return;
        }
        if (reorderDraw < faults.reordering()) {
            reordered.incrementAndGet();
            delayed.schedule(() -> send(socket, datagram, target), hold, TimeUnit.MILLISECONDS);
        } else {
            send(socket, datagram, target);
        }
        if (duplicateDraw < faults.duplication()) {
            duplicated.incrementAndGet();
            delayed.schedule(() -> send(socket, datagram, target), hold, TimeUnit.MILLISECONDS);
        }
    }

    private void send(DatagramSocket socket, byte[] datagram, SocketAddress target) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, target));
            relayed.incrementAndGet();
        } catch (IOException e) {
            // A datagram that cannot be sent is lost, which is what this relay simulates anyway.
            dropped.incrementAndGet();
        }
    }

    @Override
    public void close() {
        open = false;
        delayed.shutdownNow();
        front.close();
        upstreams.values().forEach(DatagramSocket::close);
    }
}
