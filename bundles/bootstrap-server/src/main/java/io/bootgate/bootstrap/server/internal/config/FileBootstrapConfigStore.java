/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.ObjectModelRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded config store: one JSON file per endpoint, {@code <directory>/<endpoint>.json}, picked up live.
 * Characters of the endpoint name a file name cannot carry are percent-encoded ({@link EndpointFileNames}), so
 * {@code urn:imei:490154203237518} is configured in {@code urn%3Aimei%3A490154203237518.json}.
 * <p>
 * A watcher thread wakes on file system events (and at least every poll interval, for file systems that send
 * none) and rescans the directory. A file whose modification time, size or referenced key files changed is
 * parsed again; a file that fails to parse is reported (log line naming the file and the field, and
 * {@link BootstrapConfigListener#configRejected}) and the endpoint's previous config stays in effect. Changes
 * made through {@link #put} and {@link #remove} are written to the directory first (atomically, through a
 * temporary file), so the files remain the single source of truth.
 */
public final class FileBootstrapConfigStore implements BootstrapConfigStore, AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private static final Logger LOG = LoggerFactory.getLogger(FileBootstrapConfigStore.class);
    private static final String SUFFIX = EndpointFileNames.SUFFIX;
    /**
     * Files modified this recently are parsed on every scan even if time and size look unchanged: a second write
     * within the file system's timestamp granularity would otherwise go unnoticed (git's "racy" rule).
     */
    private static final long RACY_MILLIS = 2_000;
    /** Editors write in several steps: wait this long after an event so a scan sees the finished file. */
    private static final long SETTLE_MILLIS = 100;

    private final Path directory;
    /** Read at each parse: a config naming an object defined later is accepted when parsed again. */
    private final Supplier<ObjectModelRegistry> models;

    private final KeyCodec keys;
    private final Duration pollInterval;
    private final Map<String, BootstrapConfig> configs = new ConcurrentHashMap<>();
    /** Per endpoint: what the last scan saw of its file and referenced files. Guarded by {@code this}. */
    private final Map<String, Fingerprint> seen = new HashMap<>();

    private final Set<String> invalidNames = new HashSet<>();
    /** Files warned of for an inline secretKey readable by group or others: warned once per file, not per scan. */
    private final Set<Path> looseSecretFiles = ConcurrentHashMap.newKeySet();

    private final List<BootstrapConfigListener> listeners = new CopyOnWriteArrayList<>();
    private volatile WatchService watchService;
    private volatile Thread watcher;
    private volatile boolean closed;
    /** Set when the object definitions changed: the next scan parses every file again. */
    private volatile boolean reparseAll;

    /** What a scan compares: modification time and size of the config file and each file it references. */
    private record Fingerprint(Map<Path, List<Long>> files, boolean racy) {}

    public FileBootstrapConfigStore(
            Path directory, Supplier<ObjectModelRegistry> models, KeyCodec keys, Duration pollInterval) {
        this.directory =
                Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.models = Objects.requireNonNull(models, "models");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** A store whose configs are checked against fixed object definitions. */
    public FileBootstrapConfigStore(Path directory, ObjectModelRegistry models, KeyCodec keys, Duration pollInterval) {
        this(directory, fixed(models), keys, pollInterval);
    }

    private static Supplier<ObjectModelRegistry> fixed(ObjectModelRegistry models) {
        Objects.requireNonNull(models, "models");
        return () -> models;
    }

    /**
     * The object definitions changed: the next scan (within the poll interval) parses every file again, so that a
     * config refused for an undefined object is accepted once the object is defined, and the other way round.
     * Returns at once; safe to call from any thread.
     */
    public void modelsChanged() {
        reparseAll = true;
    }

    private ConfigJson json() {
        return new ConfigJson(models.get(), keys);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Parses a config file as {@link #start()} and the watcher would, but stores nothing, tells no listener and
     * logs nothing: an operator's dry run of a file before it is copied into the directory.
     *
     * @throws BootstrapConfigException naming the file and the field, also when the file name gives no endpoint
     */
    public BootstrapConfig validate(Path file) throws BootstrapConfigException {
        Path fileName = file.getFileName();
        if (fileName == null) {
            throw new BootstrapConfigException(file, null, "not a file name");
        }
        String endpoint = EndpointFileNames.endpoint(fileName.toString())
                .orElseThrow(() -> new BootstrapConfigException(
                        file,
                        null,
                        "the file name must be <endpoint>" + EndpointFileNames.SUFFIX
                                + " (characters a file name cannot carry percent-encoded as %XX)"));
        if (!Files.isRegularFile(file)) {
            throw new BootstrapConfigException(file, null, "no such file");
        }
        return json().parse(file.toAbsolutePath(), endpoint).config();
    }

    /**
     * Creates the directory if needed, loads every config and starts watching.
     *
     * @throws IOException when the directory cannot be created or watched
     */
    public void start() throws IOException {
        Files.createDirectories(directory);
        rescan();
        WatchService service = FileSystems.getDefault().newWatchService();
        directory.register(
                service,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        watchService = service;
        Thread thread = new Thread(this::watch, "bootgate-bs-config-watch");
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
        LOG.info("Bootstrap configs: {} endpoint(s) loaded from {}", configs.size(), directory);
    }

    @Override
    public void close() {
        closed = true;
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.warn("Closing the watch service of {} failed: {}", directory, e.toString());
            }
        }
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
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

    @Override
    public Optional<BootstrapConfig> get(String endpoint) {
        return Optional.ofNullable(configs.get(endpoint));
    }

    @Override
    public Map<String, BootstrapConfig> getAll() {
        return Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    @Override
    public synchronized void put(BootstrapConfig config) throws BootstrapConfigException {
        String endpoint = config.endpoint();
        Path target = fileOf(endpoint);
        ConfigJson json = json();
        byte[] content = json.write(config);
        // Parse what is about to be stored: a config the file format cannot carry must fail here, not at reload.
        ConfigJson.Parsed parsed = json.parse(content, target, endpoint);
        Path temp = directory.resolve("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(directory);
            writeOwnerOnly(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new BootstrapConfigException(target, null, "cannot write: " + e.getMessage(), e);
        }
        seen.put(endpoint, fingerprint(target, parsed.referencedFiles()));
        accept(endpoint, parsed.config());
    }

    /**
     * Writes a config file readable by its owner only, synced to disk before it is renamed into place: configs carry
     * device and server private keys ({@code secretKey}), which no other local user may read.
     */
    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        try (FileChannel channel =
                FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            if (posix) {
                // The umask can only take bits away; set them explicitly so the file is exactly 600.
                Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
            }
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    @Override
    public synchronized boolean remove(String endpoint) throws BootstrapConfigException {
        Path target = fileOf(endpoint);
        boolean existed;
        try {
            existed = Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new BootstrapConfigException(target, null, "cannot delete: " + e.getMessage(), e);
        }
        seen.remove(endpoint);
        return drop(endpoint) || existed;
    }

    private Path fileOf(String endpoint) throws BootstrapConfigException {
        try {
            BootstrapConfig.checkEndpoint(endpoint);
        } catch (IllegalArgumentException e) {
            throw new BootstrapConfigException(null, "endpoint", e.getMessage(), e);
        }
        Path file;
        try {
            file = directory.resolve(EndpointFileNames.fileName(endpoint));
        } catch (IllegalArgumentException e) {
            throw new BootstrapConfigException(null, "endpoint", e.getMessage(), e);
        }
        // The encoding leaves no separator and no leading dot, so this holds by construction; checked because a
        // file outside the directory would be a path traversal.
        if (!directory.equals(file.getParent())) {
            throw new BootstrapConfigException(
                    null, "endpoint", "endpoint name '" + endpoint + "' does not map to a file of " + directory);
        }
        return file;
    }

    /** Compares the directory with what was seen last and applies the differences. */
    public synchronized void rescan() {
        if (reparseAll) {
            reparseAll = false;
            seen.replaceAll((endpoint, before) -> new Fingerprint(before.files(), true));
        }
        Map<String, Path> present = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                Optional<String> decoded = EndpointFileNames.endpoint(name);
                if (decoded.isEmpty()) {
                    if (invalidNames.add(name)) {
                        LOG.warn(
                                "Bootstrap config {} ignored: its name is not the file name of an endpoint (characters"
                                        + " such as ':' are written %3A, '%' as %25, e.g. urn%3Aimei%3A490154203237518.json)",
                                file);
                    }
                    continue;
                }
                String endpoint = decoded.get();
                try {
                    BootstrapConfig.checkEndpoint(endpoint);
                    present.put(endpoint, file);
                } catch (IllegalArgumentException e) {
                    if (invalidNames.add(name)) {
                        LOG.warn(
                                "Bootstrap config {} ignored: its name is no endpoint name ({})", file, e.getMessage());
                    }
                }
            }
        } catch (NoSuchFileException e) {
            LOG.warn("Bootstrap config directory {} does not exist (any more): no configs", directory);
        } catch (IOException e) {
            // Keep what is loaded: a transient listing failure must not de-authorise every device.
            LOG.error(
                    "Cannot list bootstrap config directory {}: {}; keeping the configs loaded",
                    directory,
                    e.toString());
            return;
        }
        for (Map.Entry<String, Path> entry : present.entrySet()) {
            String endpoint = entry.getKey();
            Fingerprint previous = seen.get(endpoint);
            Set<Path> referenced =
                    previous == null ? Set.of() : previous.files().keySet();
            Fingerprint now = fingerprint(entry.getValue(), referenced);
            if (previous != null && !previous.racy() && previous.equals(now)) {
                continue;
            }
            load(endpoint, entry.getValue());
        }
        for (String endpoint : new ArrayList<>(seen.keySet())) {
            if (!present.containsKey(endpoint)) {
                seen.remove(endpoint);
                if (drop(endpoint)) {
                    LOG.info("Bootstrap config of {} removed ({} deleted)", endpoint, fileOfUnchecked(endpoint));
                }
            }
        }
    }

    private Path fileOfUnchecked(String endpoint) {
        return directory.resolve(EndpointFileNames.fileName(endpoint));
    }

    private void load(String endpoint, Path file) {
        warnIfSecretReadableByOthers(file);
        try {
            ConfigJson.Parsed parsed = json().parse(file, endpoint);
            seen.put(endpoint, fingerprint(file, parsed.referencedFiles()));
            accept(endpoint, parsed.config());
        } catch (BootstrapConfigException e) {
            seen.put(endpoint, fingerprint(file, Set.of()));
            BootstrapConfig kept = configs.get(endpoint);
            LOG.error(
                    "Bootstrap config of {} rejected: {}; {}",
                    endpoint,
                    e.getMessage(),
                    kept == null ? "the endpoint has no config" : "its previous config stays in effect");
            for (BootstrapConfigListener listener : listeners) {
                try {
                    listener.configRejected(endpoint, e);
                } catch (RuntimeException listenerFailure) {
                    LOG.warn(
                            "Config listener {} failed on the rejection of {}'s config",
                            listener,
                            endpoint,
                            listenerFailure);
                }
            }
        }
    }

    private void accept(String endpoint, BootstrapConfig config) {
        BootstrapConfig previous = configs.put(endpoint, config);
        if (config.equals(previous)) {
            return;
        }
        LOG.info("Bootstrap config of {} {}", endpoint, previous == null ? "added" : "updated");
        for (BootstrapConfigListener listener : listeners) {
            try {
                listener.configUpdated(config);
            } catch (RuntimeException e) {
                LOG.warn("Config listener {} failed on the update of {}'s config", listener, endpoint, e);
            }
        }
    }

    private boolean drop(String endpoint) {
        if (configs.remove(endpoint) == null) {
            return false;
        }
        for (BootstrapConfigListener listener : listeners) {
            try {
                listener.configRemoved(endpoint);
            } catch (RuntimeException e) {
                LOG.warn("Config listener {} failed on the removal of {}'s config", listener, endpoint, e);
            }
        }
        return true;
    }

    /**
     * Warns once per file when it holds an inline {@code secretKey} (a private key, not a reference to a key file:
     * {@code file}, {@code pemFile}, ...)
     * and group or others may read it: any local user could copy the device's key.
     */
    private void warnIfSecretReadableByOthers(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions (or the file is gone): nothing to judge; the parse reports a missing file.
            return;
        }
        boolean readableByOthers = permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
        if (!readableByOthers || !holdsInlineSecretKey(file)) {
            looseSecretFiles.remove(file);
            return;
        }
        if (looseSecretFiles.add(file)) {
            LOG.warn(
                    "Bootstrap config {} holds an inline secretKey and is readable by group or others ({}): any local "
                            + "user can copy the private key; make it owner-only: chmod 600 {}",
                    file,
                    PosixFilePermissions.toString(permissions),
                    file);
        }
    }

    /** Whether {@code file} was warned of for an inline secretKey readable by others (and still is). */
    boolean warnedOfReadableSecret(Path file) {
        return looseSecretFiles.contains(file);
    }

    private static boolean holdsInlineSecretKey(Path file) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = SECRET_SCAN.readTree(file.toFile());
        } catch (IOException e) {
            // Not JSON: the parse rejects the file with the reason.
            return false;
        }
        if (root == null) {
            return false;
        }
        for (com.fasterxml.jackson.databind.JsonNode value : root.findValues("secretKey")) {
            boolean fileReference = value.isObject()
                    && java.util.stream.StreamSupport.stream(
                                    java.util.Spliterators.spliteratorUnknownSize(value.fieldNames(), 0), false)
                            .anyMatch(name -> name.equals("file") || name.endsWith("File"));
            if (!fileReference
                    && !value.isNull()
                    && !(value.isTextual() && value.asText().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SECRET_SCAN =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static Fingerprint fingerprint(Path file, Set<Path> referenced) {
        Map<Path, List<Long>> files = new TreeMap<>();
        long now = System.currentTimeMillis();
        boolean racy = false;
        Set<Path> all = new HashSet<>(referenced);
        all.add(file);
        for (Path path : all) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                long modified = attributes.lastModifiedTime().toMillis();
                racy |= now - modified < RACY_MILLIS;
                files.put(path, List.of(modified, attributes.size()));
            } catch (IOException e) {
                // A missing referenced file is part of the state: when it appears, the config is parsed again.
                files.put(path, List.of(-1L, -1L));
            }
        }
        return new Fingerprint(files, racy);
    }

    private void watch() {
        WatchService service = watchService;
        while (!closed) {
            try {
                WatchKey key = service.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    Thread.sleep(SETTLE_MILLIS);
                    key.pollEvents();
                    if (!key.reset()) {
                        LOG.warn(
                                "Bootstrap config directory {} cannot be watched any more; polling every {}",
                                directory,
                                pollInterval);
                    }
                    drainPending(service);
                }
                rescan();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                if (!closed) {
                    LOG.warn("Bootstrap config watcher of {} stopped unexpectedly: {}", directory, e.toString());
                }
                return;
            } catch (RuntimeException e) {
                // One bad scan must not end live reloading for good.
                LOG.error("Scanning bootstrap configs in {} failed", directory, e);
            }
        }
    }

    private static void drainPending(WatchService service) {
        WatchKey more;
        while ((more = service.poll()) != null) {
            more.pollEvents();
            more.reset();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete temporary file {}: {}", file, e.toString());
        }
    }
}
