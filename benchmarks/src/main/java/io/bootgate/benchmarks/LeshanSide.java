/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import io.bootgate.mode.testkit.TestPki;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.resource.SimpleInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerSecurity;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapSecurityStoreAdapter;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * Eclipse Leshan 2.0.0-M15 doing the same work: its bootstrap server (CoAPS, Raw Public Key) and one Leshan client
 * per device (each with its own CoAPS endpoint, as Leshan's client has no shared transport), all in this JVM. Each
 * client gets the same configuration as Bootgate's devices: delete {@code /0/1} and {@code /1}, write one
 * management server account (Short Server ID 101). That server is a bound UDP socket that never answers, so the
 * clients' registration attempts after their bootstrap cost a few datagrams and no handshake CPU.
 */
final class LeshanSide implements Side {

    private final KeyPair serverKeys = TestPki.newKeyPair();
    private final InMemorySecurityStore securityStore = new InMemorySecurityStore();
    private final InMemoryBootstrapConfigStore configStore = new InMemoryBootstrapConfigStore();
    private final LeshanBootstrapServer server;
    private final URI uri;
    private final DatagramSocket silentManagementServer;
    private final Map<String, LeshanClient> clients = new ConcurrentHashMap<>();

    LeshanSide() throws Exception {
        silentManagementServer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setPublicKey(serverKeys.getPublic());
        builder.setPrivateKey(serverKeys.getPrivate());
        builder.setSecurityStore(new BootstrapSecurityStoreAdapter(securityStore));
        builder.setConfigStore(configStore);
        builder.setEndpointsProviders(
                new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapsBootstrapServerProtocolProvider())
                        .addEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Protocol.COAPS)
                        .build());
        server = builder.build();
        server.start();
        uri = server.getEndpoint(Protocol.COAPS).getURI();
    }

    @Override
    public List<String> provision(String prefix, int count) throws Exception {
        String managementServer = "coap://127.0.0.1:" + silentManagementServer.getLocalPort();
        List<String> endpoints = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String endpoint = "urn:dev:leshan:" + prefix + ":" + i;
            KeyPair keys = TestPki.newKeyPair();
            securityStore.add(SecurityInfo.newRawPublicKeyInfo(endpoint, keys.getPublic()));
            BootstrapConfig config = new BootstrapConfig();
            config.toDelete = List.of("/0/1", "/1");
            ServerSecurity security = new ServerSecurity();
            security.uri = managementServer;
            security.bootstrapServer = false;
            security.securityMode = org.eclipse.leshan.core.SecurityMode.NO_SEC;
            security.serverId = 101;
            config.security.put(1, security);
            ServerConfig account = new ServerConfig();
            account.shortId = 101;
            account.lifetime = 120;
            account.binding = EnumSet.of(BindingMode.U);
            config.servers.put(0, account);
            configStore.add(endpoint, config);
            clients.put(endpoint, newClient(endpoint, keys));
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    @Override
    public void bootstrap(List<String> endpoints, Run run) throws InterruptedException {
        for (String endpoint : endpoints) {
            LeshanClient client = clients.get(endpoint);
            run.start(start -> {
                AtomicBoolean reported = new AtomicBoolean();
                client.addObserver(new LwM2mClientObserverAdapter() {
                    @Override
                    public void onBootstrapSuccess(LwM2mServer bsserver, BootstrapRequest request) {
                        if (reported.compareAndSet(false, true)) {
                            run.succeeded(start);
                        }
                    }

                    @Override
                    public void onBootstrapFailure(
                            LwM2mServer bsserver,
                            BootstrapRequest request,
                            org.eclipse.leshan.core.ResponseCode code,
                            String message,
                            Exception cause) {
                        if (reported.compareAndSet(false, true)) {
                            run.failed(endpoint, code + " " + message + (cause == null ? "" : " " + cause));
                        }
                    }

                    @Override
                    public void onBootstrapTimeout(LwM2mServer bsserver, BootstrapRequest request) {
                        if (reported.compareAndSet(false, true)) {
                            run.failed(endpoint, "bootstrap timeout");
                        }
                    }
                });
                client.start();
            });
        }
    }

    private LeshanClient newClient(String endpoint, KeyPair keys) {
        ObjectsInitializer initializer = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        initializer.setInstancesForObject(
                LwM2mId.SECURITY,
                Security.rpkBootstrap(
                        uri.toString(),
                        keys.getPublic().getEncoded(),
                        keys.getPrivate().getEncoded(),
                        serverKeys.getPublic().getEncoded()));
        initializer.setClassForObject(LwM2mId.SERVER, Server.class);
        initializer.setClassForObject(LwM2mId.ACCESS_CONTROL, SimpleInstanceEnabler.class);
        initializer.setInstancesForObject(LwM2mId.DEVICE, new Device("Bootgate benchmark", "leshan", endpoint));

        CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(
                new CoapsClientProtocolProvider(), new CoapClientProtocolProvider());
        Configuration configuration = endpoints.createDefaultConfiguration();
        configuration.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 2, TimeUnit.SECONDS);
        endpoints.setConfiguration(configuration);
        endpoints.setClientAddress(InetAddress.getLoopbackAddress());

        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
        engine.setBootstrapSessionTimeoutInSec(247);
        // After its bootstrap the client registers with the silent server; its retries stay out of the run.
        engine.setRetryWaitingTimeInMs(3_600_000);

        LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
        builder.setObjects(initializer.createAll());
        builder.setEndpointsProviders(endpoints.build());
        builder.setRegistrationEngineFactory(engine);
        return builder.build();
    }

    @Override
    public void close() {
        // Each client's destroy waits for its executors to end gracefully: mostly waiting, so many at once.
        ExecutorService destroyers = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "leshan-destroy");
            thread.setDaemon(true);
            return thread;
        });
        clients.values().forEach(client -> destroyers.execute(() -> client.destroy(false)));
        destroyers.shutdown();
        try {
            destroyers.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.destroy();
        silentManagementServer.close();
    }
}
