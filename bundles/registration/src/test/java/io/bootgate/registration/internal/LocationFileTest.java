/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationFileTest {

    @TempDir
    Path directory;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void entriesSurviveAReopenInAnOwnerOnlyDirectory() throws Exception {
        Path dir = directory.resolve("registrations");
        LocationFile file = new LocationFile(dir, scheduler, 10_000);
        Instant confirmed = Instant.ofEpochSecond(1_800_000_000L);
        file.put(new LocationFile.Entry("urn:dev:a b/c", 101, "/rd/5a3f", 300, confirmed));
        file.put(new LocationFile.Entry("urn:dev:x", 102, "/rd/x", 60, confirmed));
        file.remove("urn:dev:x", 102);
        file.flushNow();

        LocationFile reopened = new LocationFile(dir, scheduler, 10_000);

        assertThat(reopened.get("urn:dev:a b/c", 101))
                .contains(new LocationFile.Entry("urn:dev:a b/c", 101, "/rd/5a3f", 300, confirmed));
        assertThat(reopened.get("urn:dev:x", 102)).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(reopened.get("urn:dev:a b/c", 101).orElseThrow().aliveAt(confirmed.plusSeconds(299)))
                .isTrue();
        assertThat(reopened.get("urn:dev:a b/c", 101).orElseThrow().aliveAt(confirmed.plusSeconds(300)))
                .isFalse();
    }

    @Test
    void unreadableLinesAreSkippedAndTheOthersKept() throws Exception {
        Files.createDirectories(directory);
        String good =
                Base64.getUrlEncoder().withoutPadding().encodeToString("urn:dev:ok".getBytes(StandardCharsets.UTF_8))
                        + " 101 /rd/1 300 1800000000";
        Files.write(
                directory.resolve(LocationFile.FILE_NAME),
                ("# header\nnot a line\n" + good + "\n!!! 1 /rd/2 3 4\n").getBytes(StandardCharsets.UTF_8));

        LocationFile file = new LocationFile(directory, scheduler, 10_000);

        assertThat(file.get("urn:dev:ok", 101))
                .map(LocationFile.Entry::location)
                .contains("/rd/1");
    }

    private static String line(String endpoint, String rest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(endpoint.getBytes(StandardCharsets.UTF_8)) + " "
                + rest + "\n";
    }

    /** Found writing LocationFileFuzzTest (seed read/confirmed-beyond-instant-max): a DateTimeException escaped. */
    @Test
    void aConfirmationTimeBeyondTheRangeOfInstantSkipsOnlyItsLine() throws Exception {
        Files.createDirectories(directory);
        Files.write(
                directory.resolve(LocationFile.FILE_NAME),
                (line("urn:dev:bad", "101 /rd/1 300 99999999999999999")
                                + line("urn:dev:ok", "101 /rd/2 300 1800000000"))
                        .getBytes(StandardCharsets.UTF_8));

        LocationFile file = new LocationFile(directory, scheduler, 10_000);

        assertThat(file.get("urn:dev:bad", 101)).isEmpty();
        assertThat(file.get("urn:dev:ok", 101))
                .map(LocationFile.Entry::location)
                .contains("/rd/2");
    }

    /** Found writing LocationFileFuzzTest (seed read/lifetime-overflows-alive-at): aliveAt() threw. */
    @Test
    void aLifetimeBeyondThirtyTwoBitsIsSkipped() throws Exception {
        Files.createDirectories(directory);
        Files.write(
                directory.resolve(LocationFile.FILE_NAME),
                line("urn:dev:bad", "101 /rd/1 9223372036854775807 1800000000").getBytes(StandardCharsets.UTF_8));

        LocationFile file = new LocationFile(directory, scheduler, 10_000);

        assertThat(file.get("urn:dev:bad", 101)).isEmpty();
    }

    /** Found writing LocationFileFuzzTest (seed read/invalid-utf8): one bad byte failed the file and bundle. */
    @Test
    void aLineThatIsNotUtf8SkipsOnlyThatLine() throws Exception {
        Files.createDirectories(directory);
        byte[] bad = line("urn:dev:bad", "101 /rd/\u00e9 300 1800000000").getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = line("urn:dev:ok", "101 /rd/2 300 1800000000").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, content, 0, bad.length);
        System.arraycopy(good, 0, content, bad.length, good.length);
        Files.write(directory.resolve(LocationFile.FILE_NAME), content);

        LocationFile file = new LocationFile(directory, scheduler, 10_000);

        assertThat(file.get("urn:dev:bad", 101)).isEmpty();
        assertThat(file.get("urn:dev:ok", 101))
                .map(LocationFile.Entry::location)
                .contains("/rd/2");
    }

    /** Found writing LocationFileFuzzTest (seed read/empty-location-segment): the Update on /rd//1 threw. */
    @Test
    void aLocationWithAnEmptySegmentIsSkipped() throws Exception {
        Files.createDirectories(directory);
        Files.write(
                directory.resolve(LocationFile.FILE_NAME),
                line("urn:dev:bad", "101 /rd//1 300 1800000000").getBytes(StandardCharsets.UTF_8));

        LocationFile file = new LocationFile(directory, scheduler, 10_000);

        assertThat(file.get("urn:dev:bad", 101)).isEmpty();
    }

    @Test
    void aLocationPathIsKeptOnlyWhenItCanBeSentBackAndStoredOnOneLine() {
        assertThat(LocationFile.location(List.of("rd", "5a3f"))).contains("/rd/5a3f");
        assertThat(LocationFile.location(List.of())).isEmpty();
        assertThat(LocationFile.location(List.of("rd", "a/b"))).isEmpty();
        assertThat(LocationFile.location(List.of("rd", "a b"))).isEmpty();
        assertThat(LocationFile.location(List.of("rd", "a\nZm9v 101 /rd/x 300 1800000000")))
                .isEmpty();
        assertThat(LocationFile.location(List.of("rd", ""))).isEmpty();
    }
}
