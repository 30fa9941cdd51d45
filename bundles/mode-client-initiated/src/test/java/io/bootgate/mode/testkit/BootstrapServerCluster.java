/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.DtlsClusterNode;
import io.bootgate.api.security.DtlsEndpointFactory;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.store.MvObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * Bootstrap-server nodes on loopback, clustered with Scandium's DTLS Connection ID forwarding, behind one
 * {@link DtlsLoadBalancer}: they share one server key pair and their configs, as a deployment's nodes do: one
 * store object for all, or each node its own store on a shared database. Nodes are numbered from 1; a cluster of
 * one node is a plain single server behind the same balancer.
 */
public final class BootstrapServerCluster implements AutoCloseable {

    private static final byte[] CLUSTER_SECRET =
            "bootgate cluster test secret, 32b".getBytes(StandardCharsets.US_ASCII);

    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final Map<Integer, BootstrapConfigStore> stores = new LinkedHashMap<>();
    private final Map<Integer, EmbeddedBootstrapServer> nodes = new LinkedHashMap<>();
    private final Map<Integer, List<BootstrapSessionEvent.Ended>> endedByNode = new LinkedHashMap<>();
    private final DtlsLoadBalancer balancer;

    /**
     * Starts {@code count} nodes that share one in-memory config store, each on the given DTLS factory (in a
     * deployment each has its own process).
     */
    public BootstrapServerCluster(DtlsEndpointFactory dtls, int count) throws Exception {
        this(dtls, count, shared(new InMemoryBootstrapConfigStore()));
    }

    /**
     * Starts {@code count} nodes, node {@code id} reading the configs of {@code storeOfNode.apply(id)}. A node is
     * told of config changes as a {@link io.bootgate.api.bsserver.BootstrapConfigListener} (OSGi: a whiteboard
     * service); register {@link #node} with a store that announces its changes.
     */
    public BootstrapServerCluster(DtlsEndpointFactory dtls, int count, IntFunction<BootstrapConfigStore> storeOfNode)
            throws Exception {
        Map<Integer, InetSocketAddress> internal = new LinkedHashMap<>();
        for (int id = 1; id <= count; id++) {
            internal.put(id, new InetSocketAddress(InetAddress.getLoopbackAddress(), freeUdpPort()));
        }
        List<DtlsLoadBalancer.Node> published = new ArrayList<>();
        try {
            for (int id = 1; id <= count; id++) {
                Optional<DtlsClusterNode> cluster = count == 1
                        ? Optional.empty()
                        : Optional.of(new DtlsClusterNode(id, internal.get(id), internal, Optional.of(CLUSTER_SECRET)));
                BootstrapConfigStore store = storeOfNode.apply(id);
                stores.put(id, store);
                EmbeddedBootstrapServer node = new EmbeddedBootstrapServer(
                        dtls,
                        store,
                        codecs(),
                        new EmbeddedBootstrapServer.Options(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                                new RpkCredentials(serverKeys),
                                List.of(),
                                Set.of(),
                                new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                                Duration.ofSeconds(10),
                                cluster));
                List<BootstrapSessionEvent.Ended> ended = new CopyOnWriteArrayList<>();
                endedByNode.put(id, ended);
                node.addSessionListener(event -> {
                    if (event instanceof BootstrapSessionEvent.Ended end) {
                        ended.add(end);
                    }
                });
                nodes.put(id, node);
                node.start();
                published.add(new DtlsLoadBalancer.Node(id, node.localAddress()));
            }
        } catch (Exception | Error e) {
            nodes.values().forEach(EmbeddedBootstrapServer::close);
            throw e;
        }
        balancer = new DtlsLoadBalancer(published);
    }

    private static IntFunction<BootstrapConfigStore> shared(BootstrapConfigStore store) {
        return id -> store;
    }

    /** Node {@code id}. */
    public EmbeddedBootstrapServer node(int id) {
        return nodes.get(id);
    }

    /** The config store node {@code id} reads. */
    public BootstrapConfigStore store(int id) {
        return stores.get(id);
    }

    public DtlsLoadBalancer balancer() {
        return balancer;
    }

    /** The sessions each node ended, by node id. */
    public Map<Integer, List<BootstrapSessionEvent.Ended>> endedByNode() {
        return endedByNode;
    }

    /** Kills a node: the balancer stops sending to it, as its health check would, and the node closes. */
    public void kill(int nodeId) {
        balancer.remove(nodeId);
        nodes.get(nodeId).close();
    }

    /**
     * Puts a bootstrap config for each of {@code count} new devices into node 1's store and the device's
     * bootstrap account, towards the balancer, into the gateway's store.
     *
     * @return the devices' endpoint names
     */
    public List<String> provision(MvObjectStore store, String prefix, int count) throws BootstrapConfigException {
        URI uri = URI.create("coaps://127.0.0.1:" + balancer.address().getPort());
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String endpoint = "urn:dev:cluster:" + prefix + ":" + i;
            KeyPair device = TestPki.newKeyPair();
            stores.get(1)
                    .put(BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(device.getPublic()))
                            .deletes(List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1)))
                            .server(ServerAccount.builder(101)
                                    .securityInstanceId(1)
                                    .serverInstanceId(0)
                                    .uri("coaps://127.0.0.1:5784")
                                    .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                                    .publicKeyOrIdentity(device.getPublic().getEncoded())
                                    .serverPublicKey(
                                            TestPki.newKeyPair().getPublic().getEncoded())
                                    .secretKey(device.getPrivate().getEncoded())
                                    .lifetime(120)
                                    .binding("U")
                                    .build())
                            .build());
            Devices.provision(
                    store,
                    endpoint,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.rpkBootstrapAccount(0, uri, device, serverKeys.getPublic()),
                            Devices.device("SN-" + i)));
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    @Override
    public void close() {
        balancer.close();
        nodes.values().forEach(EmbeddedBootstrapServer::close);
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
