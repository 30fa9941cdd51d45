/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import io.bootgate.mode.testkit.TestPki;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * The registration scenario's peer: N Eclipse Leshan 2.0.0-M15 clients (each its own endpoint and threads), already
 * holding their management server account, register with the same Leshan server, all started at once.
 */
final class LeshanClientsRegistration implements AutoCloseable {

    static final String LABEL = "leshan clients registration";

    private final List<LeshanClient> clients = new ArrayList<>();
    private final List<String> endpointNames = new ArrayList<>();
    private List<String> firstFailures = List.of();
    private String note = "";
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Creates {@code devices} clients for {@code server} (key {@code serverKeys}) and lets their keys in. */
    LeshanClientsRegistration(int devices, URI server, KeyPair serverKeys, InMemorySecurityStore security)
            throws Exception {
        for (int i = 0; i < devices; i++) {
            String endpoint = "urn:dev:leshan:reg:" + i;
            KeyPair keys = TestPki.newKeyPair();
            security.add(SecurityInfo.newRawPublicKeyInfo(endpoint, keys.getPublic()));
            ObjectsInitializer initializer = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
            initializer.setInstancesForObject(
                    LwM2mId.SECURITY,
                    Security.rpk(
                            server.toString(),
                            101,
                            keys.getPublic().getEncoded(),
                            keys.getPrivate().getEncoded(),
                            serverKeys.getPublic().getEncoded()));
            initializer.setInstancesForObject(LwM2mId.SERVER, new Server(101, 120));
            initializer.setInstancesForObject(LwM2mId.DEVICE, new Device("Bootgate benchmark", "leshan", endpoint));
            CaliforniumClientEndpointsProvider.Builder endpoints =
                    new CaliforniumClientEndpointsProvider.Builder(new CoapsClientProtocolProvider());
            Configuration configuration = endpoints.createDefaultConfiguration();
            configuration.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 2, TimeUnit.SECONDS);
            endpoints.setConfiguration(configuration);
            endpoints.setClientAddress(InetAddress.getLoopbackAddress());
            LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
            builder.setObjects(initializer.createAll());
            builder.setEndpointsProviders(endpoints.build());
            clients.add(builder.build());
            endpointNames.add(endpoint);
        }
    }

    /** Starts every client at once and measures until each registered or failed. */
    Figures run(long timeoutSeconds) throws Exception {
        Run run = new Run(clients.size(), clients.size());
        long socketsBefore = RegistrationScenario.sockets();
        long heapBefore = RegistrationScenario.heapAfterGc();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < clients.size(); i++) {
            LeshanClient client = clients.get(i);
            String endpoint = endpointNames.get(i);
            AtomicBoolean reported = new AtomicBoolean();
            client.addObserver(new LwM2mClientObserverAdapter() {
                @Override
                public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String id) {
                    if (reported.compareAndSet(false, true)) {
                        run.succeeded(wall);
                    }
                }

                @Override
                public void onRegistrationFailure(
                        LwM2mServer server, RegisterRequest request, ResponseCode code, String message, Exception e) {
                    if (reported.compareAndSet(false, true)) {
                        run.failed(endpoint, code + " " + message + (e == null ? "" : " " + e));
                    }
                }

                @Override
                public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
                    if (reported.compareAndSet(false, true)) {
                        run.failed(endpoint, "registration timeout");
                    }
                }
            });
            run.start(start -> client.start());
        }
        run.await(timeoutSeconds);
        double seconds = (System.nanoTime() - wall) / 1e9;
        double cpuMillis = (os.getProcessCpuTime() - cpu) / 1e6;
        long socketsAfter = RegistrationScenario.sockets();
        double kbPerDevice = (RegistrationScenario.heapAfterGc() - heapBefore) / 1024.0 / Math.max(1, run.successes());
        Figures figures = RegistrationScenario.figures(LABEL, run, seconds, cpuMillis, kbPerDevice);
        firstFailures = run.firstFailures();
        note = String.format(
                java.util.Locale.ROOT,
                "UDP sockets %d before the clients started, %d when all ended, for %d registrations; heap per"
                        + " registered device includes the clients and the Leshan server's registrations",
                socketsBefore,
                socketsAfter,
                run.successes());
        return figures;
    }

    /** The first failures of the run, endpoint and cause. */
    List<String> firstFailures() {
        return firstFailures;
    }

    /** What else the run counted, for a line under its figures. */
    String note() {
        return note;
    }

    /** Destroys the clients, many at once: each destroy mostly waits for its executors to end. */
    @Override
    public void close() {
        ExecutorService destroyers = Executors.newFixedThreadPool(64);
        clients.forEach(client -> destroyers.execute(() -> client.destroy(false)));
        destroyers.shutdown();
        try {
            destroyers.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
