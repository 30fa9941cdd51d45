/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.DtlsClusterNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.californium.scandium.DtlsClusterConnector;
import org.eclipse.californium.scandium.config.DtlsClusterConnectorConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bootstrap-server node of a cluster: Scandium's {@link DtlsClusterConnector}, which forwards a record whose
 * Connection ID names another node to that node's internal address, and sends that node's answers back out
 * through the node the client's records reach (so the client always hears the address it talks to).
 * <p>
 * Unlike {@link PooledDtlsConnector} it reads its sockets with its own receiver threads (Scandium's cluster
 * connector owns the internal socket's receiver): one node is one server endpoint per process, so a few threads
 * more are no cost. Handshake admission works as on a single server.
 * <p>
 * With a cluster secret, every forwarded or backwarded datagram carries an HMAC-SHA256 (truncated to Scandium's
 * cluster MAC slot) over its header, which names the client's address, and the record: a datagram on the
 * internal network that no node sent is dropped. Scandium's own MAC needs its managed cluster's DTLS sessions
 * between nodes, which a static node list does not have; a secret shared through the configuration does the
 * same job here.
 */
final class ClusterNodeDtlsConnector extends DtlsClusterConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeDtlsConnector.class);
    private static final String MAC_ALGORITHM = "HmacSHA256";
    /** The MAC slot Scandium reserves in the cluster header, for tests that build internal datagrams. */
    static final int MAC_LENGTH = CLUSTER_MAC_LENGTH;

    private final PooledDtlsConnector.HandshakeAdmission admission;
    /** One Mac per thread (a Mac is not thread safe); {@code null} without a cluster secret. */
    private final ThreadLocal<Mac> macs;

    private final AtomicLong refusedInternalDatagrams = new AtomicLong();
    private final AtomicLong acceptedInternalDatagrams = new AtomicLong();

    ClusterNodeDtlsConnector(
            DtlsConnectorConfig config,
            DtlsClusterNode node,
            ScheduledExecutorService executor,
            PooledDtlsConnector.HandshakeAdmission admission) {
        super(config, clusterConfig(node), new StaticNodes(node.nodes()));
        this.admission = admission;
        this.macs = node.secret().map(ClusterNodeDtlsConnector::macs).orElse(null);
        setExecutor(executor);
    }

    private static DtlsClusterConnectorConfig clusterConfig(DtlsClusterNode node) {
        return DtlsClusterConnectorConfig.builder()
                .setAddress(node.internalAddress())
                .build();
    }

    private static ThreadLocal<Mac> macs(byte[] secret) {
        SecretKey key = new SecretKeySpec(secret, MAC_ALGORITHM);
        Arrays.fill(secret, (byte) 0);
        newMac(key); // fails here, at configuration time, when the JVM lacks the algorithm
        return ThreadLocal.withInitial(() -> newMac(key));
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cluster MAC " + MAC_ALGORITHM + " unavailable: " + e.getMessage(), e);
        }
    }

    /** Datagrams on the internal network dropped because their MAC was wrong or missing. */
    long refusedInternalDatagrams() {
        return refusedInternalDatagrams.get();
    }

    /** Datagrams from the other nodes (forwarded or backwarded records) handed on to Scandium. */
    long acceptedInternalDatagrams() {
        return acceptedInternalDatagrams.get();
    }

    @Override
    protected int getClusterMacLength() {
        return macs == null ? 0 : CLUSTER_MAC_LENGTH;
    }

    @Override
    protected void sendDatagramToClusterNetwork(DatagramPacket clusterPacket) throws IOException {
        if (macs != null) {
            byte[] mac = clusterMac(clusterPacket);
            System.arraycopy(mac, 0, clusterPacket.getData(), macOffset(clusterPacket), CLUSTER_MAC_LENGTH);
        }
        super.sendDatagramToClusterNetwork(clusterPacket);
    }

    @Override
    protected void processDatagramFromClusterNetwork(Byte type, DatagramPacket clusterPacket) throws IOException {
        if (macs != null) {
            int macOffset = macOffset(clusterPacket);
            byte[] received = Arrays.copyOfRange(clusterPacket.getData(), macOffset, macOffset + CLUSTER_MAC_LENGTH);
            if (!MessageDigest.isEqual(received, clusterMac(clusterPacket))) {
                if (refusedInternalDatagrams.getAndIncrement() % 1000 == 0) {
                    LOG.warn(
                            "cluster node {}: internal datagram from {} refused, wrong cluster MAC (a node with"
                                    + " another cluster secret, or someone else on the internal network); {} so far",
                            getNodeID(),
                            clusterPacket.getSocketAddress(),
                            refusedInternalDatagrams.get());
                }
                return;
            }
        }
        acceptedInternalDatagrams.incrementAndGet();
        super.processDatagramFromClusterNetwork(type, clusterPacket);
    }

    /** Where the MAC slot starts: after the type, port, address length and address of the cluster header. */
    private static int macOffset(DatagramPacket clusterPacket) {
        byte[] data = clusterPacket.getData();
        int offset = clusterPacket.getOffset();
        return offset + CLUSTER_ADDRESS_OFFSET + (data[offset + CLUSTER_ADDRESS_LENGTH_OFFSET] & 0xff);
    }

    /** HMAC over the whole datagram but its MAC slot, truncated to the slot. */
    private byte[] clusterMac(DatagramPacket clusterPacket) {
        byte[] data = clusterPacket.getData();
        int offset = clusterPacket.getOffset();
        int macOffset = macOffset(clusterPacket);
        int afterMac = macOffset + CLUSTER_MAC_LENGTH;
        int end = offset + clusterPacket.getLength();
        Mac mac = macs.get();
        mac.update(data, offset, macOffset - offset);
        if (end > afterMac) {
            mac.update(data, afterMac, end - afterMac);
        }
        return Arrays.copyOf(mac.doFinal(), CLUSTER_MAC_LENGTH);
    }

    @Override
    protected void processDatagram(DatagramPacket packet, InetSocketAddress router) {
        // Only datagrams from the clients' network (router == null) start handshakes; a forwarded datagram
        // carries a Connection ID, so it is never a ClientHello.
        if (router == null
                && PooledDtlsConnector.isClientHello(packet)
                && !admission.admit(
                        (InetSocketAddress) packet.getSocketAddress(), PooledDtlsConnector.hasCookie(packet))) {
            return;
        }
        super.processDatagram(packet, router);
    }

    /** The node list of the configuration: a node is available when it is listed. */
    private static final class StaticNodes implements ClusterNodesProvider {
        private final Map<Integer, InetSocketAddress> nodes;
        private final Set<InetSocketAddress> addresses;

        StaticNodes(Map<Integer, InetSocketAddress> nodes) {
            this.nodes = Map.copyOf(nodes);
            this.addresses = nodes.values().stream().collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public InetSocketAddress getClusterNode(int nodeId) {
            return nodes.get(nodeId);
        }

        @Override
        public boolean available(InetSocketAddress destinationConnector) {
            return addresses.contains(destinationConnector);
        }
    }
}
