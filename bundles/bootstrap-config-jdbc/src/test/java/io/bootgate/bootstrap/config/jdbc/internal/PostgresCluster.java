/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL cluster ({@link PostgresServer}) for a test class, started before its first test and
 * stopped and deleted after its last. Where the server binaries are missing the class fails, it is not skipped.
 * <p>
 * Use with {@code @RegisterExtension static final PostgresCluster POSTGRES = new PostgresCluster();}.
 */
public final class PostgresCluster implements BeforeAllCallback, AfterAllCallback {

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServer.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    public void start() throws Exception {
        server.start();
    }

    public void stop() throws Exception {
        server.stop();
    }

    public String createDatabase() throws SQLException {
        return server.createDatabase();
    }

    public DataSource dataSource(String database) {
        return server.dataSource(database);
    }

    public Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    public String user() {
        return server.user();
    }

    public String url(String database) {
        return server.url(database);
    }
}
