/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatcherTest {

    @TempDir
    Path temp;

    /** Copies {@code count} device files into the directory of a running watcher, then deletes them. */
    static void addAndRemove(Path temp, int count) {
        try (DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"))) {
            fixture.start();
            long started = System.nanoTime();
            fixture.copyIn(temp.resolve("staging"), count);
            long copied = System.nanoTime();
            fixture.awaitDevices(count);
            long added = System.nanoTime();
            // Each file was read and handed to the engine once, however many passes ran.
            assertThat(fixture.supplied.get()).isEqualTo(count);
            assertThat(fixture.watcher.problems()).isEmpty();

            fixture.deleteDeviceFiles();
            long deleted = System.nanoTime();
            fixture.awaitDevices(0);
            long removed = System.nanoTime();
            System.out.printf(
                    "device directory: %,d files copied in %d ms, all %,d devices in the engine %d ms after the copy"
                            + " began (%d ms after it ended); deleted, all removed %d ms after the delete began;"
                            + " %d passes, %d watch overflows, %,d devices supplied in %d calls%n",
                    count,
                    (copied - started) / 1_000_000,
                    count,
                    (added - started) / 1_000_000,
                    (added - copied) / 1_000_000,
                    (removed - deleted) / 1_000_000,
                    fixture.watcher.passes(),
                    fixture.watcher.overflows(),
                    fixture.supplied.get(),
                    fixture.supplyCalls.get());
        }
    }

    @Test
    void thousandFilesCopiedIntoARunningDirectoryAllArriveAndDeletingThemRemovesAll() {
        addAndRemove(temp, 1_000);
    }

    @Test
    void overflowOfTheWatchEventsRescansTheWholeDirectory() throws Exception {
        ScriptedWatchService events = new ScriptedWatchService();
        try (DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"))) {
            // No periodic rescan and a watch service that delivers only what the test says.
            DirectoryWatcher watcher = fixture.start(Duration.ZERO, Duration.ZERO, directory -> events);
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher.passes() == 1);
            fixture.copyIn(temp.resolve("staging"), 50);

            // No event came: nothing triggered a pass, so nothing was read.
            assertThat(watcher.passes()).isEqualTo(1);
            assertThat(fixture.engine.engine.devices()).isEmpty();

            events.deliver(StandardWatchEventKinds.OVERFLOW);
            fixture.awaitDevices(50);
            assertThat(watcher.overflows()).isEqualTo(1);
        }
    }

    @Test
    void aBadFileIsRefusedNamingFileAndLineAndTheOthersAreApplied() {
        try (DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"))) {
            fixture.start();
            fixture.write("good-1.properties", DirectoryFixture.device("urn:dev:good-1"));
            Path typo = fixture.write("typo.properties", "endpoint = urn:dev:typo\n\nmodesequence = factory\n");
            Path badMode = fixture.write("bad-mode.cfg", "endpoint = urn:dev:bad\nmode.factory = x\n");
            Path noEndpoint = fixture.write("no-endpoint.properties", "modeSequence = factory\n");
            Path notAProperty =
                    fixture.write("garbage.properties", "endpoint = urn:dev:garbage\nthis is no property\n");
            fixture.write("good-2.cfg", DirectoryFixture.device("urn:dev:good-2"));
            fixture.write("ignored.json", DirectoryFixture.device("urn:dev:json"));
            fixture.write(".hidden.properties", DirectoryFixture.device("urn:dev:hidden"));

            fixture.awaitDevices(2);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(fixture.watcher.problems()).hasSize(4));
            assertThat(fixture.engine.engine.devices()).containsExactlyInAnyOrder("urn:dev:good-1", "urn:dev:good-2");
            assertThat(fixture.watcher.problems().get(typo)).startsWith(typo + ":3: unknown property 'modesequence'");
            assertThat(fixture.watcher.problems().get(badMode))
                    .startsWith(badMode + ":2: property mode.factory is not of the form mode.<mode>.<key>");
            assertThat(fixture.watcher.problems().get(noEndpoint)).isEqualTo(noEndpoint + ": endpoint is missing");
            assertThat(fixture.watcher.problems().get(notAProperty))
                    .isEqualTo(notAProperty + ":2: not a 'name = value' line: this is no property");

            // Fixed: applied, and no longer a problem.
            fixture.write("typo.properties", "endpoint = urn:dev:typo\n\nmodeSequence = factory\n");
            fixture.awaitDevices(3);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !fixture.watcher.problems().containsKey(typo));
        }
    }

    @Test
    void aFileHalfWrittenIsReadOnceCompleted() throws Exception {
        try (DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"))) {
            // Within the settle time a half-written file is not read at all.
            DirectoryWatcher watcher = fixture.start(Duration.ZERO, Duration.ofSeconds(8), null);
            Path file = fixture.write("half.properties", "endpoint = urn:dev:half\nmodeSeq");
            watcher.scanNow(Duration.ofSeconds(30));
            assertThat(fixture.engine.engine.devices()).isEmpty();
            assertThat(watcher.problems()).isEmpty();
            fixture.write("half.properties", DirectoryFixture.device("urn:dev:half"));
            fixture.awaitDevices(1);
            assertThat(watcher.problems()).isEmpty();

            // A writer that paused longer than the settle time: the half is refused, the completed file applied.
            Path late = fixture.write("late.properties", "endpoint = urn:dev:late\nmodeSeq");
            Files.setLastModifiedTime(late, FileTime.from(Instant.now().minusSeconds(60)));
            watcher.scanNow(Duration.ofSeconds(30));
            assertThat(watcher.problems().get(late)).startsWith(late + ":2: not a 'name = value' line");
            fixture.write("late.properties", DirectoryFixture.device("urn:dev:late"));
            fixture.awaitDevices(2);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watcher.problems().isEmpty());
            assertThat(file).exists();
        }
    }

    @Test
    void anUnchangedFileIsNotAppliedAgainAndAChangedOneIs() throws Exception {
        try (DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"))) {
            DirectoryWatcher watcher = fixture.start(Duration.ZERO, Duration.ZERO, null);
            Path file = fixture.write("dev.properties", DirectoryFixture.device("urn:dev:same"));
            fixture.awaitDevices(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.supplied.get() == 1);

            // Touched, same content: not applied again.
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            watcher.scanNow(Duration.ofSeconds(30));
            watcher.scanNow(Duration.ofSeconds(30));
            assertThat(fixture.supplied.get()).isEqualTo(1);

            fixture.write("dev.properties", "endpoint = urn:dev:same\nmodeSequence = client-initiated\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.supplied.get() == 2);
        }
    }

    @Test
    void anEndpointInTwoFilesStaysWithTheFirstUntilItGoes() throws Exception {
        try (DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"))) {
            DirectoryWatcher watcher = fixture.start(Duration.ZERO, Duration.ZERO, null);
            Path first = fixture.write("a.properties", DirectoryFixture.device("urn:dev:twice"));
            fixture.awaitDevices(1);
            Path second = fixture.write("b.properties", DirectoryFixture.device("urn:dev:twice"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watcher.problems().containsKey(second));
            assertThat(watcher.problems().get(second))
                    .contains(second.toString(), "device urn:dev:twice is also in " + first, "the first stays");

            Files.delete(first);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watcher.problems().isEmpty());
            fixture.awaitDevices(1);
            Files.delete(second);
            fixture.awaitDevices(0);
        }
    }

    @Test
    void closingWithdrawsEveryDeviceOfTheDirectory() {
        DirectoryFixture fixture = new DirectoryFixture(temp.resolve("devices"));
        try (fixture) {
            fixture.start();
            fixture.copyIn(temp.resolve("staging"), 20);
            fixture.awaitDevices(20);
            fixture.watcher.close();
            assertThat(fixture.engine.engine.devices()).isEmpty();
            fixture.watcher = null;
        }
    }

    /** A watch service that delivers the events the test hands it, and nothing else. */
    private static final class ScriptedWatchService implements WatchService {
        private final BlockingQueue<ScriptedKey> keys = new LinkedBlockingQueue<>();

        void deliver(WatchEvent.Kind<?> kind) {
            keys.add(new ScriptedKey(List.of(new ScriptedEvent(kind)), true));
        }

        @Override
        public void close() {
            keys.add(new ScriptedKey(List.of(), false));
        }

        @Override
        public WatchKey poll() {
            return keys.poll();
        }

        @Override
        public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
            return keys.poll(timeout, unit);
        }

        @Override
        public WatchKey take() throws InterruptedException {
            ScriptedKey key = keys.take();
            if (!key.valid) {
                throw new ClosedWatchServiceException();
            }
            return key;
        }
    }

    /** A key with its events; an invalid one stands for the service being closed. */
    private record ScriptedKey(List<WatchEvent<?>> events, boolean valid) implements WatchKey {
        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public List<WatchEvent<?>> pollEvents() {
            return events;
        }

        @Override
        public boolean reset() {
            return valid;
        }

        @Override
        public void cancel() {}

        @Override
        public Watchable watchable() {
            return FileSystems.getDefault().getPath(".");
        }
    }

    private record ScriptedEvent(WatchEvent.Kind<?> scriptedKind) implements WatchEvent<Object> {
        @Override
        @SuppressWarnings("unchecked")
        public Kind<Object> kind() {
            return (Kind<Object>) scriptedKind;
        }

        @Override
        public int count() {
            return 1;
        }

        @Override
        public Object context() {
            return null;
        }
    }
}
