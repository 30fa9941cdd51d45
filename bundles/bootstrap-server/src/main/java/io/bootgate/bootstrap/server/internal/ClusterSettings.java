/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.security.DtlsClusterNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster part of {@link BootstrapServerConfiguration}, read into a {@link DtlsClusterNode}; every mistake
 * is refused with the property and the value named, so a node never starts half-configured.
 */
final class ClusterSettings {

    private static final String PID = BootstrapServerConfiguration.PID;

    private ClusterSettings() {}

    /** Empty when {@code clusterNodeId} is -1 (a single server). */
    static Optional<DtlsClusterNode> node(BootstrapServerConfiguration configuration) throws IOException {
        return node(
                configuration.clusterNodeId(),
                configuration.clusterNodes(),
                configuration.clusterInternalAddress(),
                configuration.clusterSecretFile());
    }

    static Optional<DtlsClusterNode> node(int nodeId, String[] clusterNodes, String internal, String secretFile)
            throws IOException {
        if (nodeId == -1) {
            return Optional.empty();
        }
        if (nodeId < 0 || nodeId > 255) {
            throw new IllegalArgumentException(
                    PID + ": clusterNodeId must be -1 (no cluster) or 0..255, not " + nodeId);
        }
        Map<Integer, InetSocketAddress> nodes = nodes(clusterNodes);
        if (!nodes.containsKey(nodeId)) {
            throw new IllegalArgumentException(PID + ": clusterNodes " + nodes.keySet() + " do not list this node's id "
                    + nodeId + " (clusterNodeId)");
        }
        InetSocketAddress internalAddress =
                internal.isBlank() ? nodes.get(nodeId) : address(internal.strip(), "clusterInternalAddress");
        return Optional.of(new DtlsClusterNode(nodeId, internalAddress, nodes, secret(secretFile)));
    }

    /** {@code id=host:port} entries; a .cfg file gives them as one comma-separated string. */
    static Map<Integer, InetSocketAddress> nodes(String[] configured) {
        Map<Integer, InetSocketAddress> nodes = new LinkedHashMap<>();
        Arrays.stream(configured)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .forEach(entry -> {
                    int equals = entry.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException(
                                PID + ": clusterNodes entry '" + entry + "' is not id=host:port");
                    }
                    int id;
                    try {
                        id = Integer.parseInt(entry.substring(0, equals).strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                PID + ": clusterNodes entry '" + entry + "' has no numeric node id", e);
                    }
                    if (id < 0 || id > 255) {
                        throw new IllegalArgumentException(
                                PID + ": clusterNodes entry '" + entry + "': node id must be 0..255");
                    }
                    InetSocketAddress address =
                            address(entry.substring(equals + 1).strip(), "clusterNodes");
                    if (nodes.putIfAbsent(id, address) != null) {
                        throw new IllegalArgumentException(
                                PID + ": clusterNodes lists node id " + id + " twice ('" + entry + "')");
                    }
                });
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(PID + ": clusterNodeId is set but clusterNodes is empty");
        }
        return nodes;
    }

    /** {@code host:port}, or {@code [v6]:port}; resolved now, so a typo fails at start and not at first use. */
    static InetSocketAddress address(String text, String property) {
        int colon = text.lastIndexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException(PID + ": " + property + " '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PID + ": " + property + " '" + text + "' has no numeric port", e);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PID + ": " + property + " '" + text + "': port must be 1..65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(PID + ": " + property + " '" + text + "': unknown host " + host);
        }
        return address;
    }

    private static Optional<byte[]> secret(String secretFile) throws IOException {
        String file = secretFile.strip();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(PID + ": clusterSecretFile " + path + " does not exist");
        }
        byte[] secret = Files.readAllBytes(path);
        if (secret.length < DtlsClusterNode.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(PID + ": clusterSecretFile " + path + " holds " + secret.length
                    + " bytes; the cluster secret needs at least " + DtlsClusterNode.MIN_SECRET_LENGTH);
        }
        return Optional.of(secret);
    }
}
