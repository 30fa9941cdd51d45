/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import io.bootgate.api.devices.DeviceSource;
import io.bootgate.api.devices.SourcedDevice;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link DeviceSource} equal to a directory of device files.
 * <p>
 * Every pass compares the whole directory with what was applied, by (size, modification time) and, when they
 * changed, a SHA-256 of the content: watch events only say <em>when</em> to look, so a lost event, an
 * {@code OVERFLOW} (the JDK's watch service keeps at most 512 events per key) or a watch that could not be set up
 * costs a delay, never a device. Passes run on the start, after watch events (coalesced), and every
 * {@code rescanInterval} as a safety net. A file modified less than {@code settleTime} ago is left for a later pass,
 * so a file being written is read once complete. One worker thread does all passes and hands the devices to the
 * source in batches; one more thread waits for watch events.
 */
public final class DirectoryWatcher implements AutoCloseable {

    /**
     * @param directory the watched directory
     * @param rescanInterval between two safety-net passes; zero for none
     * @param settleTime how long a file must be unmodified before it is read
     * @param batchSize devices per call to the source
     * @param maxFileBytes larger files are refused
     */
    public record Settings(
            Path directory, Duration rescanInterval, Duration settleTime, int batchSize, int maxFileBytes) {}

    /** Opens a watch service with the directory registered; replaceable so that tests deliver their own events. */
    @FunctionalInterface
    public interface WatchServices {
        WatchService open(Path directory) throws IOException;
    }

    /** The file system's watch service, for creations, modifications and deletions in the directory. */
    static WatchService fileSystemWatch(Path directory) throws IOException {
        WatchService service = directory.getFileSystem().newWatchService();
        try {
            directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** What the watcher knows of one file. */
    private record Known(long size, long modified, byte[] hash, String endpoint, String blockedOn) {}

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    /** Watch events closer than this are answered by one pass. */
    private static final long COALESCE_MILLIS = 100;

    private final Settings settings;
    private final DeviceSource source;
    private final DeviceFileParser parser;
    private final WatchServices watchServices;
    private final ScheduledThreadPoolExecutor worker;
    private final AtomicBoolean passPending = new AtomicBoolean();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private final Map<Path, String> problems = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile WatchService watch;
    private Thread watchThread;

    // Worker-thread state.
    private final Map<Path, Known> known = new HashMap<>();
    /** Per endpoint, the file that supplies it. */
    private final Map<String, Path> owners = new HashMap<>();

    private boolean directoryMissingLogged;

    public DirectoryWatcher(
            Settings settings, DeviceSource source, DeviceFileParser parser, WatchServices watchServices) {
        this.settings = settings;
        this.source = source;
        this.parser = parser;
        this.watchServices = watchServices;
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "bootgate-device-directory");
            thread.setDaemon(true);
            return thread;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        worker.setRemoveOnCancelPolicy(true);
    }

    public DirectoryWatcher(Settings settings, DeviceSource source, DeviceFileParser parser) {
        this(settings, source, parser, DirectoryWatcher::fileSystemWatch);
    }

    /** Starts watching; the first full pass runs at once on the worker. */
    public void start() {
        worker.execute(this::watchAndPass);
        long interval = settings.rescanInterval().toMillis();
        if (interval > 0) {
            worker.scheduleWithFixedDelay(this::watchAndPass, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a full pass now and waits for it (the operator's "rescan", and tests). */
    public void scanNow(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            worker.submit(this::pass).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("device directory pass failed", e.getCause());
        }
    }

    /** Per refused file, the last reason, as logged. */
    public Map<Path, String> problems() {
        return Map.copyOf(problems);
    }

    /** The number of OVERFLOW events seen. */
    public long overflows() {
        return overflows.get();
    }

    /** The number of passes run. */
    public long passes() {
        return passes.get();
    }

    /** Stops watching, waits for a pass in progress and withdraws every device of the directory. */
    @Override
    public void close() {
        closed = true;
        closeWatch();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("device directory {}: a pass did not end within 60 s, stopped", settings.directory());
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        closeWatch();
        if (watchThread != null) {
            watchThread.interrupt();
        }
        source.close();
    }

    // ---- watching ------------------------------------------------------------------------------------------------

    /** Sets up the watch (creating the directory if need be) and runs a full pass. */
    private void watchAndPass() {
        ensureWatch();
        pass();
    }

    private void ensureWatch() {
        if (closed || watch != null) {
            return;
        }
        Path directory = settings.directory();
        try {
            Files.createDirectories(directory);
            WatchService service = watchServices.open(directory);
            watch = service;
            watchThread = new Thread(() -> awaitEvents(service), "bootgate-device-directory-watch");
            watchThread.setDaemon(true);
            watchThread.start();
            directoryMissingLogged = false;
        } catch (IOException | RuntimeException e) {
            if (!directoryMissingLogged) {
                LOG.warn(
                        "device directory {} cannot be watched ({}); it is rescanned every {} s instead",
                        directory,
                        e.toString(),
                        settings.rescanInterval().toSeconds());
                directoryMissingLogged = true;
            }
        }
    }

    private void awaitEvents(WatchService service) {
        try {
            while (!closed) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        overflows.incrementAndGet();
                        LOG.debug("device directory {}: watch events overflowed, full rescan", settings.directory());
                    }
                }
                if (!key.reset()) {
                    // The directory went away: the next pass withdraws its devices and watches it anew.
                    closeWatch();
                    requestPass();
                    return;
                }
                requestPass();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed by close() or after the directory went away.
        }
    }

    private synchronized void closeWatch() {
        WatchService service = watch;
        watch = null;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("device directory watch not closed", e);
            }
        }
    }

    /** One pass soon, however many events ask for it. */
    private void requestPass() {
        requestPass(COALESCE_MILLIS);
    }

    private void requestPass(long delayMillis) {
        if (closed || !passPending.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.schedule(
                    () -> {
                        passPending.set(false);
                        ensureWatch();
                        pass();
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            passPending.set(false);
        }
    }

    // ---- passes --------------------------------------------------------------------------------------------------

    /** Compares the directory with what was applied and applies the difference. Worker thread only. */
    private void pass() {
        if (closed) {
            return;
        }
        try {
            compareAndApply();
        } catch (RuntimeException e) {
            // A failing pass must not end the periodic one: the next pass compares everything again.
            LOG.error("device directory {}: pass failed, tried again at the next one", settings.directory(), e);
        }
    }

    private void compareAndApply() {
        long started = System.nanoTime();
        passes.incrementAndGet();
        Map<Path, BasicFileAttributes> present;
        try {
            present = list();
        } catch (NoSuchFileException e) {
            present = Map.of();
            closeWatch();
        } catch (IOException e) {
            // Nothing is withdrawn on a listing error: the files may all still be there.
            LOG.warn("device directory {} cannot be listed: {}; kept as it was", settings.directory(), e.toString());
            return;
        }
        List<String> withdrawals = new ArrayList<>();
        List<SourcedDevice> supplies = new ArrayList<>();
        Set<String> freed = new java.util.HashSet<>();
        for (Iterator<Map.Entry<Path, Known>> it = known.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Known> entry = it.next();
            if (!present.containsKey(entry.getKey())) {
                it.remove();
                problems.remove(entry.getKey());
                release(entry.getKey(), entry.getValue(), withdrawals, freed);
            }
        }
        // A file that waited for an endpoint another file held is read again now that it is free.
        if (!freed.isEmpty()) {
            known.values().removeIf(k -> k.blockedOn() != null && freed.contains(k.blockedOn()));
        }
        long now = System.currentTimeMillis();
        long settle = settings.settleTime().toMillis();
        long nextSettled = Long.MAX_VALUE;
        for (Map.Entry<Path, BasicFileAttributes> entry : present.entrySet()) {
            Path file = entry.getKey();
            BasicFileAttributes attributes = entry.getValue();
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            Known before = known.get(file);
            if (before != null && before.size() == size && before.modified() == modified) {
                continue;
            }
            if (Math.abs(now - modified) < settle) {
                nextSettled = Math.min(nextSettled, modified + settle);
                continue;
            }
            read(file, size, modified, before, withdrawals, supplies, freed);
        }
        long read = System.nanoTime();
        apply(withdrawals, supplies);
        if (known.values().removeIf(k -> k.blockedOn() != null && freed.contains(k.blockedOn()))) {
            requestPass();
        }
        if (nextSettled != Long.MAX_VALUE) {
            requestPass(Math.max(COALESCE_MILLIS, nextSettled - System.currentTimeMillis() + 10));
        }
        if (!withdrawals.isEmpty() || !supplies.isEmpty()) {
            LOG.info(
                    "device directory {}: {} device file(s) applied, {} device(s) withdrawn, {} file(s) refused, {}"
                            + " file(s) in all; pass took {} ms, of which {} ms in the engine",
                    settings.directory(),
                    supplies.size(),
                    withdrawals.size(),
                    problems.size(),
                    present.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    (System.nanoTime() - read) / 1_000_000);
        }
    }

    /** The device files: {@code *.properties} and {@code *.cfg}, not hidden (editors' and copy tools' temp names). */
    private Map<Path, BasicFileAttributes> list() throws IOException {
        Map<Path, BasicFileAttributes> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.directory())) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !(name.endsWith(".properties") || name.endsWith(".cfg"))) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        files.put(file, attributes);
                    }
                } catch (NoSuchFileException e) {
                    // Removed since listed.
                }
            }
        }
        return files;
    }

    private void read(
            Path file,
            long size,
            long modified,
            Known before,
            List<String> withdrawals,
            List<SourcedDevice> supplies,
            Set<String> freed) {
        byte[] content;
        if (size > settings.maxFileBytes()) {
            refuse(
                    file,
                    size,
                    modified,
                    null,
                    before,
                    file + ": " + size + " bytes, more than the limit of " + settings.maxFileBytes()
                            + " (maxFileBytes)");
            return;
        }
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return; // removed since listed: the next pass withdraws it
        } catch (IOException e) {
            LOG.warn("device file {} cannot be read now ({}); tried again at the next pass", file, e.toString());
            return;
        }
        byte[] hash = sha256(content);
        if (before != null && Arrays.equals(before.hash(), hash)) {
            known.put(file, new Known(size, modified, hash, before.endpoint(), before.blockedOn()));
            return;
        }
        SourcedDevice device;
        try {
            device = parser.parse(file, content);
        } catch (DeviceFileException e) {
            refuse(file, size, modified, hash, before, e.getMessage());
            return;
        }
        problems.remove(file);
        String endpoint = device.endpoint();
        if (before != null && before.endpoint() != null && !before.endpoint().equals(endpoint)) {
            release(file, before, withdrawals, freed);
        }
        Path owner = owners.get(endpoint);
        if (owner != null && !owner.equals(file)) {
            String message = device.origin() + ": device " + endpoint + " is also in " + owner
                    + "; the first stays, this file is read again when that one goes";
            LOG.warn("device file {}", message);
            problems.put(file, message);
            known.put(file, new Known(size, modified, hash, null, endpoint));
            return;
        }
        owners.put(endpoint, file);
        withdrawals.remove(endpoint);
        known.put(file, new Known(size, modified, hash, endpoint, null));
        supplies.add(device);
    }

    /** A refused file: logged once per content; a device it supplied before keeps running as it was. */
    private void refuse(Path file, long size, long modified, byte[] hash, Known before, String message) {
        String kept = before != null && before.endpoint() != null
                ? "; device " + before.endpoint() + " keeps its last accepted configuration"
                : "";
        LOG.error("device file refused: {}{}", message, kept);
        problems.put(file, message);
        String endpoint = before == null ? null : before.endpoint();
        known.put(file, new Known(size, modified, hash, endpoint, before == null ? null : before.blockedOn()));
    }

    private void release(Path file, Known known, List<String> withdrawals, Set<String> freed) {
        String endpoint = known.endpoint();
        if (endpoint != null && file.equals(owners.get(endpoint))) {
            owners.remove(endpoint);
            withdrawals.add(endpoint);
            freed.add(endpoint);
        }
    }

    private void apply(List<String> withdrawals, List<SourcedDevice> supplies) {
        int batch = Math.max(1, settings.batchSize());
        for (List<String> part : batches(withdrawals, batch)) {
            source.withdraw(part);
        }
        for (List<SourcedDevice> part : batches(supplies, batch)) {
            if (closed) {
                return;
            }
            source.supply(part);
        }
    }

    private static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            parts.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return parts;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
