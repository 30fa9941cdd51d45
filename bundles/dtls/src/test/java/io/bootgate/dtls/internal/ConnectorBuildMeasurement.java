/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static io.bootgate.dtls.internal.DtlsFixture.LOOPBACK;

import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.transport.SecureClientEndpoint;
import io.bootgate.dtls.KeyMaterial;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prints the CPU one bootstrap-client endpoint costs to build and close (no handshake): what every bootstrap
 * attempt pays before its first datagram. A measurement, not a unit test: its name keeps it out of the
 * default test run; run it with
 * {@code mvn -o -pl bundles/dtls test -Dtest=ConnectorBuildMeasurement -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConnectorBuildMeasurement {

    private static final int WARM_UP = 500;
    private static final int MEASURED = Integer.getInteger("bootgate.measure.builds", 2000);

    @Test
    void cpuPerClientEndpointBuildAndClose() throws Exception {
        KeyPair device = KeyMaterial.generateP256();
        KeyPair server = KeyMaterial.generateP256();
        ClientEndpointConfig config = ClientEndpointConfig.builder(
                        URI.create("coaps://127.0.0.1:5684"), SecurityMode.RAW_PUBLIC_KEY)
                .bindAddress(LOOPBACK)
                .credentials(new RpkCredentials(device))
                .rpkTrust(RpkTrust.of(server.getPublic()))
                .deviceName("measured")
                .build();
        try (DefaultDtlsEndpointFactory factory = DtlsFixture.factory()) {
            buildAndClose(factory, config, WARM_UP);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long processCpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            buildAndClose(factory, config, MEASURED);
            double threadMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu) / 1e6;
            double processMs = (os.getProcessCpuTime() - processCpu) / 1e6;
            double wallMs = (System.nanoTime() - wall) / 1e6;
            System.out.printf(
                    "ConnectorBuildMeasurement: %d client endpoint builds+closes (same device key): %.3f ms CPU each"
                            + " on the calling thread, %.3f ms process CPU each, %.3f ms wall each%n",
                    MEASURED, threadMs / MEASURED, processMs / MEASURED, wallMs / MEASURED);

            // A device's first attempt: a key pair the factory has not seen yet.
            int firsts = MEASURED / 4;
            List<ClientEndpointConfig> fresh = new ArrayList<>();
            for (int i = 0; i < firsts; i++) {
                fresh.add(
                        ClientEndpointConfig.builder(URI.create("coaps://127.0.0.1:5684"), SecurityMode.RAW_PUBLIC_KEY)
                                .bindAddress(LOOPBACK)
                                .credentials(new RpkCredentials(KeyMaterial.generateP256()))
                                .rpkTrust(RpkTrust.of(server.getPublic()))
                                .deviceName("first " + i)
                                .build());
            }
            threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            for (ClientEndpointConfig first : fresh) {
                buildAndClose(factory, first, 1);
            }
            threadMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu) / 1e6;
            System.out.printf(
                    "ConnectorBuildMeasurement: %d client endpoint builds+closes (a new device key each): %.3f ms CPU"
                            + " each on the calling thread%n",
                    firsts, threadMs / firsts);
        }
    }

    private static void buildAndClose(DefaultDtlsEndpointFactory factory, ClientEndpointConfig config, int times)
            throws Exception {
        for (int i = 0; i < times; i++) {
            try (SecureClientEndpoint client = factory.createBootstrapClient(config)) {
                client.localAddress();
            }
        }
    }
}
