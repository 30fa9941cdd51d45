/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.engine.internal.EngineSettings;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.InMemoryBootstrapConfigStore;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bootstraps {@code bootgate.measure.devices} devices (default 200) at once through the real engine, the
 * client-initiated mode, DTLS (RPK) and Bootgate's own bootstrap server, all in this JVM over loopback, after a
 * warm-up round of {@code bootgate.measure.warmup} devices (default 100), and prints bootstraps/s and process CPU
 * per bootstrap. {@code bootgate.measure.maxAttempts} (default: none) applies the engine's admission limit.
 * A measurement, not a unit test: its name keeps it out of the default test run; run it with
 * {@code mvn -o -pl bundles/mode-client-initiated test -Dtest=BootstrapMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class BootstrapMeasurement {

    private static final Duration WAIT = Duration.ofMinutes(10);

    @Test
    void bootstrapsPerSecondAndCpuPerBootstrap() throws Exception {
        int devices = Integer.getInteger("bootgate.measure.devices", 200);
        int warmUp = Integer.getInteger("bootgate.measure.warmup", 100);
        Integer maxAttempts = Integer.getInteger("bootgate.measure.maxAttempts");
        KeyPair serverKeys = TestPki.newKeyPair();
        InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
        try (TestGateway gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247))) {
            if (maxAttempts != null) {
                gateway.engine().updateSettings(withAdmission(gateway, maxAttempts));
            }
            gateway.install(
                    new ClientInitiatedBootstrapMode(
                            gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                    true);
            EmbeddedBootstrapServer server = new EmbeddedBootstrapServer(
                    gateway.dtls(),
                    configs,
                    codecs(),
                    new EmbeddedBootstrapServer.Options(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                            new RpkCredentials(serverKeys),
                            List.of(),
                            Set.of(),
                            new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                            Duration.ofSeconds(10)));
            server.start();
            try {
                URI uri =
                        URI.create("coaps://127.0.0.1:" + server.localAddress().getPort());
                List<String> warm = provision(gateway, configs, uri, serverKeys, "warm", warmUp);
                List<String> measured = provision(gateway, configs, uri, serverKeys, "dev", devices);
                run(gateway, warm);

                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu = os.getProcessCpuTime();
                long wall = System.nanoTime();
                int failures = run(gateway, measured);
                double seconds = (System.nanoTime() - wall) / 1e9;
                double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
                System.out.printf(
                        "BootstrapMeasurement: %d devices at once (admission limit %s): %.1f bootstraps/s, %.2f ms"
                                + " process CPU per bootstrap, %.2f s, %d failures, JDK %s%n",
                        devices,
                        maxAttempts == null ? "none" : maxAttempts.toString(),
                        devices / seconds,
                        cpuMs / devices,
                        seconds,
                        failures,
                        Runtime.version());
                assertThat(failures).isZero();
            } finally {
                server.close();
            }
        }
    }

    /** The engine's settings with an admission limit; by reflection, so that this class also runs on code without it. */
    private static EngineSettings withAdmission(TestGateway gateway, int maxAttempts) throws Exception {
        EngineSettings current = new EngineSettings(
                Duration.ofSeconds(247),
                new io.bootgate.engine.internal.RetrySettings(
                        Duration.ofHours(1), 1, Duration.ofHours(1), 0, Duration.ofHours(2), 0),
                Duration.ofMillis(200));
        return (EngineSettings) EngineSettings.class
                .getMethod("withAdmission", int.class, Duration.class)
                .invoke(current, maxAttempts, Duration.ZERO);
    }

    private static List<String> provision(
            TestGateway gateway,
            InMemoryBootstrapConfigStore configs,
            URI uri,
            KeyPair serverKeys,
            String prefix,
            int count) {
        List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String endpoint = "urn:dev:measure:" + prefix + ":" + i;
            KeyPair device = TestPki.newKeyPair();
            configs.put(BootstrapConfig.builder(endpoint, DeviceIdentity.rawPublicKey(device.getPublic()))
                    .deletes(List.of(LwM2mPath.of(0, 1), LwM2mPath.of(1)))
                    .server(ServerAccount.builder(101)
                            .securityInstanceId(1)
                            .serverInstanceId(0)
                            .uri("coaps://127.0.0.1:5784")
                            .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                            .publicKeyOrIdentity(device.getPublic().getEncoded())
                            .serverPublicKey(serverKeys.getPublic().getEncoded())
                            .secretKey(device.getPrivate().getEncoded())
                            .lifetime(120)
                            .binding("U")
                            .build())
                    .build());
            Devices.provision(
                    gateway.store(),
                    endpoint,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.rpkBootstrapAccount(0, uri, device, serverKeys.getPublic()),
                            Devices.device("SN-" + i)));
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    /** Starts every device's bootstrap at once and waits for all; returns how many failed. */
    private static int run(TestGateway gateway, List<String> endpoints) throws Exception {
        List<CompletableFuture<BootstrapOutcome>> outcomes = new ArrayList<>();
        for (String endpoint : endpoints) {
            outcomes.add(gateway.bootstrap(new DeviceBootstrapConfig(
                            endpoint,
                            List.of(BootstrapModeName.CLIENT_INITIATED),
                            Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                            Optional.empty()))
                    .toCompletableFuture());
        }
        int failures = 0;
        for (CompletableFuture<BootstrapOutcome> outcome : outcomes) {
            BootstrapOutcome result = outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!result.isSuccess()) {
                failures++;
                if (failures <= 3) {
                    System.out.println("BootstrapMeasurement: failed: " + result);
                }
            }
        }
        return failures;
    }

    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
