package io.bootgate.store.internal;

import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.ObjectStoreListener;
import io.bootgate.api.store.StoreCorruptedException;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreException;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.UnknownEndpointException;
import io.bootgate.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
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
    static final String FORMAT_KEY = "bootgate.store.format";
    static final String FORMAT_VALUE = "1";
    /** Meta key of the number of the last commit, compared with the {@link CommitWitness} at start-up. */
    static final String COMMITS_KEY = "bootgate.store.commits";
    private static final String COMPACT_SUFFIX = ".compact";

    private final StoreOptions options;
    private final String name;
    private final EndpointLocks locks = new EndpointLocks();
    private final CopyOnWriteArrayList<ObjectStoreListener> listeners = new CopyOnWriteArrayList<>();
    private final byte[] emptyTree = TreeCodec.encode(0, Map.of());
    private final StoreIo io;
    // Fields below are set and used on the I/O thread only (set before the constructor returns).
    private MVMap<String, byte[]> endpointsMap;
    private MVMap<String, String> metaMap;
    private long commitNumber;
    private CommitWitness witness;
    private boolean witnessFailed;

    private StoreEngine(StoreOptions options) {
        this.options = options;
        this.name = options.file().map(Path::toString).orElse("(in memory)");
        this.io = new StoreIo(name, new Backend(), options.syncOnCommit(), options.idleMaintenance(),
                options.commitsPerMaintenance());
    }

    /** The store's side of {@link StoreIo}: opening, commit numbering and the witness. */
    private final class Backend implements StoreIo.Backend {

        @Override
        public MVStore open() {
            return openOnIoThread();
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

    public void close() {
        io.close();
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
        try {
            removed = io.write(() -> endpointsMap.remove(endpoint));
        } finally {
            locks.release(endpoint, slot);
        }
        if (removed == null) {
            return false;
        }
        LOG.debug("endpoint '{}' deleted", endpoint);
        fire(new StoreEvent(endpoint, StoreEvent.Kind.DELETED, TreeCodec.revisionOf(removed), new TreeSet<>()));
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
        fire(new StoreEvent(before.endpoint(), StoreEvent.Kind.UPDATED, revision,
                changedInstances(before.objects(), after)));
    }

    private static SortedSet<LwM2mPath> changedInstances(Map<Integer, LwM2mObject> before,
            Map<Integer, LwM2mObject> after) {
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
                LOG.warn("object store listener {} failed on {} of endpoint '{}': {}", listener, event.kind(),
                        event.endpoint(), e.toString(), e);
            }
        }
    }

    private Snapshot decode(String endpoint, byte[] data) {
        try {
            TreeCodec.Decoded decoded = TreeCodec.decode(data);
            return new Snapshot(endpoint, decoded.revision(), decoded.objects());
        } catch (TreeCodec.FormatException e) {
            LOG.error("object store {}: stored tree of endpoint '{}' is unreadable: {}", name, endpoint,
                    e.getMessage());
            throw new StoreCorruptedException(name, "stored tree of endpoint '" + endpoint + "' is unreadable: "
                    + e.getMessage(), e);
        }
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
            MVStore copy = builder().fileName(fresh.toString()).open();
            try {
                copy.openMap(META_MAP).putAll(metaMap);
                MVMap<String, byte[]> endpoints = copy.openMap(ENDPOINTS_MAP, endpointsBuilder());
                for (Map.Entry<String, byte[]> entry : endpointsMap.entrySet()) {
                    endpoints.put(entry.getKey(), entry.getValue());
                }
                copy.commit();
            } finally {
                copy.close();
            }
            StoreFiles.restrictFile(fresh);
            StoreFiles.fsync(fresh);
        } catch (IOException | RuntimeException e) {
            LOG.warn("object store {}: compaction failed before the switch, the store is unchanged: {}", name,
                    e.toString());
            deleteQuietly(fresh);
            return current;
        }
        current.close();
        try {
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            StoreFiles.fsyncDirectory(directory);
        } catch (IOException e) {
            LOG.warn("object store {}: compaction could not switch files, going on with the old one: {}", name,
                    e.toString());
            deleteQuietly(fresh);
        }
        MVStore reopened = openAppendOnly(file);
        endpointsMap = reopened.openMap(ENDPOINTS_MAP, endpointsBuilder());
        metaMap = reopened.openMap(META_MAP);
        LOG.info("object store {}: compacted from {} to {} bytes in {} ms", name, sizeBefore,
                reopened.getFileStore().size(), (System.nanoTime() - start) / 1_000_000);
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

    private MVStore openOnIoThread() {
        try {
            return openAndVerify();
        } catch (OutOfMemoryError e) {
            // MVStore checksums page headers, not contents: a damaged length field inside a page makes it ask
            // for a buffer of that length. The failed allocation is not retained, so this is reportable.
            throw corrupted("reading it ran out of memory (max heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB): a damaged length field in the file asks for a huge buffer; if instead the heap is "
                    + "too small for the store, raise it", e);
        }
    }

    private MVStore openAndVerify() {
        Optional<Path> file = options.file();
        MVStore store = file.isPresent() ? openFile(options.directory().orElseThrow(), file.get()) : openInMemory();
        boolean opened = false;
        try {
            endpointsMap = store.openMap(ENDPOINTS_MAP, endpointsBuilder());
            metaMap = store.openMap(META_MAP);
            commitNumber = Long.parseLong(metaMap.getOrDefault(COMMITS_KEY, "0"));
            if (options.verifyOnOpen()) {
                verify();
            }
            if (file.isPresent()) {
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
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE);
    }

    private MVStore openInMemory() {
        MVStore store = builder().open();
        store.openMap(META_MAP).put(FORMAT_KEY, FORMAT_VALUE);
        return store;
    }

    private MVStore openFile(Path directory, Path file) {
        StoreFiles.prepareDirectory(directory);
        // Left by a compaction the process did not finish: the store file is the complete one.
        deleteQuietly(directory.resolve(StoreOptions.FILE_NAME + COMPACT_SUFFIX));
        CommitWitness.Reading confirmed = CommitWitness.read(witnessFile());
        try {
            if (!Files.exists(file)) {
                if (confirmed instanceof CommitWitness.Confirmed c && c.commit() > 0) {
                    throw corrupted("the file is missing, but " + witnessFile() + " records " + c.commit()
                            + " confirmed commits: restore the store file from a backup and delete the witness "
                            + "file, or move the witness file away to start with an empty store", null);
                }
                createFile(directory, file);
                confirmed = new CommitWitness.Confirmed(0);
            } else if (Files.size(file) == 0) {
                throw corrupted("the file is empty. A store is never created empty in place (it is written "
                        + "aside and renamed), so data was lost: restore the file from a backup, or move it away "
                        + "to start with an empty store", null);
            }
        } catch (IOException e) {
            throw new StoreException("cannot access object store " + file + ": " + e, e);
        }
        StoreFiles.restrictFile(file);
        MVStore store;
        try {
            store = openAppendOnly(file);
        } catch (MVStoreException e) {
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
            throw corrupted("it holds commit " + stored + ", but commit " + c.commit() + " was confirmed (recorded in "
                    + witnessFile() + "): newer data in the file is damaged and MVStore fell back to an older "
                    + "version. Restore the store file from a backup and delete the witness file, or move both "
                    + "files away to start empty", null);
        }
        if (confirmed instanceof CommitWitness.Unreadable u) {
            LOG.warn("object store {}: commit witness {} is unreadable ({}); it is rewritten, but this start cannot "
                    + "rule out a fall-back to an older version", name, witnessFile(), u.why());
        } else if (confirmed instanceof CommitWitness.Missing) {
            LOG.warn("object store {}: commit witness {} is missing; it is rewritten, but this start cannot rule "
                    + "out a fall-back to an older version", name, witnessFile());
        }
    }

    /**
     * Creates a new store file aside and renames it into place, so that the store file, once it exists, is
     * always a complete Bootgate store: an empty or foreign file at that name is then known to be damage.
     */
    private void createFile(Path directory, Path file) throws IOException {
        Path fresh = directory.resolve(StoreOptions.FILE_NAME + ".new");
        Files.deleteIfExists(fresh);
        MVStore store = builder().fileName(fresh.toString()).open();
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
    private MVStore openAppendOnly(Path file) {
        MVStore store = builder().fileName(file.toString()).open();
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
            throw corrupted("it is an MVStore file but not a Bootgate object store (no '" + META_MAP + "' map)",
                    null);
        }
        String format = store.<String, String>openMap(META_MAP).get(FORMAT_KEY);
        if (!FORMAT_VALUE.equals(format)) {
            throw corrupted(format == null ? "its format marker is missing"
                    : "it has store format " + format + ", this version reads format " + FORMAT_VALUE, null);
        }
    }

    /** Decodes every stored tree so that damage is reported now, naming the endpoint, not at first use. */
    private void verify() {
        long start = System.nanoTime();
        int count = 0;
        for (Map.Entry<String, byte[]> entry : endpointsMap.entrySet()) {
            try {
                TreeCodec.decode(entry.getValue());
            } catch (TreeCodec.FormatException e) {
                throw corrupted("stored tree of endpoint '" + entry.getKey() + "' is unreadable: " + e.getMessage(),
                        e);
            }
            count++;
        }
        LOG.debug("object store {}: verified {} endpoints in {} ms", name, count,
                (System.nanoTime() - start) / 1_000_000);
    }

    private StoreException translate(MVStoreException e) {
        return switch (e.getErrorCode()) {
            case DataUtils.ERROR_FILE_LOCKED -> new StoreException("object store " + name
                    + " is in use by another process (the file is locked): " + e.getMessage(), e);
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
        LOG.error("object store {} is unusable, refusing to start: {}", name, message);
        return new StoreCorruptedException(name, message, cause);
    }
}
