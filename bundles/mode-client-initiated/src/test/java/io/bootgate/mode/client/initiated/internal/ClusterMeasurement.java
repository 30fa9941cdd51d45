/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.mode.testkit.BootstrapServerCluster;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.store.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bootstraps/s through one node and through three clustered nodes, all behind the same test load balancer, on
 * this machine. Not part of the default build (the name does not end in Test): run it with
 * {@code mvn -o test -pl bundles/mode-client-initiated -Dtest=ClusterMeasurement -Dcluster.devices=600}.
 * <p>
 * Both sides run in one JVM on one machine: the nodes share its cores, so three nodes cannot be faster than one
 * here; the figure shows what the cluster costs (forwarding, the extra receiver threads), not how it scales.
 */
class ClusterMeasurement {

    @Test
    void bootstrapsPerSecondThroughOneAndThreeNodes() throws Exception {
        int devices = Integer.getInteger("cluster.devices", 300);
        for (int nodes : new int[] {1, 3, 1, 3}) {
            try (TestGateway gateway = new TestGateway(
                            TestAccessControl::create,
                            Duration.ofSeconds(247),
                            Configurations.defaults(DtlsFactoryConfiguration.class),
                            StoreOptions.inMemory(ObjectModelRegistry::standard),
                            new RetrySettings(Duration.ofHours(1), 1, Duration.ofHours(1), 0, Duration.ofHours(2), 0));
                    BootstrapServerCluster cluster = new BootstrapServerCluster(gateway.dtls(), nodes)) {
                gateway.install(
                        new ClientInitiatedBootstrapMode(
                                gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                        true);
                List<String> endpoints = cluster.provision(gateway.store(), "measure" + nodes, devices);
                long start = System.nanoTime();
                List<CompletableFuture<BootstrapOutcome>> runs = new ArrayList<>();
                for (String endpoint : endpoints) {
                    runs.add(gateway.bootstrap(BootstrapServerClusterTest.deviceConfig(endpoint))
                            .toCompletableFuture());
                }
                int failures = 0;
                for (CompletableFuture<BootstrapOutcome> run : runs) {
                    if (!run.get(10, TimeUnit.MINUTES).isSuccess()) {
                        failures++;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // A single server's Connection IDs carry no node id: nothing is forwarded there.
                String forwarded = nodes == 1
                        ? "single server, no forwarding"
                        : cluster.balancer().cidRecordsToOtherNodes() + " of "
                                + cluster.balancer().cidRecords() + " Connection ID records forwarded";
                System.out.printf(
                        "ClusterMeasurement: %d node(s), %d devices in %.1f s = %.0f bootstraps/s, %d failed, %s,"
                                + " load average %.1f%n",
                        nodes,
                        devices,
                        seconds,
                        devices / seconds,
                        failures,
                        forwarded,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
                assertThat(failures).isZero();
            }
        }
    }
}
