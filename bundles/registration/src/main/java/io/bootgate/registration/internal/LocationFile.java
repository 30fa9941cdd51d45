/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
    /** The Lifetime resource (/1/x/1) is an unsigned 32-bit number of seconds. */
    static final long MAX_LIFETIME_SECONDS = 0xFFFF_FFFFL;
    /** 9999-12-31T23:59:59Z: far enough for any real confirmation, near enough that aliveAt() cannot overflow. */
    static final long MAX_CONFIRMED_EPOCH_SECONDS = 253_402_300_799L;

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
            // Decoded line by line: a line that is not UTF-8 is skipped like any other damaged line, where
            // Files.readAllLines would refuse the whole file and stop the bundle.
            for (byte[] bytes : lines(Files.readAllBytes(file))) {
                number++;
                try {
                    String line = StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    Entry entry = parse(line);
                    entries.put(new Key(entry.endpoint(), entry.ssid()), entry);
                } catch (IllegalArgumentException | CharacterCodingException e) {
                    LOG.warn("{} line {} skipped (its device registers afresh): {}", file, number, e.toString());
                }
            }
        }
    }

    /** The lines of the file: split at LF, a CR before it dropped (what {@link Files#readAllLines} accepts). */
    private static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                if (i < content.length || end > start) {
                    lines.add(Arrays.copyOfRange(content, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /**
     * One line of the file.
     *
     * @throws IllegalArgumentException for a line whose fields are missing, malformed or out of range: a
     *     Short Server ID outside 1..65534, a lifetime outside 0..2^32-1 s, a confirmation time outside the
     *     years 1970..9999, or a location {@link #location(List)} would not accept
     */
    static Entry parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected 5 fields, found " + parts.length);
        }
        String endpoint = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        int ssid = Integer.parseInt(parts[1]);
        if (ssid < 1 || ssid > 65534) {
            throw new IllegalArgumentException("Short Server ID " + ssid + " is outside 1..65534");
        }
        String location = parts[2];
        if (!location.startsWith("/")
                || location(List.of(location.substring(1).split("/", -1))).isEmpty()) {
            throw new IllegalArgumentException("location " + location + " is not a usable Location-Path");
        }
        long lifetime = Long.parseLong(parts[3]);
        if (lifetime < 0 || lifetime > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("lifetime " + lifetime + " s is outside 0.." + MAX_LIFETIME_SECONDS);
        }
        long confirmed = Long.parseLong(parts[4]);
        if (confirmed < 0 || confirmed > MAX_CONFIRMED_EPOCH_SECONDS) {
            // Instant.ofEpochSecond would throw DateTimeException (not an IllegalArgumentException) for some of
            // these, and aliveAt() would overflow near Instant.MAX.
            throw new IllegalArgumentException("confirmation time " + confirmed + " is outside the years 1970..9999");
        }
        return new Entry(endpoint, ssid, location, lifetime, Instant.ofEpochSecond(confirmed));
    }

    /**
     * The location a management server's Location-Path names, e.g. {@code /rd/5a3f}, or empty when the segments
     * cannot be kept and sent back unchanged: an empty segment, or a segment with {@code /} (it would be split
     * into two Uri-Path options), white space, control or format characters (they would break the line of this file
     * or hide in a log line), unpaired surrogates or unassigned code points.
     */
    static Optional<String> location(List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (segment.isEmpty()
                    || segment.codePoints()
                            .anyMatch(c -> c == '/'
                                    || Character.isWhitespace(c)
                                    || Character.isSpaceChar(c)
                                    || Character.isISOControl(c)
                                    || Character.getType(c) == Character.FORMAT
                                    || Character.getType(c) == Character.SURROGATE
                                    || Character.getType(c) == Character.UNASSIGNED)) {
                return Optional.empty();
            }
        }
        return Optional.of("/" + String.join("/", segments));
    }

    Optional<Entry> get(String endpoint, int ssid) {
        return Optional.ofNullable(entries.get(new Key(endpoint, ssid)));
    }

    /** The devices that have at least one saved registration. */
    Set<String> endpoints() {
        Set<String> endpoints = new HashSet<>();
        entries.keySet().forEach(key -> endpoints.add(key.endpoint()));
        return endpoints;
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
