/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures threads, sockets and heap per registered device: {@code bootgate.scale.devices} devices (default 1000)
 * register with one Leshan server over RPK. A measurement, not a unit test: its name keeps it out of the default
 * test run; run it with {@code mvn -pl bundles/registration test -Dtest=ThousandDevicesMeasurement}.
 */
class ThousandDevicesMeasurement {

    private static final Logger LOG = LoggerFactory.getLogger(ThousandDevicesMeasurement.class);

    @TempDir
    Path dataDirectory;

    @Test
    void everyDeviceRegistersOnSharedThreads() throws Exception {
        int devices = Integer.getInteger("bootgate.scale.devices", 1000);
        KeyPair leshanKeys = TestPki.newKeyPair();
        try (TestGateway gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
                LeshanServerFixture leshan = LeshanServerFixture.rpk(leshanKeys)) {
            for (int i = 0; i < devices; i++) {
                String endpoint = "urn:dev:scale:" + i;
                KeyPair keys = TestPki.newKeyPair();
                leshan.allowRpk(endpoint, keys.getPublic());
                SecurityInstance account = SecurityInstance.builder(1)
                        .serverUri(leshan.uri().toString())
                        .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                        .publicKeyOrIdentity(keys.getPublic().getEncoded())
                        .serverPublicKey(leshanKeys.getPublic().getEncoded())
                        .secretKey(keys.getPrivate().getEncoded())
                        .shortServerId(101)
                        .build();
                Devices.provision(
                        gateway.store(),
                        endpoint,
                        List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1, 0), LwM2mPath.of(3, 0)),
                        List.of(
                                account.toObjectInstance(),
                                ServerInstance.builder(0, 101)
                                        .lifetime(3600)
                                        .build()
                                        .toObjectInstance(),
                                Devices.device("SN-" + i)));
            }
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
            // Warm the DTLS factory's shared threads up, so that the baseline holds them.
            gateway.dtls();
            long threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long socketsBefore = sockets();
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            RegistrationManager manager = new RegistrationManager(
                    gateway.store(),
                    gateway.engine(),
                    gateway.accessControl(),
                    gateway.dtls(),
                    new DefaultKeyCodec(),
                    scheduler,
                    Clock.systemUTC(),
                    Math::random,
                    RegistrationManager.openLocations(dataDirectory, scheduler, 1000),
                    new RegistrationManager.Settings(Duration.ofSeconds(60), 0.8, 0.9, Duration.ZERO));
            manager.start();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> IntStream.range(0, devices)
                            .allMatch(i -> manager.registrations("urn:dev:scale:" + i).stream()
                                    .anyMatch(r -> r.state() == RegistrationState.REGISTERED)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long threads = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            long sockets = sockets() - socketsBefore;
            long heap = usedHeapAfterGc() - heapBefore;
            LOG.info(
                    "{} devices registered in {} ms: +{} threads, +{} sockets (Leshan's side excluded: one server"
                            + " socket), +{} KiB heap = {} bytes per device (gateway and Leshan together)",
                    devices,
                    millis,
                    threads,
                    sockets,
                    heap / 1024,
                    heap / devices);
            assertThat(threads).as("threads added for %d devices", devices).isLessThanOrEqualTo(8);
            assertThat(sockets).as("sockets added").isGreaterThanOrEqualTo(devices);
            manager.stop();
            scheduler.shutdownNow();
        }
    }

    private static long sockets() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.filter(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                        } catch (IOException e) {
                            // The descriptor closed while listing: not a socket any more.
                            return false;
                        }
                    })
                    .count();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
