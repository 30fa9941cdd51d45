/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundle's schema, created and migrated by the versioned scripts {@code db/V<n>__<name>.sql} next to this
 * class, in order, each recorded in {@code bootgate_schema_version}. All of it runs in one transaction holding a
 * PostgreSQL advisory lock, so that nodes starting together apply each script exactly once (the others wait for the
 * lock, then find it applied) and a failing script leaves the schema as it was.
 */
final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    /** The scripts in order; a new schema version is a new file here, never an edit of an applied one. */
    static final List<String> SCRIPTS = List.of("V1__bootstrap_config.sql");

    /** The advisory lock key: "bootgate" in ASCII, so that it does not collide with another application's. */
    static final long LOCK_KEY = 0x626f6f7467617465L;

    static final String VERSION_TABLE = "bootgate_schema_version";

    /** A script and the schema version it brings. */
    record Script(int version, String name, String sql) {}

    private SchemaMigrations() {}

    /** The bundled scripts, in version order. */
    static List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        for (String name : SCRIPTS) {
            int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
            try (InputStream in = SchemaMigrations.class.getResourceAsStream("db/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("migration script db/" + name + " is missing from the bundle");
                }
                scripts.add(new Script(version, name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read migration script db/" + name, e);
            }
        }
        return scripts;
    }

    /** The schema version the bundle's scripts bring. */
    static int latestVersion() {
        return scripts().get(scripts().size() - 1).version();
    }

    /**
     * Brings the schema to the latest version.
     *
     * @return the versions this call applied (none when another node or an earlier start did)
     * @throws SQLException when the database refuses; nothing of the failed script stays
     */
    static List<Integer> apply(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        List<Integer> applied = new ArrayList<>();
        try {
            int current;
            try (Statement statement = connection.createStatement()) {
                // Released at commit or rollback. Taken before the version table exists: two first starts must not
                // both create it.
                statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version integer PRIMARY KEY, "
                        + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
                try (ResultSet rows =
                        statement.executeQuery("SELECT coalesce(max(version), 0) FROM " + VERSION_TABLE)) {
                    rows.next();
                    current = rows.getInt(1);
                }
            }
            for (Script script : scripts()) {
                if (script.version() <= current) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(script.sql());
                } catch (SQLException e) {
                    throw new SQLException(
                            "schema migration " + script.name() + " failed: " + e.getMessage(), e.getSQLState(), e);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO " + VERSION_TABLE + " (version, script) VALUES (?, ?)")) {
                    record.setInt(1, script.version());
                    record.setString(2, script.name());
                    record.executeUpdate();
                }
                applied.add(script.version());
            }
            connection.commit();
            if (!applied.isEmpty()) {
                LOG.info("Bootstrap config schema migrated from version {} to {}", current, latestVersion());
            } else if (current > latestVersion()) {
                LOG.warn(
                        "Bootstrap config schema is at version {}, newer than this bundle's {}: a newer node migrated "
                                + "it; this node uses it as version {}",
                        current,
                        latestVersion(),
                        latestVersion());
            }
            return applied;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
