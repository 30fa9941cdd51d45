/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.config.jdbc.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigCodec;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap configs in PostgreSQL: one row per endpoint in {@code bootgate_bootstrap_config}, the config as JSONB in
 * the file store's JSON form, numbered by a sequence at each write.
 * <p>
 * Reads are served from memory. One thread holds a dedicated connection that LISTENs on
 * {@value #CHANNEL}: the table's trigger notifies it of each changed endpoint at commit, and it reads that row
 * again. At each (re)connect it migrates the schema and reloads every row, so a notification missed while the
 * connection was down cannot leave this node stale. Every config is parsed and validated before it replaces the
 * one in memory; a refused one leaves the previous in effect. When the database is unreachable the configs loaded
 * last keep being served, one ERROR names the cause, and the thread reconnects with exponential back-off.
 */
public final class JdbcBootstrapConfigStore implements BootstrapConfigStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBootstrapConfigStore.class);

    /** The notification channel of the table's trigger; the payload is the endpoint, empty for "reload all". */
    static final String CHANNEL = "bootgate_bootstrap_config";

    static final String TABLE = "bootgate_bootstrap_config";

    private static final String UPSERT = "INSERT INTO " + TABLE + " (endpoint, config) VALUES (?, ?::jsonb) "
            + "ON CONFLICT (endpoint) DO UPDATE SET config = EXCLUDED.config RETURNING version";
    private static final String DELETE = "DELETE FROM " + TABLE + " WHERE endpoint = ? RETURNING version";
    private static final String SELECT_ONE = "SELECT config::text, version FROM " + TABLE + " WHERE endpoint = ?";
    private static final String SELECT_ALL = "SELECT endpoint, config::text, version FROM " + TABLE;

    /**
     * Timing of the listening thread.
     *
     * @param pollInterval how long one wait for notifications blocks (bounds how long close() waits)
     * @param livenessInterval with no notification for this long, the connection is checked
     * @param firstRetry the first reconnect delay after a failure, doubled at each further failure
     * @param maxRetry the longest reconnect delay
     * @param queryTimeout the limit of each query, so that a dead connection cannot hold the thread
     */
    public record Settings(
            Duration pollInterval,
            Duration livenessInterval,
            Duration firstRetry,
            Duration maxRetry,
            Duration queryTimeout) {

        public static Settings defaults() {
            return new Settings(
                    Duration.ofMillis(500),
                    Duration.ofSeconds(5),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10));
        }
    }

    /** A config in memory and the row version it came from. */
    private record Held(BootstrapConfig config, long version) {}

    /** A row as read, before it is parsed. */
    private record Row(String endpoint, String json, long version) {}

    private final DataSource dataSource;
    private final BootstrapConfigCodec codec;
    private final Settings settings;
    private final Map<String, Held> configs = new ConcurrentHashMap<>();
    /** Row versions refused already, so that a reload does not report the same bad row again. */
    private final Map<String, Long> refused = new HashMap<>();

    private final List<BootstrapConfigListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Serialises reading the database and applying what was read, between the listening thread and put/remove, so
     * that an older read can never be applied after a newer write.
     */
    private final Object applyLock = new Object();

    private volatile boolean closed;
    private volatile boolean reloadRequested;
    private volatile boolean connected;
    private Thread watcher;

    public JdbcBootstrapConfigStore(DataSource dataSource, BootstrapConfigCodec codec, Settings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Migrates the schema, loads every config and starts following changes. When the database cannot be reached,
     * the store starts empty (with one ERROR) and keeps trying in the background.
     */
    public synchronized void start() {
        Connection connection = null;
        try {
            connection = connectAndLoad();
            LOG.info("Bootstrap configs: {} endpoint(s) loaded from PostgreSQL", configs.size());
        } catch (SQLException | RuntimeException e) {
            LOG.error(
                    "Bootstrap configs: cannot load from PostgreSQL ({}); no configs until it can be reached, retrying "
                            + "with back-off up to {}",
                    describe(e),
                    seconds(settings.maxRetry()));
        }
        Connection first = connection;
        watcher = new Thread(() -> follow(first), "bootgate-bs-config-jdbc");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void close() {
        closed = true;
        Thread thread;
        synchronized (this) {
            thread = watcher;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(settings.pollInterval().toMillis()
                        + settings.queryTimeout().toMillis()
                        + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void addListener(BootstrapConfigListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BootstrapConfigListener listener) {
        listeners.remove(listener);
    }

    /** Parses every row again at the next poll (the object models changed). */
    public void reloadAll() {
        reloadRequested = true;
    }

    /** Whether the listening connection is up (false during an outage and before the first connect). */
    public boolean connected() {
        return connected;
    }

    @Override
    public Optional<BootstrapConfig> get(String endpoint) {
        Held held = configs.get(endpoint);
        return held == null ? Optional.empty() : Optional.of(held.config());
    }

    @Override
    public Map<String, BootstrapConfig> getAll() {
        Map<String, BootstrapConfig> all = new TreeMap<>();
        configs.forEach((endpoint, held) -> all.put(endpoint, held.config()));
        return Collections.unmodifiableMap(all);
    }

    /**
     * Stores the config in its JSON form, after checking that this form parses back: what one node writes, every
     * node can load. In effect here on return; the other nodes follow at the commit's notification.
     */
    @Override
    public void put(BootstrapConfig config) throws BootstrapConfigException {
        String endpoint = config.endpoint();
        byte[] json = codec.format(config);
        BootstrapConfig stored = codec.parse(endpoint, json);
        synchronized (applyLock) {
            long version;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setQueryTimeout(queryTimeoutSeconds());
                upsert.setString(1, endpoint);
                upsert.setString(2, new String(json, StandardCharsets.UTF_8));
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    version = row.getLong(1);
                }
            } catch (SQLException e) {
                throw new BootstrapConfigException(
                        null, null, "cannot store the config of " + endpoint + " in PostgreSQL: " + describe(e), e);
            }
            accept(endpoint, stored, version);
        }
    }

    @Override
    public boolean remove(String endpoint) throws BootstrapConfigException {
        synchronized (applyLock) {
            boolean existed;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setQueryTimeout(queryTimeoutSeconds());
                delete.setString(1, endpoint);
                try (ResultSet row = delete.executeQuery()) {
                    existed = row.next();
                }
            } catch (SQLException e) {
                throw new BootstrapConfigException(
                        null, null, "cannot remove the config of " + endpoint + " from PostgreSQL: " + describe(e), e);
            }
            drop(endpoint);
            return existed;
        }
    }

    /** The listening thread: follows notifications, reconnects after a failure. */
    private void follow(Connection first) {
        Connection connection = first;
        connected = connection != null;
        long outageStart = connection == null ? System.nanoTime() : 0;
        Duration retry = settings.firstRetry();
        long lastContact = System.nanoTime();
        try {
            while (!closed) {
                if (connection == null) {
                    try {
                        connection = connectAndLoad();
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("Bootstrap configs: reconnecting to PostgreSQL failed: {}", describe(e));
                        if (!pause(jittered(retry))) {
                            break;
                        }
                        retry = min(retry.multipliedBy(2), settings.maxRetry());
                        continue;
                    }
                    connected = true;
                    LOG.info(
                            "Bootstrap configs: PostgreSQL reachable again after {}; {} endpoint(s) reloaded",
                            seconds(Duration.ofNanos(System.nanoTime() - outageStart)),
                            configs.size());
                    retry = settings.firstRetry();
                    lastContact = System.nanoTime();
                }
                try {
                    PGNotification[] notifications = connection
                            .unwrap(PGConnection.class)
                            .getNotifications((int) settings.pollInterval().toMillis());
                    if (reloadRequested) {
                        reloadRequested = false;
                        reload(connection, true);
                    }
                    if (notifications != null && notifications.length > 0) {
                        apply(connection, notifications);
                        lastContact = System.nanoTime();
                    } else if (System.nanoTime() - lastContact
                            > settings.livenessInterval().toNanos()) {
                        if (!connection.isValid(queryTimeoutSeconds())) {
                            throw new SQLException("the connection stopped answering");
                        }
                        lastContact = System.nanoTime();
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed) {
                        break;
                    }
                    connected = false;
                    outageStart = System.nanoTime();
                    LOG.error(
                            "Bootstrap configs: lost the PostgreSQL connection ({}); serving the {} config(s) loaded "
                                    + "last until it is back, reconnecting with back-off up to {}",
                            describe(e),
                            configs.size(),
                            seconds(settings.maxRetry()));
                    closeQuietly(connection);
                    connection = null;
                }
            }
        } finally {
            connected = false;
            closeQuietly(connection);
        }
    }

    /**
     * Opens the listening connection: migrates the schema, LISTENs, then reads every row. LISTEN comes before the
     * read, so a change committed after the read is notified and none falls in between.
     */
    private Connection connectAndLoad() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            SchemaMigrations.apply(connection);
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            reload(connection, false);
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private void apply(Connection connection, PGNotification[] notifications) throws SQLException {
        Set<String> endpoints = new LinkedHashSet<>();
        for (PGNotification notification : notifications) {
            if (!CHANNEL.equals(notification.getName())) {
                continue;
            }
            if (notification.getParameter().isEmpty()) {
                reload(connection, false);
                return;
            }
            endpoints.add(notification.getParameter());
        }
        for (String endpoint : endpoints) {
            synchronized (applyLock) {
                Row row = null;
                try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
                    select.setQueryTimeout(queryTimeoutSeconds());
                    select.setString(1, endpoint);
                    try (ResultSet rows = select.executeQuery()) {
                        if (rows.next()) {
                            row = new Row(endpoint, rows.getString(1), rows.getLong(2));
                        }
                    }
                }
                if (row == null) {
                    drop(endpoint);
                } else {
                    load(row, false);
                }
            }
        }
    }

    /**
     * Reads every row (all of them first: a failed read changes nothing), then loads the changed ones and drops the
     * endpoints that have no row any more.
     *
     * @param force parse rows again even when their version is held already
     */
    private void reload(Connection connection, boolean force) throws SQLException {
        synchronized (applyLock) {
            List<Row> rows = new ArrayList<>();
            try (Statement select = connection.createStatement()) {
                select.setQueryTimeout(queryTimeoutSeconds());
                try (ResultSet result = select.executeQuery(SELECT_ALL)) {
                    while (result.next()) {
                        rows.add(new Row(result.getString(1), result.getString(2), result.getLong(3)));
                    }
                }
            }
            Set<String> present = new HashSet<>();
            for (Row row : rows) {
                present.add(row.endpoint());
                load(row, force);
            }
            for (String endpoint : List.copyOf(configs.keySet())) {
                if (!present.contains(endpoint)) {
                    drop(endpoint);
                }
            }
            refused.keySet().retainAll(present);
        }
    }

    /** Parses a row and puts it in effect, unless this version is held or was refused already. */
    private void load(Row row, boolean force) {
        String endpoint = row.endpoint();
        Held held = configs.get(endpoint);
        if (!force && held != null && held.version() >= row.version()) {
            return;
        }
        if (!force && Long.valueOf(row.version()).equals(refused.get(endpoint))) {
            return;
        }
        BootstrapConfig config;
        try {
            config = codec.parse(endpoint, row.json().getBytes(StandardCharsets.UTF_8));
        } catch (BootstrapConfigException e) {
            refused.put(endpoint, row.version());
            LOG.error(
                    "Bootstrap config of {} rejected: {}; {}",
                    endpoint,
                    e.getMessage(),
                    held == null ? "the endpoint has no config" : "its previous config stays in effect");
            tell(endpoint, "rejection", listener -> listener.configRejected(endpoint, e));
            return;
        }
        accept(endpoint, config, row.version());
    }

    private void accept(String endpoint, BootstrapConfig config, long version) {
        refused.remove(endpoint);
        Held previous = configs.put(endpoint, new Held(config, version));
        if (previous != null && config.equals(previous.config())) {
            return;
        }
        LOG.info("Bootstrap config of {} {}", endpoint, previous == null ? "added" : "updated");
        tell(endpoint, "update", listener -> listener.configUpdated(config));
    }

    private void drop(String endpoint) {
        refused.remove(endpoint);
        if (configs.remove(endpoint) == null) {
            return;
        }
        LOG.info("Bootstrap config of {} removed", endpoint);
        tell(endpoint, "removal", listener -> listener.configRemoved(endpoint));
    }

    /** Tells every listener of a change; one failing listener neither stops the others nor the store. */
    private void tell(String endpoint, String change, Consumer<BootstrapConfigListener> call) {
        for (BootstrapConfigListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Config listener {} failed on the {} of {}'s config", listener, change, endpoint, e);
            }
        }
    }

    private int queryTimeoutSeconds() {
        return (int) Math.max(1, settings.queryTimeout().toSeconds());
    }

    /** Sleeps unless closed; false when the store closed meanwhile. */
    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    /** The delay with up to a quarter more at random, so nodes that lost the database together do not retry together. */
    private static Duration jittered(Duration delay) {
        return delay.plusMillis(ThreadLocalRandom.current().nextLong(delay.toMillis() / 4 + 1));
    }

    /** A duration for a log line: "30 s", "0.4 s". */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** An exception for a log line: the message of the root cause, and its SQL state when there is one. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            message += " [SQL state " + sql.getSQLState() + "]";
        }
        return message;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            try (Statement unlisten = connection.createStatement()) {
                // A pooled connection goes back to the pool: it must not keep listening.
                unlisten.setQueryTimeout(1);
                unlisten.execute("UNLISTEN *");
            } catch (SQLException ignored) {
                // A broken connection: closing it is all that is left.
            }
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the PostgreSQL connection failed: {}", e.toString());
        }
    }
}
