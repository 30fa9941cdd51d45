/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration locations that must survive a gateway restart, so that a device whose server still knows
 * it sends an Update instead of a new Register: (endpoint, Short Server ID) → location, registered lifetime and
 * when the server last confirmed it.
 * <p>
 * One text file ({@value #FILE_NAME}), one line per registration, rewritten as a whole (temporary file, then an
 * atomic rename) and readable by its owner only. Changes are coalesced: a write is scheduled at most once per
 * {@code flushDelay}, so 10,000 devices registering at once cost a handful of rewrites, not 10,000. A change lost
 * in a crash only costs a Register instead of an Update.
 */
final class LocationFile {

    static final String FILE_NAME = "locations.txt";

    private static final Logger LOG = LoggerFactory.getLogger(LocationFile.class);
    private static final String HEADER = "# Bootgate registration locations: base64url(endpoint) ssid location"
            + " lifetime-seconds confirmed-epoch-seconds";

    /** One persisted registration. */
    record Entry(String endpoint, int ssid, String location, long lifetimeSeconds, Instant confirmed) {
        Entry {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(confirmed, "confirmed");
        }

        /** Whether the server still counts the registration as alive at {@code now}. */
        boolean aliveAt(Instant now) {
            return now.isBefore(confirmed.plusSeconds(lifetimeSeconds));
        }
    }

    private record Key(String endpoint, int ssid) {}

    private final Path directory;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final long flushDelayMillis;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    /**
     * Reads the file in {@code directory} (created owner-only when missing); a line that cannot be read is
     * skipped with a WARN, because its device then only registers afresh.
     */
    LocationFile(Path directory, ScheduledExecutorService scheduler, long flushDelayMillis) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.scheduler = scheduler;
        this.flushDelayMillis = flushDelayMillis;
        createOwnerOnlyDirectory(directory);
        Path file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                try {
                    Entry entry = parse(line);
                    entries.put(new Key(entry.endpoint(), entry.ssid()), entry);
                } catch (IllegalArgumentException e) {
                    LOG.warn("{} line {} skipped (its device registers afresh): {}", file, number, e.getMessage());
                }
            }
        }
    }

    private static Entry parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected 5 fields, found " + parts.length);
        }
        String endpoint = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        return new Entry(
                endpoint,
                Integer.parseInt(parts[1]),
                parts[2],
                Long.parseLong(parts[3]),
                Instant.ofEpochSecond(Long.parseLong(parts[4])));
    }

    Optional<Entry> get(String endpoint, int ssid) {
        return Optional.ofNullable(entries.get(new Key(endpoint, ssid)));
    }

    void put(Entry entry) {
        entries.put(new Key(entry.endpoint(), entry.ssid()), entry);
        scheduleFlush();
    }

    void remove(String endpoint, int ssid) {
        if (entries.remove(new Key(endpoint, ssid)) != null) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        if (flushScheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::flushNow, flushDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes the current entries now. Called by the coalescing timer and when the component stops. */
    synchronized void flushNow() {
        flushScheduled.set(false);
        List<String> lines = new ArrayList<>(entries.size() + 1);
        lines.add(HEADER);
        for (Entry e : entries.values()) {
            lines.add(Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(e.endpoint().getBytes(StandardCharsets.UTF_8))
                    + " " + e.ssid() + " " + e.location() + " " + e.lifetimeSeconds() + " "
                    + e.confirmed().getEpochSecond());
        }
        Path target = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            createOwnerOnlyFile(temporary);
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn(
                    "cannot write the registration locations to {} (devices will Register instead of Update after"
                            + " a restart): {}",
                    target,
                    e.toString());
        }
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory inherits the ACLs of its parent.
            Files.createDirectories(directory);
        }
    }

    private static void createOwnerOnlyFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file inherits the ACLs of its parent.
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file " + file + " appeared while writing it", e);
        }
    }
}
