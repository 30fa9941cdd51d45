/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.transport.CoapRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer targets for what the registration bundle reads from outside: the location file that survives restarts
 * ({@link LocationFile}, {@code read}) and the Location-Path a management server answers a Register with
 * ({@link LocationFile#location(List)}, {@code locationPath}). Properties: a damaged file never stops the bundle
 * (only {@link IOException}s of the file system may escape, not of its content), every entry read is usable (its
 * liveness can be computed, its location sent back as a CoAP request to the same path), and what is written
 * reads back the same.
 */
class LocationFileFuzzTest {

    static {
        // A fuzzing run logs every refused input, hundreds a second: the log would cost more than the target.
        if (System.getenv("JAZZER_FUZZ") != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
    }

    private static final int MAX_INPUT = 64 * 1024;
    private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
    /**
     * The targets flush explicitly. A timed flush would fire during a later input and overwrite its file with an
     * earlier input's entries (the first 60 s run reported exactly that, as seed replacement-characters).
     */
    private static final long NEVER = Long.MAX_VALUE;

    private static Path directory;
    private static ScheduledThreadPoolExecutor scheduler;

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("location-file-fuzz");
        scheduler = new ScheduledThreadPoolExecutor(1);
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        scheduler.shutdownNow();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @FuzzTest
    void read(byte[] content) throws IOException {
        if (content.length > MAX_INPUT) {
            return;
        }
        Path file = directory.resolve(LocationFile.FILE_NAME);
        Files.write(file, content);
        LocationFile locations = new LocationFile(directory, scheduler, NEVER);
        List<String> written = rewrite(locations, file);
        for (LocationFile.Entry entry : entries(written)) {
            entry.aliveAt(NOW);
            checkSendable(entry.location());
        }
        List<String> again = rewrite(new LocationFile(directory, scheduler, NEVER), file);
        if (!written.equals(again)) {
            throw new AssertionError("the location file does not read back as written: " + written + " / " + again);
        }
    }

    /** Location-Path segments separated by NUL bytes in the input. */
    @FuzzTest
    void locationPath(byte[] content) throws IOException {
        if (content.length > MAX_INPUT) {
            return;
        }
        List<String> segments = Arrays.asList(new String(content, StandardCharsets.UTF_8).split("\0", -1));
        Optional<String> location = LocationFile.location(segments);
        if (location.isEmpty()) {
            return;
        }
        CoapRequest update = checkSendable(location.get());
        if (!update.path().equals(segments)) {
            throw new AssertionError("Location-Path " + segments + " would be updated at " + update.path());
        }
        Path file = directory.resolve(LocationFile.FILE_NAME);
        Files.deleteIfExists(file);
        LocationFile locations = new LocationFile(directory, scheduler, NEVER);
        LocationFile.Entry entry = new LocationFile.Entry("urn:dev:fuzz", 101, location.get(), 300, NOW);
        locations.put(entry);
        locations.flushNow();
        Optional<LocationFile.Entry> read = new LocationFile(directory, scheduler, NEVER).get("urn:dev:fuzz", 101);
        if (!read.equals(Optional.of(entry))) {
            throw new AssertionError("location " + location.get() + " reads back as " + read);
        }
    }

    /** The Update request ServerSession builds on a location; it must not throw and must keep the path. */
    private static CoapRequest checkSendable(String location) {
        CoapRequest request = CoapRequest.post(location).build();
        if (!request.pathString().equals(location)) {
            throw new AssertionError("location " + location + " would be sent to " + request.pathString());
        }
        return request;
    }

    /** Flushes the entries to the file and returns its lines, sorted (entries are kept in no order). */
    private static List<String> rewrite(LocationFile locations, Path file) {
        locations.flushNow();
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.sort(null);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LocationFile.Entry> entries(List<String> lines) {
        List<LocationFile.Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("#")) {
                entries.add(LocationFile.parse(line));
            }
        }
        return entries;
    }
}
