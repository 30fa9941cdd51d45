/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.store.StoreOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gateway process {@link GatewayKillTest} kills: the real engine, client-initiated mode, DTLS and a file-backed
 * object store, bootstrapping the devices already provisioned in the store. Reports on stdout, one line each:
 * {@code READY}, {@code COMMITTED <ep>} (from inside the commit, before the Finish is answered; with
 * {@code hold-after-commit} the committing thread then waits to be killed) and {@code BOOTSTRAPPED <ep>}.
 */
public final class GatewayChild {

    private GatewayChild() {}

    /** Arguments: the store directory, {@code hold-after-commit} or {@code run}, then the endpoints. */
    public static void main(String[] args) throws Exception {
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        Path storeDirectory = Path.of(args[0]);
        boolean holdAfterCommit = args[1].equals("hold-after-commit");
        List<String> endpoints = List.of(args).subList(2, args.length);
        TestGateway gateway = new TestGateway(
                TestAccessControl::create,
                Duration.ofSeconds(10),
                Configurations.of(DtlsFactoryConfiguration.class, Map.of("retransmission_timeout_ms", 500)),
                StoreOptions.persistent(storeDirectory, ObjectModelRegistry::standard));
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
        gateway.store().addListener(event -> {
            if (event.kind() == StoreEvent.Kind.UPDATED) {
                out.println("COMMITTED " + event.endpoint());
                if (holdAfterCommit) {
                    holdUntilKilled();
                }
            }
        });
        out.println("READY");
        for (String endpoint : endpoints) {
            gateway.engine()
                    .addDevice(new DeviceBootstrapConfig(
                            endpoint,
                            List.of(BootstrapModeName.CLIENT_INITIATED),
                            Map.of(BootstrapModeName.CLIENT_INITIATED, Map.of()),
                            Optional.empty()));
        }
        for (String endpoint : endpoints) {
            for (int attempt = 0; attempt < 5 && !bootstrapped(gateway, endpoint); attempt++) {
                gateway.engine()
                        .requestBootstrap(endpoint)
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
            }
            if (bootstrapped(gateway, endpoint)) {
                out.println("BOOTSTRAPPED " + endpoint);
            }
        }
        gateway.close();
    }

    private static boolean bootstrapped(TestGateway gateway, String endpoint) {
        return gateway.engine()
                .state(endpoint)
                .map(s -> s.state() == BootstrapState.BOOTSTRAPPED)
                .orElse(false);
    }

    private static void holdUntilKilled() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
