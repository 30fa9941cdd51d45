/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP load balancer on loopback in front of several bootstrap-server nodes, as a NAT-ing proxy: one public
 * address for the clients, and per client a socket of its own towards the nodes, so that the nodes see one
 * stable address per client and their answers find their way back.
 * <p>
 * Records without a DTLS Connection ID (handshakes) of one client always go to the same live node, chosen by
 * the client's address, as real UDP load balancers do. Records that carry a Connection ID (content type 25,
 * {@code tls12_cid}) go to a <em>random</em> live node, datagram by datagram: most of them reach a node that
 * does not hold the session, which must forward them. The node a record belongs to is the first byte of its
 * Connection ID (Scandium's node id), so this balancer counts how many records it delivered to another node.
 */
public final class DtlsLoadBalancer implements AutoCloseable {

    /** DTLS 1.2 content type of a record with a Connection ID (RFC 9146). */
    private static final int TLS12_CID = 25;
    /** Type (1), version (2), epoch (2) and sequence number (6) precede the Connection ID. */
    private static final int CID_OFFSET = 11;

    private final Selector selector;
    private final DatagramChannel front;
    private final List<Node> live = new CopyOnWriteArrayList<>();
    private final Map<SocketAddress, DatagramChannel> clients = new ConcurrentHashMap<>();
    private final Random random = new Random(20261205L);
    private final Thread thread;
    private final AtomicLong cidRecords = new AtomicLong();
    private final AtomicLong cidRecordsToOtherNodes = new AtomicLong();
    private final ByteBuffer buffer = ByteBuffer.allocate(65_536);
    private volatile boolean closed;

    /** A node: its id (the first byte of the Connection IDs it hands out) and its public address. */
    public record Node(int id, InetSocketAddress address) {}

    public DtlsLoadBalancer(List<Node> nodes) {
        live.addAll(nodes);
        try {
            selector = Selector.open();
            front = DatagramChannel.open();
            front.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            front.configureBlocking(false);
            front.register(selector, SelectionKey.OP_READ, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "dtls-load-balancer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The clients' address of the cluster. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) front.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops sending to a node, as a load balancer's health check does when the node is gone. */
    public void remove(int nodeId) {
        live.removeIf(node -> node.id() == nodeId);
    }

    /** Records with a Connection ID that went to the nodes. */
    public long cidRecords() {
        return cidRecords.get();
    }

    /** Of {@link #cidRecords()}, those delivered to a node that did not hand out their Connection ID. */
    public long cidRecordsToOtherNodes() {
        return cidRecordsToOtherNodes.get();
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(200);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid() && key.isReadable()) {
                        if (key.attachment() == null) {
                            fromClients();
                        } else {
                            fromNodes((DatagramChannel) key.channel(), (SocketAddress) key.attachment());
                        }
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                throw new IllegalStateException("load balancer failed", e);
            }
        }
    }

    private void fromClients() throws IOException {
        SocketAddress client;
        while ((client = receive(front)) != null) {
            List<Node> nodes = List.copyOf(live);
            if (nodes.isEmpty()) {
                continue;
            }
            Node target;
            if (buffer.get(0) == TLS12_CID && buffer.limit() > CID_OFFSET) {
                target = nodes.get(random.nextInt(nodes.size()));
                cidRecords.incrementAndGet();
                if ((buffer.get(CID_OFFSET) & 0xff) != target.id()) {
                    cidRecordsToOtherNodes.incrementAndGet();
                }
            } else {
                target = nodes.get(Math.floorMod(client.hashCode(), nodes.size()));
            }
            channelOf(client).send(buffer, target.address());
        }
    }

    private void fromNodes(DatagramChannel channel, SocketAddress client) throws IOException {
        while (receive(channel) != null) {
            front.send(buffer, client);
        }
    }

    /** Reads one datagram into {@link #buffer}, flipped for sending; {@code null} when none is waiting. */
    private SocketAddress receive(DatagramChannel channel) throws IOException {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        buffer.flip();
        return from;
    }

    private DatagramChannel channelOf(SocketAddress client) throws IOException {
        DatagramChannel channel = clients.get(client);
        if (channel == null) {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, client);
            clients.put(client, channel);
        }
        return channel;
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.close();
            front.close();
            List<DatagramChannel> channels = new ArrayList<>(clients.values());
            for (DatagramChannel channel : channels) {
                channel.close();
            }
            thread.join(2_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
