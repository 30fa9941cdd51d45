/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import io.bootgate.bootstrap.config.jdbc.internal.PostgresServer;

/**
 * One throwaway PostgreSQL (the bootstrap-config-jdbc tests' {@link PostgresServer}) in Pax Exam's driver JVM,
 * started at the first use and stopped when that JVM ends. A class of its own: the test classes also load inside
 * Karaf, where PostgresServer is absent, so only this class may name it.
 */
final class DriverPostgres {

    private static PostgresServer server;

    private DriverPostgres() {}

    /** A new database: its JDBC URL and the user to connect as (no password). */
    static synchronized String[] newDatabase() throws Exception {
        if (server == null) {
            server = PostgresServer.launch();
            PostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    System.err.println("Stopping the integration tests' PostgreSQL failed: " + e);
                }
            }));
        }
        return new String[] {server.url(server.createDatabase()), server.user()};
    }
}
