/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.TreeView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a process that commits to the store with SIGKILL at random instants, at least 50 times, and checks
 * after each kill that every endpoint holds exactly the tree of one of its commits, no older than the last
 * commit the process confirmed (and at most the one in flight newer).
 */
class CrashRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final int KILLS = 50;
    private static final int ENDPOINTS = 12;
    private static final int THREADS = 3;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** Last confirmed commit per endpoint, raised by what the verifier finds after each kill. */
    private final Map<String, Long> confirmed = new ConcurrentHashMap<>();

    private final Set<String> created = ConcurrentHashMap.newKeySet();

    @Test
    void everyEndpointHoldsExactlyACommittedStateAfterEverySigkill() throws Exception {
        Path store = dir.resolve("store");
        Random random = new Random(20_240_607);
        int killedBeforeReady = 0;
        int runsThatCompacted = 0;
        long commitsSeen = 0;
        long start = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            Path log = dir.resolve("child-" + kill + ".log");
            Process child = new ProcessBuilder(
                            javaCommand(),
                            "-Xmx96m",
                            "-XX:TieredStopAtLevel=1",
                            "-Dorg.slf4j.simpleLogger.log.io.bootgate.store.internal.StoreEngine=info",
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrashChild.class.getName(),
                            store.toString(),
                            Integer.toString(ENDPOINTS),
                            Integer.toString(THREADS),
                            Long.toString(random.nextLong()))
                    .redirectError(log.toFile())
                    .start();
            CountDownLatch ready = new CountDownLatch(1);
            AtomicInteger commits = new AtomicInteger();
            Path protocol = dir.resolve("child-" + kill + ".out");
            Thread reader =
                    new Thread(() -> readProtocol(child.getInputStream(), protocol, ready, commits), "child-reader");
            reader.start();
            boolean early = kill % 5 == 4;
            if (early) {
                // Anywhere from JVM start through opening, verification and the first commits.
                Thread.sleep(random.nextInt(900));
            } else {
                assertThat(ready.await(60, TimeUnit.SECONDS))
                        .as("child %d ready; its log:%n%s", kill, tail(log))
                        .isTrue();
                Thread.sleep(20 + random.nextInt(250));
            }
            if (ready.getCount() > 0) {
                killedBeforeReady++;
            }
            assertThat(child.isAlive())
                    .as("child %d alive until killed; its log:%n%s", kill, tail(log))
                    .isTrue();
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of the
            // child's stdout at once, losing confirmations still in the pipe.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join();
            commitsSeen += commits.get();
            if (Files.readString(log, StandardCharsets.UTF_8).contains("compacted from")) {
                runsThatCompacted++;
            }
            verify(store, kill);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        LOG.info(
                "crash test: {} SIGKILLs ({} before the store was ready, {} in runs that rewrote the store file), "
                        + "{} confirmed commits, every endpoint exactly at a committed state after each; {} s",
                KILLS,
                killedBeforeReady,
                runsThatCompacted,
                commitsSeen,
                seconds);
        assertThat(commitsSeen).as("commits confirmed across all runs").isGreaterThan(KILLS);
        assertThat(runsThatCompacted).as("runs that compacted the store").isPositive();
    }

    private void verify(Path store, int kill) {
        try (MvObjectStore reopened =
                MvObjectStore.open(StoreOptions.persistent(store, ObjectModelRegistry::standard))) {
            assertThat(reopened.endpoints()).as("after kill %d", kill).containsAll(created);
            for (String endpoint : reopened.endpoints()) {
                TreeView tree = reopened.snapshot(endpoint);
                long seq = CrashTrees.sequenceOf(tree);
                long last = confirmed.getOrDefault(endpoint, 0L);
                assertThat(seq)
                        .as("after kill %d, %s holds commit %d, last confirmed %d", kill, endpoint, seq, last)
                        .isBetween(last, last + 1);
                assertThat(tree.objects())
                        .as("after kill %d, tree of %s is exactly commit %d", kill, endpoint, seq)
                        .isEqualTo(CrashTrees.tree(endpoint, seq));
                assertThat(tree.revision()).isEqualTo(seq);
                // The next child continues from what is stored.
                confirmed.put(endpoint, seq);
            }
        }
    }

    /** Reads the child's lines; only complete lines count, as a kill may cut the last one. */
    private void readProtocol(InputStream in, Path copy, CountDownLatch ready, AtomicInteger commits) {
        StringBuilder line = new StringBuilder();
        try (in;
                java.io.Writer record = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
            for (int b; (b = in.read()) >= 0; ) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                record.write(line + "\n");
                String[] parts = line.toString().split(" ");
                line.setLength(0);
                switch (parts[0]) {
                    case "READY" -> ready.countDown();
                    case "E" -> created.add(parts[1]);
                    case "C" -> {
                        confirmed.merge(parts[1], Long.parseLong(parts[2]), Math::max);
                        commits.incrementAndGet();
                    }
                    default -> throw new IllegalStateException("unexpected child output: " + String.join(" ", parts));
                }
            }
        } catch (IOException e) {
            // The pipe closes when the child is killed; what was read before counts.
            LOG.debug("child output ended: {}", e.toString());
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
