/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store.internal;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.EndpointQuarantinedException;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.QuarantinedEndpoint;
import io.bootgate.api.store.StoreCorruptedException;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreHealth;
import io.bootgate.api.store.StoreHealthListener;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.UnknownEndpointException;
import io.bootgate.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object store on H2 MVStore.
 * <p>
 * Layout: map {@code endpoints} holds one entry per endpoint, its whole tree encoded by {@link TreeCodec};
 * map {@code meta} holds the format marker that tells a Bootgate store from any other MVStore file, and the
 * number of the last commit.
 * <p>
 * Atomicity: a transaction works on a decoded copy and commits by replacing its endpoint's single entry, then
 * committing the MVStore, which appends a new chunk; MVStore's recovery uses the newest complete chunk. An
 * entry is either the old or the new tree, never a mixture, whatever instant the process dies at. MVStore's
 * auto-commit is disabled, so nothing reaches the file except through {@link StoreIo}'s commits, and space
 * reuse is off, so no committed chunk is ever overwritten (see {@link #openAppendOnly}); the file is rewritten
 * into a fresh one when it is mostly dead space ({@link #compactByRewrite}).
 * <p>
 * Damage: MVStore silently opens an older version when newer chunks are unreadable; the {@link CommitWitness}
 * beside the file turns that into an error, as are unreadable files and entries.
 * <p>
 * Memory: nothing per endpoint is kept on the heap besides MVStore's pages (the page cache is bounded by
 * {@link StoreOptions#cacheSizeMb()}); trees are decoded on each read.
 */
public final class StoreEngine implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(StoreEngine.class);
    static final String ENDPOINTS_MAP = "endpoints";
    static final String META_MAP = "meta";
    /**
     * Raw entries of quarantined endpoints that were deleted (key {@code endpoint@instant}): kept for recovery,
     * copied by compaction and backup, never read by the store.
     */
    static final String QUARANTINE_MAP = "quarantine";

    static final String FORMAT_KEY = "bootgate.store.format";
    static final String FORMAT_VALUE = "1";
    /** Meta key of the number of the last commit, compared with the {@link CommitWitness} at start-up. */
    static final String COMMITS_KEY = "bootgate.store.commits";

    private static final String COMPACT_SUFFIX = ".compact";

    private final StoreOptions options;
    private final String name;
    private final EndpointLocks locks = new EndpointLocks();
    private final CopyOnWriteArrayList<ObjectStoreListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<StoreHealthListener> healthListeners = new CopyOnWriteArrayList<>();
    /** Tells health changes off the I/O thread, in order, so a listener may use the store. */
    private final ExecutorService healthNotifier = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bootgate-store-health");
        thread.setDaemon(true);
        return thread;
    });
    /** Endpoints whose stored tree is unreadable; their entries stay in the map untouched. */
    private final Map<String, QuarantinedEndpoint> quarantine = new ConcurrentHashMap<>();

    private final byte[] emptyTree = TreeCodec.encode(0, Map.of());
    private final StoreIo io;
    // Fields below are set and used on the I/O thread only (set before the constructor returns).
    private MVMap<String, byte[]> endpointsMap;
    private MVMap<String, String> metaMap;
    private long commitNumber;
    private CommitWitness witness;
    private boolean witnessFailed;
    private boolean quietOpen;

    private StoreEngine(StoreOptions options) {
        this.options = options;
        this.name = options.file().map(Path::toString).orElse("(in memory)");
        StoreIo started;
        try {
            started = new StoreIo(
                    name,
                    new Backend(),
                    options.syncOnCommit(),
                    options.idleMaintenance(),
                    options.commitsPerMaintenance(),
                    options.firstRetry(),
                    options.maxRetry(),
                    this::healthChanged);
        } catch (RuntimeException e) {
            healthNotifier.shutdown();
            throw e;
        }
        this.io = started;
    }

    private void healthChanged(StoreHealth health) {
        healthNotifier.execute(() -> healthListeners.forEach(listener -> tell(listener, health)));
    }

    private static void tell(StoreHealthListener listener, StoreHealth health) {
        try {
            listener.healthChanged(health);
        } catch (RuntimeException e) {
            LOG.warn("object store health listener {} failed on {}: {}", listener, health.status(), e.toString(), e);
        }
    }

    /** The store's side of {@link StoreIo}: opening, commit numbering and the witness. */
    private final class Backend implements StoreIo.Backend {

        @Override
        public MVStore open(boolean writable, boolean quiet) {
            quietOpen = quiet;
            try {
                return openOnIoThread(writable);
            } finally {
                quietOpen = false;
            }
        }

        @Override
        public void beforeCommit() {
            metaMap.put(COMMITS_KEY, Long.toString(commitNumber + 1));
        }

        @Override
        public void afterCommit() {
            commitNumber++;
            if (witness == null) {
                return;
            }
            try {
                witness.record(commitNumber);
                witnessFailed = false;
            } catch (IOException e) {
                // The commit itself is durable; a stale witness only weakens the start-up check.
                if (!witnessFailed) {
                    LOG.warn("object store {}: cannot update the commit witness: {}", name, e.toString());
                }
                witnessFailed = true;
            }
        }

        @Override
        public MVStore maintain(MVStore current) {
            return options.file().isPresent() ? compactIfSparse(current) : current;
        }

        @Override
        public void close() {
            if (witness != null) {
                try {
                    witness.close();
                } catch (IOException e) {
                    LOG.warn("object store {}: closing the commit witness failed: {}", name, e.toString());
                }
                witness = null;
            }
        }
    }

    public static StoreEngine open(StoreOptions options) {
        StoreEngine engine = new StoreEngine(options);
        LOG.info("object store {} open: {} endpoints", engine.name, engine.io.read(() -> engine.endpointsMap.size()));
        return engine;
    }

    public Optional<Path> file() {
        return options.file();
    }

    public void addListener(ObjectStoreListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ObjectStoreListener listener) {
        listeners.remove(listener);
    }

    /**
     * Adds a health listener and tells it the current health first, on the notification thread, so that it
     * sees every change after that in order (around its registration it may be told one state twice).
     */
    public void addHealthListener(StoreHealthListener listener) {
        healthListeners.add(listener);
        StoreHealth current = io.health();
        healthNotifier.execute(() -> tell(listener, current));
    }

    public void removeHealthListener(StoreHealthListener listener) {
        healthListeners.remove(listener);
    }

    public void close() {
        io.close();
        healthNotifier.shutdown();
        LOG.info("object store {} closed", name);
    }

    // ---- ObjectStore

    @Override
    public SortedSet<String> endpoints() {
        return Collections.unmodifiableSortedSet(io.read(() -> new TreeSet<>(endpointsMap.keySet())));
    }

    @Override
    public boolean exists(String endpoint) {
        checkName(endpoint);
        return io.read(() -> endpointsMap.containsKey(endpoint));
    }

    @Override
    public boolean createEndpoint(String endpoint) {
        checkName(endpoint);
        boolean created = io.write(() -> endpointsMap.putIfAbsent(endpoint, emptyTree) == null);
        if (created) {
            LOG.debug("endpoint '{}' created", endpoint);
            fire(new StoreEvent(endpoint, StoreEvent.Kind.CREATED, 0, new TreeSet<>()));
        }
        return created;
    }

    @Override
    public boolean deleteEndpoint(String endpoint) {
        checkName(endpoint);
        EndpointLocks.Slot slot = locks.acquire(endpoint, options.transactionWait(), "deleteEndpoint");
        byte[] removed;
        QuarantinedEndpoint quarantined = quarantine.get(endpoint);
        try {
            if (quarantined == null) {
                removed = io.write(() -> endpointsMap.remove(endpoint));
            } else {
                String keptAs = endpoint + "@" + Instant.now();
                // Both changes go into the same MVStore commit: the raw bytes are never dropped.
                removed = io.write(() -> {
                    byte[] raw = endpointsMap.get(endpoint);
                    if (raw != null) {
                        quarantineMap().put(keptAs, raw);
                        endpointsMap.remove(endpoint);
                    }
                    return raw;
                });
                quarantine.remove(endpoint);
                LOG.warn(
                        "object store {}: quarantined endpoint '{}' deleted; its raw entry ({} bytes) is kept in "
                                + "map '{}' as '{}'",
                        name,
                        endpoint,
                        removed == null ? 0 : removed.length,
                        QUARANTINE_MAP,
                        keptAs);
            }
        } finally {
            locks.release(endpoint, slot);
        }
        if (removed == null) {
            return false;
        }
        LOG.debug("endpoint '{}' deleted", endpoint);
        fire(new StoreEvent(
                endpoint,
                StoreEvent.Kind.DELETED,
                quarantined == null ? TreeCodec.revisionOf(removed) : 0,
                new TreeSet<>()));
        return true;
    }

    @Override
    public TreeView snapshot(String endpoint) {
        checkName(endpoint);
        byte[] data = io.read(() -> endpointsMap.get(endpoint));
        if (data == null) {
            throw new UnknownEndpointException(endpoint);
        }
        return decode(endpoint, data);
    }

    @Override
    public StoreTransaction begin(String endpoint) {
        return begin(endpoint, options.transactionWait());
    }

    @Override
    public StoreTransaction begin(String endpoint, Duration timeout) {
        checkName(endpoint);
        if (!io.health().available()) {
            throw io.unavailable();
        }
        QuarantinedEndpoint quarantined = quarantine.get(endpoint);
        if (quarantined != null) {
            throw new EndpointQuarantinedException(endpoint, quarantined.reason());
        }
        EndpointLocks.Slot slot = locks.acquire(endpoint, timeout, "transaction");
        try {
            byte[] data = io.read(() -> endpointsMap.get(endpoint));
            if (data == null) {
                throw new UnknownEndpointException(endpoint);
            }
            return new MvTransaction(this, slot, decode(endpoint, data));
        } catch (RuntimeException e) {
            locks.release(endpoint, slot);
            throw e;
        }
    }

    @Override
    public ObjectModelRegistry models() {
        return options.models();
    }

    @Override
    public StoreHealth health() {
        return io.health();
    }

    @Override
    public List<QuarantinedEndpoint> quarantined() {
        return List.copyOf(new TreeMap<>(quarantine).values());
    }

    @Override
    public long backup(Path target) {
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        if (Files.exists(absolute)) {
            throw new StoreException("backup target " + absolute + " exists; choose a new file name");
        }
        long start = System.nanoTime();
        // On the I/O thread: the copy is of one committed version, commits wait until it is written.
        long count = io.read(() -> writeCopy(partial));
        try {
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
            Path parent = absolute.getParent();
            if (parent != null) {
                StoreFiles.fsyncDirectory(parent);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new StoreException("cannot write backup " + absolute + ": " + e, e);
        }
        LOG.info(
                "object store {}: backup of {} endpoints written to {} in {} ms",
                name,
                count,
                absolute,
                (System.nanoTime() - start) / 1_000_000);
        return count;
    }

    /** Writes every entry of the current committed version into a new store file. On the I/O thread. */
    private long writeCopy(Path copyFile) {
        try {
            Files.deleteIfExists(copyFile);
            // Created owner-only before a byte of content is written: the copy holds the same keys.
            if (StoreFiles.posix()) {
                Files.createFile(
                        copyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            long count = copyInto(copyFile.toString());
            StoreFiles.restrictFile(copyFile);
            StoreFiles.fsync(copyFile);
            return count;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copyFile);
            throw new StoreException("cannot write backup " + copyFile + ": " + e, e);
        }
    }

    /** Copies meta, endpoints and kept quarantined entries into a new MVStore file, committed; returns the count. */
    private long copyInto(String fileName) {
        MVStore copy = builder().fileName(fileName).open();
        try {
            copy.openMap(META_MAP).putAll(metaMap);
            MVMap<String, byte[]> endpoints = copy.openMap(ENDPOINTS_MAP, endpointsBuilder());
            long count = 0;
            for (Map.Entry<String, byte[]> entry : endpointsMap.entrySet()) {
                endpoints.put(entry.getKey(), entry.getValue());
                count++;
            }
            MVStore source = endpointsMap.getStore();
            if (source.hasMap(QUARANTINE_MAP)) {
                copy.openMap(QUARANTINE_MAP, endpointsBuilder()).putAll(quarantineMap());
            }
            copy.commit();
            return count;
        } finally {
            copy.close();
        }
    }

    private MVMap<String, byte[]> quarantineMap() {
        return endpointsMap.getStore().openMap(QUARANTINE_MAP, endpointsBuilder());
    }

    // ---- used by MvTransaction

    /** Stores a committed tree durably. The caller holds the endpoint's slot. */
    void store(String endpoint, long revision, Map<Integer, LwM2mObject> objects) {
        byte[] data = TreeCodec.encode(revision, objects);
        io.write(() -> {
            // The slot keeps deleteEndpoint out while the transaction is open; this only guards that promise.
            if (!endpointsMap.containsKey(endpoint)) {
                throw new UnknownEndpointException(endpoint);
            }
            return endpointsMap.put(endpoint, data);
        });
    }

    void release(String endpoint, EndpointLocks.Slot slot) {
        locks.release(endpoint, slot);
    }

    void committed(Snapshot before, long revision, Map<Integer, LwM2mObject> after) {
        if (listeners.isEmpty()) {
            return;
        }
        fire(new StoreEvent(
                before.endpoint(), StoreEvent.Kind.UPDATED, revision, changedInstances(before.objects(), after)));
    }

    private static SortedSet<LwM2mPath> changedInstances(
            Map<Integer, LwM2mObject> before, Map<Integer, LwM2mObject> after) {
        TreeSet<LwM2mPath> changed = new TreeSet<>();
        TreeSet<Integer> objectIds = new TreeSet<>(before.keySet());
        objectIds.addAll(after.keySet());
        for (int objectId : objectIds) {
            SortedMap<Integer, ObjectInstance> b = instances(before.get(objectId));
            SortedMap<Integer, ObjectInstance> a = instances(after.get(objectId));
            TreeSet<Integer> instanceIds = new TreeSet<>(b.keySet());
            instanceIds.addAll(a.keySet());
            for (int instanceId : instanceIds) {
                if (!java.util.Objects.equals(b.get(instanceId), a.get(instanceId))) {
                    changed.add(LwM2mPath.of(objectId, instanceId));
                }
            }
        }
        return changed;
    }

    private static SortedMap<Integer, ObjectInstance> instances(LwM2mObject object) {
        return object == null ? new TreeMap<>() : object.instances();
    }

    private void fire(StoreEvent event) {
        for (ObjectStoreListener listener : listeners) {
            try {
                listener.changed(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "object store listener {} failed on {} of endpoint '{}': {}",
                        listener,
                        event.kind(),
                        event.endpoint(),
                        e.toString(),
                        e);
            }
        }
    }

    private Snapshot decode(String endpoint, byte[] data) {
        QuarantinedEndpoint quarantined = quarantine.get(endpoint);
        if (quarantined != null) {
            throw new EndpointQuarantinedException(endpoint, quarantined.reason());
        }
        try {
            TreeCodec.Decoded decoded = TreeCodec.decode(data);
            return new Snapshot(endpoint, decoded.revision(), decoded.objects());
        } catch (TreeCodec.FormatException e) {
            throw new EndpointQuarantinedException(
                    endpoint, quarantine(endpoint, data, e).reason());
        }
    }

    /** Puts an endpoint with an unreadable entry in quarantine (once), leaving its entry untouched. */
    private QuarantinedEndpoint quarantine(String endpoint, byte[] data, TreeCodec.FormatException cause) {
        QuarantinedEndpoint entry = new QuarantinedEndpoint(endpoint, cause.getMessage(), Instant.now(), data.length);
        QuarantinedEndpoint earlier = quarantine.putIfAbsent(endpoint, entry);
        if (earlier != null) {
            return earlier;
        }
        LOG.error(
                "object store {}: stored tree of endpoint '{}' is unreadable ({}); the endpoint is quarantined, "
                        + "its {} raw bytes are kept, every other endpoint works. Recover by deleting and re-creating it "
                        + "(it is then bootstrapped afresh) or by restoring a backup",
                name,
                endpoint,
                cause.getMessage(),
                data.length);
        return entry;
    }

    private static void checkName(String endpoint) {
        if (endpoint == null || endpoint.isEmpty() || endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("endpoint name must have 1 to " + MAX_ENDPOINT_LENGTH
                    + " characters, got " + (endpoint == null ? "null" : endpoint.length() + ": '" + endpoint + "'"));
        }
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- compaction, on the I/O thread

    /**
     * Rewrites the store into a fresh file once the file exceeds the compaction threshold and less than a third
     * of it is live. Appending only, the file otherwise grows with every commit.
     */
    private MVStore compactIfSparse(MVStore current) {
        FileStore<?> fileStore = current.getFileStore();
        long size = fileStore.size();
        long live = size * fileStore.getFillRate() / 100 * fileStore.getChunksFillRate() / 100;
        if (size < options.compactionThreshold() || live * 3 > size) {
            return current;
        }
        return compactByRewrite(current, size);
    }

    /**
     * Copies every entry into a new file beside the store, makes it durable, closes the store and renames the
     * new file over it, then reopens. A crash before the rename leaves the old file, complete; after it, the new
     * one, complete: the rename is the single atomic step. The copy keeps the commit number, so the witness
     * stays valid.
     */
    private MVStore compactByRewrite(MVStore current, long sizeBefore) {
        Path file = options.file().orElseThrow();
        Path directory = options.directory().orElseThrow();
        Path fresh = directory.resolve(StoreOptions.FILE_NAME + COMPACT_SUFFIX);
        long start = System.nanoTime();
        try {
            Files.deleteIfExists(fresh);
            copyInto(options.mvFileName(fresh));
            StoreFiles.restrictFile(fresh);
            StoreFiles.fsync(fresh);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "object store {}: compaction failed before the switch, the store is unchanged: {}",
                    name,
                    e.toString());
            deleteQuietly(fresh);
            return current;
        }
        current.close();
        try {
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            StoreFiles.fsyncDirectory(directory);
        } catch (IOException e) {
            LOG.warn(
                    "object store {}: compaction could not switch files, going on with the old one: {}",
                    name,
                    e.toString());
            deleteQuietly(fresh);
        }
        MVStore reopened = openAppendOnly(file, true);
        endpointsMap = reopened.openMap(ENDPOINTS_MAP, endpointsBuilder());
        metaMap = reopened.openMap(META_MAP);
        LOG.info(
                "object store {}: compacted from {} to {} bytes in {} ms",
                name,
                sizeBefore,
                reopened.getFileStore().size(),
                (System.nanoTime() - start) / 1_000_000);
        return reopened;
    }

    private void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("object store {}: cannot delete {}: {}", name, path, e.toString());
        }
    }

    // ---- opening, on the I/O thread

    private MVStore openOnIoThread(boolean writable) {
        try {
            return openAndVerify(writable);
        } catch (OutOfMemoryError e) {
            // MVStore checksums page headers, not contents: a damaged length field inside a page makes it ask
            // for a buffer of that length. The failed allocation is not retained, so this is reportable.
            throw corrupted(
                    "reading it ran out of memory (max heap "
                            + Runtime.getRuntime().maxMemory() / (1 << 20)
                            + " MiB): a damaged length field in the file asks for a huge buffer; if instead the heap is "
                            + "too small for the store, raise it",
                    e);
        }
    }

    private MVStore openAndVerify(boolean writable) {
        Optional<Path> file = options.file();
        MVStore store =
                file.isPresent() ? openFile(options.directory().orElseThrow(), file.get(), writable) : openInMemory();
        boolean opened = false;
        try {
            endpointsMap = store.openMap(ENDPOINTS_MAP, endpointsBuilder());
            metaMap = store.openMap(META_MAP);
            commitNumber = Long.parseLong(metaMap.getOrDefault(COMMITS_KEY, "0"));
            if (options.verifyOnOpen()) {
                verify();
            }
            if (file.isPresent() && writable) {
                witness = CommitWitness.open(witnessFile());
                witness.recordDurably(commitNumber);
            }
            opened = true;
            return store;
        } catch (IOException e) {
            throw new StoreException("cannot write commit witness " + witnessFile() + ": " + e, e);
        } catch (RuntimeException e) {
            throw e instanceof StoreException se ? se : corrupted(e);
        } finally {
            if (!opened) {
                store.closeImmediately();
                new Backend().close();
                witness = null;
            }
        }
    }

    private Path witnessFile() {
        return options.directory().orElseThrow().resolve(CommitWitness.FILE_NAME);
    }

    private static MVMap.Builder<String, byte[]> endpointsBuilder() {
        return new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE);
    }

    private MVStore openInMemory() {
        if (endpointsMap != null) {
            // Reopening after a fault: an in-memory store has nothing to reopen from.
            throw new StoreException("object store " + name + " is in memory and cannot be reopened");
        }
        MVStore store = builder().open();
        store.openMap(META_MAP).put(FORMAT_KEY, FORMAT_VALUE);
        return store;
    }

    private MVStore openFile(Path directory, Path file, boolean writable) {
        if (writable) {
            StoreFiles.prepareDirectory(directory);
            // Left by a compaction the process did not finish: the store file is the complete one.
            deleteQuietly(directory.resolve(StoreOptions.FILE_NAME + COMPACT_SUFFIX));
        }
        CommitWitness.Reading confirmed = CommitWitness.read(witnessFile());
        try {
            if (!Files.exists(file)) {
                if (confirmed instanceof CommitWitness.Confirmed c && c.commit() > 0) {
                    throw corrupted(
                            "the file is missing, but " + witnessFile() + " records " + c.commit()
                                    + " confirmed commits: restore the store file from a backup and delete the witness "
                                    + "file, or move the witness file away to start with an empty store",
                            null);
                }
                if (!writable) {
                    throw new StoreException("object store " + file + " does not exist and cannot be created now");
                }
                createFile(directory, file);
                confirmed = new CommitWitness.Confirmed(0);
            } else if (Files.size(file) == 0) {
                throw corrupted(
                        "the file is empty. A store is never created empty in place (it is written "
                                + "aside and renamed), so data was lost: restore the file from a backup, or move it away "
                                + "to start with an empty store",
                        null);
            }
        } catch (IOException e) {
            throw new StoreException("cannot access object store " + file + ": " + e, e);
        }
        if (writable) {
            StoreFiles.restrictFile(file);
        }
        MVStore store;
        try {
            store = openAppendOnly(file, writable);
        } catch (MVStoreException e) {
            if (StoreFaults.isUnwritable(e)) {
                // Not damage: the file cannot be opened for writing (read-only file system, permissions).
                throw new StoreException("cannot open object store " + file + " for writing: " + e, e);
            }
            throw translate(e);
        } catch (RuntimeException e) {
            throw corrupted(e);
        }
        try {
            checkFormat(store);
            checkNotRolledBack(store, confirmed);
            return store;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * Refuses a store that holds fewer commits than were confirmed: MVStore opened an older version because
     * newer data in the file is damaged.
     */
    private void checkNotRolledBack(MVStore store, CommitWitness.Reading confirmed) {
        String value = store.<String, String>openMap(META_MAP).get(COMMITS_KEY);
        long stored;
        try {
            stored = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw corrupted("its commit number '" + value + "' is missing or invalid", e);
        }
        if (confirmed instanceof CommitWitness.Confirmed c && stored < c.commit()) {
            throw corrupted(
                    "it holds commit " + stored + ", but commit " + c.commit() + " was confirmed (recorded in "
                            + witnessFile() + "): newer data in the file is damaged and MVStore fell back to an older "
                            + "version. Restore the store file from a backup and delete the witness file, or move both "
                            + "files away to start empty",
                    null);
        }
        if (confirmed instanceof CommitWitness.Unreadable u) {
            LOG.warn(
                    "object store {}: commit witness {} is unreadable ({}); it is rewritten, but this start cannot "
                            + "rule out a fall-back to an older version",
                    name,
                    witnessFile(),
                    u.why());
        } else if (confirmed instanceof CommitWitness.Missing) {
            LOG.warn(
                    "object store {}: commit witness {} is missing; it is rewritten, but this start cannot rule "
                            + "out a fall-back to an older version",
                    name,
                    witnessFile());
        }
    }

    /**
     * Creates a new store file aside and renames it into place, so that the store file, once it exists, is
     * always a complete Bootgate store: an empty or foreign file at that name is then known to be damage.
     */
    private void createFile(Path directory, Path file) throws IOException {
        Path fresh = directory.resolve(StoreOptions.FILE_NAME + ".new");
        Files.deleteIfExists(fresh);
        MVStore store = builder().fileName(options.mvFileName(fresh)).open();
        try {
            MVMap<String, String> meta = store.openMap(META_MAP);
            meta.put(FORMAT_KEY, FORMAT_VALUE);
            meta.put(COMMITS_KEY, "0");
            meta.put("created", Instant.now().toString());
            store.openMap(ENDPOINTS_MAP, endpointsBuilder());
            store.commit();
        } finally {
            store.close();
        }
        StoreFiles.restrictFile(fresh);
        StoreFiles.fsync(fresh);
        try (CommitWitness fresh0 = CommitWitness.open(witnessFile())) {
            fresh0.recordDurably(0);
        }
        StoreFiles.restrictFile(witnessFile());
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
        StoreFiles.fsyncDirectory(directory);
        LOG.info("created new object store {}", file);
    }

    /**
     * Opens the file with space reuse off: every chunk is appended, none overwritten. MVStore's crash recovery
     * follows the chain of newest chunks; with reuse on, a chunk written into freed space breaks that chain, and
     * in our crash test a killed process then reopened at an older version (caught by {@link CommitWitness}) or
     * failed with "Double mark". Appending only, no committed chunk is ever touched again; the file is kept
     * small by {@link #compactByRewrite} instead.
     */
    private MVStore openAppendOnly(Path file, boolean writable) {
        MVStore.Builder builder = builder().fileName(options.mvFileName(file));
        if (!writable) {
            return builder.readOnly().open();
        }
        MVStore store = builder.open();
        store.setReuseSpace(false);
        return store;
    }

    private MVStore.Builder builder() {
        MVStore.Builder builder = new MVStore.Builder().autoCommitDisabled().cacheSize(options.cacheSizeMb());
        // A copy of the secret: MVStore wipes it once it has derived the file key.
        options.encryptionKey().ifPresent(builder::encryptionKey);
        return builder;
    }

    private void checkFormat(MVStore store) {
        if (!store.hasMap(META_MAP)) {
            throw corrupted("it is an MVStore file but not a Bootgate object store (no '" + META_MAP + "' map)", null);
        }
        String format = store.<String, String>openMap(META_MAP).get(FORMAT_KEY);
        if (!FORMAT_VALUE.equals(format)) {
            throw corrupted(
                    format == null
                            ? "its format marker is missing"
                            : "it has store format " + format + ", this version reads format " + FORMAT_VALUE,
                    null);
        }
    }

    /**
     * Decodes every stored tree so that damage is found now, not at first use. An unreadable tree quarantines
     * its endpoint only (the file itself is sound: MVStore read the page holding it).
     */
    private void verify() {
        long start = System.nanoTime();
        int count = 0;
        List<String> readable = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : endpointsMap.entrySet()) {
            try {
                TreeCodec.decode(entry.getValue());
                readable.add(entry.getKey());
            } catch (TreeCodec.FormatException e) {
                quarantine(entry.getKey(), entry.getValue(), e);
            }
            count++;
        }
        // On a reopen after a fault the quarantine is found anew; an entry that decodes leaves it.
        quarantine.keySet().removeAll(readable);
        LOG.debug(
                "object store {}: verified {} endpoints in {} ms",
                name,
                count,
                (System.nanoTime() - start) / 1_000_000);
    }

    private StoreException translate(MVStoreException e) {
        return switch (e.getErrorCode()) {
            case DataUtils.ERROR_FILE_LOCKED -> new StoreException(
                    "object store " + name + " is in use by another process (the file is locked): " + e.getMessage(),
                    e);
            case DataUtils.ERROR_UNSUPPORTED_FORMAT -> corrupted(
                    "its MVStore format is not supported by this H2 version: " + e.getMessage(), e);
            default -> corrupted(e);
        };
    }

    private StoreCorruptedException corrupted(Throwable cause) {
        String hint = options.encrypted()
                ? " (or it was not written with the configured encryption key)"
                : " (or it is encrypted and no encryption key is configured)";
        return corrupted("cannot be read: " + cause.getMessage() + hint, cause);
    }

    private StoreCorruptedException corrupted(String message, Throwable cause) {
        if (!quietOpen) {
            LOG.error("object store {} is unusable, refusing to start: {}", name, message);
        }
        return new StoreCorruptedException(name, message, cause);
    }
}
