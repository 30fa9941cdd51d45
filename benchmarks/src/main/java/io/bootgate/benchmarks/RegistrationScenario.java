/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.registration.RegistrationEvent;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import io.bootgate.registration.internal.RegistrationManager;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Stream;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.server.security.SecurityInfo;

/**
 * The {@code registration} scenario: N devices bootstrapped by Bootgate (the Bootgate side, whose bootstrap
 * config writes one management server account) then register with a real Eclipse Leshan 2.0.0-M15 LwM2M server
 * in this JVM (CoAP over DTLS, RPK, trusting each device's key) through Bootgate's registration manager.
 * <p>
 * The manager starts once every device is bootstrapped, so all N Registers leave at once: the time to REGISTERED
 * of a device counts from that start, like a gateway restarting with N devices to register (nothing spreads them:
 * no device has a saved location).
 */
final class RegistrationScenario {

    static final String LABEL = "bootgate registration";

    private static final long TIMEOUT_SECONDS = 900;

    private final int devices;
    private final int concurrency;
    private final PrintStream out;
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * @param devices devices to bootstrap and register
     * @param concurrency bootstraps in flight at most (the registrations all start at once)
     */
    RegistrationScenario(int devices, int concurrency, PrintStream out) {
        this.devices = devices;
        this.concurrency = concurrency;
        this.out = out;
    }

    /**
     * Bootstraps, registers, then lets as many Leshan clients register with the same server; prints the figures, a
     * line of what else was counted under each and the ratio; returns the figures (Bootgate's, then Leshan's).
     */
    List<Figures> run() throws Exception {
        long heapBaseline = heapAfterGc();
        KeyPair leshanKeys = TestPki.newKeyPair();
        InMemorySecurityStore security = new InMemorySecurityStore();
        LeshanServer leshan = leshan(leshanKeys, security);
        Path locations = Files.createTempDirectory("bootgate-bench-locations");
        try {
            Figures ours = bootstrapAndRegister(leshan, leshanKeys, security, locations, heapBaseline);
            // The gateway is closed by now: its sockets and state are out of the Leshan clients' figures.
            return List.of(ours, leshanClients(leshan, leshanKeys, security, ours));
        } finally {
            leshan.destroy();
            deleteTree(locations);
        }
    }

    private Figures bootstrapAndRegister(
            LeshanServer leshan, KeyPair leshanKeys, InMemorySecurityStore security, Path locations, long heapBaseline)
            throws Exception {
        try (BootgateSide side = new BootgateSide(
                BootgateSide.Credentials.RPK,
                Optional.empty(),
                leshan.getEndpoint(Protocol.COAPS).getURI(),
                leshanKeys.getPublic())) {
            List<String> endpoints = side.provision("reg", devices);
            Run bootstraps = new Run(devices, concurrency);
            side.bootstrap(endpoints, bootstraps);
            bootstraps.await(TIMEOUT_SECONDS);
            if (bootstraps.failures() > 0) {
                out.println("  " + LABEL + ": " + bootstraps.failures() + " bootstrap(s) failed before registering: "
                        + bootstraps.firstFailures());
            }
            TestGateway gateway = side.gateway();
            for (String endpoint : endpoints) {
                trust(security, gateway, endpoint);
            }
            return register(gateway, endpoints, locations, heapBaseline);
        }
    }

    private Figures leshanClients(LeshanServer leshan, KeyPair leshanKeys, InMemorySecurityStore security, Figures ours)
            throws Exception {
        try (LeshanClientsRegistration peers = new LeshanClientsRegistration(
                devices, leshan.getEndpoint(Protocol.COAPS).getURI(), leshanKeys, security)) {
            Figures theirs = peers.run(TIMEOUT_SECONDS);
            for (String failure : peers.firstFailures()) {
                out.println("  " + LeshanClientsRegistration.LABEL + " failure: " + failure);
            }
            out.println(theirs.row());
            out.println("  " + LeshanClientsRegistration.LABEL + ": " + peers.note());
            out.printf(
                    Locale.ROOT,
                    "ratio registration ours / Leshan clients: %.2fx their rate, %.2fx their CPU per registration,"
                            + " their heap / ours: %.1fx; threads %d vs %d%n",
                    ours.bootstrapsPerSecond() / theirs.bootstrapsPerSecond(),
                    ours.cpuMillisPerBootstrap() / theirs.cpuMillisPerBootstrap(),
                    theirs.heapKbPerDevice() / ours.heapKbPerDevice(),
                    ours.liveThreads(),
                    theirs.liveThreads());
            return theirs;
        }
    }

    private Figures register(TestGateway gateway, List<String> endpoints, Path locations, long heapBaseline)
            throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
        try {
            RegistrationManager manager = new RegistrationManager(
                    gateway.store(),
                    gateway.engine(),
                    gateway.accessControl(),
                    gateway.dtls(),
                    new DefaultKeyCodec(),
                    scheduler,
                    Clock.systemUTC(),
                    Math::random,
                    RegistrationManager.openLocations(locations, scheduler, 1000),
                    new RegistrationManager.Settings(Duration.ofSeconds(60), 0.8, 0.9, Duration.ZERO));
            Run run = new Run(endpoints.size(), endpoints.size());
            Map<String, Long> starts = new ConcurrentHashMap<>();
            Set<String> ended = ConcurrentHashMap.newKeySet();
            manager.addListener(event -> ended(event, starts, ended, run));
            long socketsBefore = sockets();
            long heapBefore = heapAfterGc();
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            for (String endpoint : endpoints) {
                run.start(start -> starts.put(endpoint, wall));
            }
            manager.start();
            run.await(TIMEOUT_SECONDS);
            double seconds = (System.nanoTime() - wall) / 1e9;
            double cpuMillis = (os.getProcessCpuTime() - cpu) / 1e6;
            long socketsAfter = sockets();
            double kbPerDevice = (heapAfterGc() - heapBefore) / 1024.0 / Math.max(1, run.successes());
            for (String failure : run.firstFailures()) {
                out.println("  " + LABEL + " failure: " + failure);
            }
            Figures figures = figures(LABEL, run, seconds, cpuMillis, kbPerDevice);
            out.println(figures.row());
            out.printf(
                    Locale.ROOT,
                    "  %s: UDP sockets %d before the Registers, %d when all ended,"
                            + " for %d registrations (Leshan's side: one server socket); heap per"
                            + " registered device includes both the gateway and the Leshan server (same JVM),"
                            + " bootstrapped state excluded (%.1f KB/device before registering); times count from"
                            + " the manager's start, all Registers at once%n",
                    LABEL,
                    socketsBefore,
                    socketsAfter,
                    run.successes(),
                    (heapBefore - heapBaseline) / 1024.0 / endpoints.size());
            manager.stop();
            return figures;
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** A registration round's figures: rate over its wall time, CPU per registration, live threads now. */
    static Figures figures(String label, Run run, double seconds, double cpuMillis, double kbPerDevice) {
        return new Figures(
                label,
                run.successes() + run.failures(),
                seconds,
                run.percentileMillis(50),
                run.percentileMillis(99),
                cpuMillis / Math.max(1, run.successes()),
                kbPerDevice,
                ManagementFactory.getThreadMXBean().getThreadCount(),
                run.failures());
    }

    private static void ended(RegistrationEvent event, Map<String, Long> starts, Set<String> ended, Run run) {
        Long start = starts.get(event.endpoint());
        if (start == null) {
            return;
        }
        if (event.state() == RegistrationState.REGISTERED && ended.add(event.endpoint())) {
            run.succeeded(start);
        } else if (event.state() == RegistrationState.FAILED && ended.add(event.endpoint())) {
            run.failed(event.endpoint(), event.cause().orElse("FAILED"));
        }
    }

    /** Lets the device in on Leshan with the key its bootstrap wrote to its management account. */
    private static void trust(InMemorySecurityStore security, TestGateway gateway, String endpoint) throws Exception {
        var instance = gateway.store().snapshot(endpoint).instance(0, 1);
        if (instance.isEmpty()) {
            // Not bootstrapped: the registration round counts it as failed (it never registers).
            return;
        }
        PublicKey key = KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(
                        SecurityInstance.from(instance.get()).publicKeyOrIdentity()));
        try {
            security.add(SecurityInfo.newRawPublicKeyInfo(endpoint, key));
        } catch (NonUniqueSecurityInfoException e) {
            throw new IllegalStateException("Leshan refused the key of " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private static LeshanServer leshan(KeyPair keys, InMemorySecurityStore security) {
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setPublicKey(keys.getPublic());
        builder.setPrivateKey(keys.getPrivate());
        builder.setSecurityStore(security);
        builder.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapsServerProtocolProvider())
                .addEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Protocol.COAPS)
                .build());
        LeshanServer server = builder.build();
        server.start();
        return server;
    }

    /** Sockets this process holds open (/proc/self/fd entries that are sockets); 0 where there is no /proc. */
    static long sockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                        } catch (IOException e) {
                            // Closed while listing: not a socket any more.
                            return false;
                        }
                    })
                    .count();
        }
    }

    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
