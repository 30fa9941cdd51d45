/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This bootstrap-server node's place in a cluster of nodes behind one UDP address (a load balancer), as
 * Scandium's DTLS Connection ID cluster support needs it: every DTLS Connection ID this node hands out starts
 * with its {@link #nodeId()}, so a record that the load balancer delivers to another node is forwarded, over
 * the nodes' internal addresses, to the node that holds the session.
 * <p>
 * Handshake records carry no Connection ID: the load balancer must send one client's handshake to one node
 * (by source address, as common UDP load balancers do). After the handshake, any node may receive the
 * client's records, e.g. after its NAT mapping changed.
 *
 * @param nodeId this node's id, 0..255, unique in the cluster
 * @param internalAddress where this node receives records forwarded by the other nodes; reachable by them
 *            only (a private network)
 * @param nodes the internal addresses of all nodes by id, this one included
 * @param secret a secret shared by all nodes, at least 16 bytes, that authenticates forwarded records (an
 *            HMAC per record); empty to forward unauthenticated records, only acceptable on a network no one
 *            else can send to
 * @since 1.3
 */
public record DtlsClusterNode(
        int nodeId, InetSocketAddress internalAddress, Map<Integer, InetSocketAddress> nodes, Optional<byte[]> secret) {

    /** The shortest accepted {@link #secret}: 128 bits. */
    public static final int MIN_SECRET_LENGTH = 16;

    public DtlsClusterNode {
        if (nodeId < 0 || nodeId > 255) {
            throw new IllegalArgumentException("cluster node id must be 0..255, not " + nodeId);
        }
        Objects.requireNonNull(internalAddress, "internalAddress");
        nodes = Map.copyOf(new TreeMap<>(Objects.requireNonNull(nodes, "nodes")));
        for (Map.Entry<Integer, InetSocketAddress> node : nodes.entrySet()) {
            if (node.getKey() < 0 || node.getKey() > 255) {
                throw new IllegalArgumentException("cluster node id must be 0..255, not " + node.getKey());
            }
        }
        // The node's own entry is what the others send to; its internal address may be a wildcard bind.
        if (!nodes.containsKey(nodeId)) {
            throw new IllegalArgumentException("the cluster's node list " + nodes + " lacks this node, id " + nodeId);
        }
        Objects.requireNonNull(secret, "secret");
        secret = secret.map(bytes -> bytes.clone());
        if (secret.isPresent() && secret.get().length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("the cluster secret must have at least " + MIN_SECRET_LENGTH
                    + " bytes, not " + secret.get().length);
        }
    }

    /** A copy of the secret: the record's own array is never handed out. */
    @Override
    public Optional<byte[]> secret() {
        return secret.map(bytes -> bytes.clone());
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "DtlsClusterNode[nodeId=" + nodeId + ", internalAddress=" + internalAddress + ", nodes=" + nodes
                + ", secret=" + (secret.isPresent() ? "set" : "none") + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsClusterNode that
                && nodeId == that.nodeId
                && internalAddress.equals(that.internalAddress)
                && nodes.equals(that.nodes)
                && secret.isPresent() == that.secret.isPresent()
                && (secret.isEmpty() || Arrays.equals(secret.get(), that.secret.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeId, internalAddress, nodes);
    }
}
