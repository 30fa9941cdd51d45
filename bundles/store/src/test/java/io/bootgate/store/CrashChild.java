/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreTransaction;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashRecoveryTest} kills: opens the store, makes sure its endpoints exist, then commits
 * transactions on them from several threads until it is killed.
 * <p>
 * Protocol on standard output, one line per event, each written only after the event is durable:
 * {@code E <endpoint>} (endpoint exists), {@code READY}, {@code C <endpoint> <seq>} (commit number seq of that
 * endpoint returned). Each endpoint belongs to one thread, so at most one commit per endpoint is in flight.
 * <p>
 * Arguments: store directory, number of endpoints, number of threads, random seed.
 */
public final class CrashChild {

    /** Far longer than the test waits for any one child (it kills each within about a second of READY). */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int endpoints = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        // The test kills this process; if the test itself dies first (Maven interrupted), nobody will. A child that
        // outlived its parent once kept a core busy for 20 minutes: end when the pipe to the parent breaks, and in any
        // case after MAX_LIFETIME.
        Thread deadline = new Thread(
                () -> {
                    try {
                        Thread.sleep(MAX_LIFETIME.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(4);
                },
                "lifetime");
        deadline.setDaemon(true);
        deadline.start();
        // Maintenance every few commits and a tiny compaction threshold, so that kills also land in the middle
        // of rewriting the store into a new file and switching to it.
        StoreOptions options = StoreOptions.persistent(directory, ObjectModelRegistry::standard)
                .withMaintenance(Duration.ofMillis(20), 10)
                .withCompactionThreshold(64 * 1024);
        MvObjectStore store = MvObjectStore.open(options);
        for (int i = 0; i < endpoints; i++) {
            String endpoint = "ep-" + i;
            store.createEndpoint(endpoint);
            out.println("E " + endpoint);
        }
        out.println("READY");
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Random random = new Random(seed * 31 + t);
            Thread worker = new Thread(
                    () -> {
                        while (true) {
                            int index = first + threads * random.nextInt((endpoints - first + threads - 1) / threads);
                            String endpoint = "ep-" + index;
                            try (StoreTransaction tx = store.begin(endpoint)) {
                                long seq = CrashTrees.sequenceOf(tx) + 1;
                                TypicalTrees.writeAll(tx, CrashTrees.tree(endpoint, seq));
                                tx.commit();
                                out.println("C " + endpoint + " " + seq);
                                if (out.checkError()) {
                                    // The parent's end of the pipe is gone: it is not waiting for us any more.
                                    Runtime.getRuntime().halt(3);
                                }
                            }
                        }
                    },
                    "committer-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
