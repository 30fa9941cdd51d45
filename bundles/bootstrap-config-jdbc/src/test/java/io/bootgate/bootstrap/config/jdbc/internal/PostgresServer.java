/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway PostgreSQL cluster: {@code initdb} in a temporary directory, {@code postgres} on a free loopback port
 * with its socket directory in there too; {@link #close()} stops it and deletes the directory. Uses the server
 * binaries of Debian's {@code postgresql} package (the newest {@code /usr/lib/postgresql/<n>/bin}, or
 * {@code $PG_BIN}); when they are missing, {@link #launch()} fails saying so. Run as root, the server runs as the
 * {@code postgres} user through {@code runuser} (PostgreSQL refuses to run as root). Free of JUnit, so that the
 * integration tests' driver can start one too ({@link PostgresCluster} is the JUnit 5 extension).
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "bootgate";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final AtomicInteger databases = new AtomicInteger();
    private Path bin;
    private Path home;
    private Path data;
    private int port;
    private Process server;
    private String runAs;

    private PostgresServer() {}

    /** Creates and starts a cluster. */
    public static PostgresServer launch() throws Exception {
        PostgresServer server = new PostgresServer();
        try {
            server.create();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void create() throws Exception {
        bin = findBinaries();
        runAs = "root".equals(System.getProperty("user.name")) ? "postgres" : null;
        home = Files.createTempDirectory(Path.of("/tmp"), "bootgate-pg-");
        data = home.resolve("data");
        if (runAs != null) {
            UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(home, users.lookupPrincipalByName(runAs));
        }
        run(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync"));
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        start();
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() throws Exception {
        try {
            if (server != null && server.isAlive()) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
                server.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
            deleteTree(home);
        }
    }

    /** Starts the server (again, on the same port, after {@link #stop()}) and waits until it accepts connections. */
    public synchronized void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-k",
                home.toString(),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "max_connections=50"));
        ProcessBuilder builder = new ProcessBuilder(asServerUser(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("server.log").toFile()));
        server = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited with " + server.exitValue() + ": " + log());
            }
            try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                "postgres did not accept connections within " + START_TIMEOUT + ": " + log(), last);
    }

    /** Stops the server (fast shutdown: open connections are terminated), keeping its data. */
    public synchronized void stop() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("postgres did not stop: " + log());
        }
    }

    /** A new, empty database of this cluster, so that tests of one class do not see each other's rows. */
    public String createDatabase() throws SQLException {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** A (non-pooled) data source of a database: each getConnection() opens a connection. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(database);
        source.setUser(SUPERUSER);
        source.setConnectTimeout(5);
        return source;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, "");
    }

    /** The superuser tests connect as (trust authentication, no password). */
    public String user() {
        return SUPERUSER;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=5";
    }

    private static Path findBinaries() throws IOException {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            if (Files.isExecutable(bin.resolve("postgres"))) {
                return bin;
            }
            throw new IllegalStateException("PG_BIN=" + configured + " holds no executable postgres");
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                        .max(Comparator.comparing(
                                v -> v.getFileName().toString().matches("\\d+")
                                        ? Integer.parseInt(v.getFileName().toString())
                                        : 0))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException(
                "no PostgreSQL server binaries: neither /usr/lib/postgresql/<version>/bin/postgres"
                        + " nor $PG_BIN. These tests need a real PostgreSQL: install Debian's package (apt-get install "
                        + "postgresql; .ci/run does) or set PG_BIN to a directory holding initdb, postgres and pg_ctl");
    }

    private List<String> asServerUser(List<String> command) {
        if (runAs == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", runAs, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("bootgate-pg-cmd-", ".log");
        try {
            Process process = new ProcessBuilder(asServerUser(command))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        command + " failed with exit code " + process.exitValue() + ": " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String log() {
        try {
            String text = Files.readString(home.resolve("server.log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
