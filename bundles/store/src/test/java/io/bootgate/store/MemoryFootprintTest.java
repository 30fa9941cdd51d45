/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.store.StoreTransaction;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heap retained by 10,000 idle endpoints, each holding a typical bootstrapped tree (2 Security, 1 Server,
 * 2 Access Control, 1 Device instance, about 2 KB of key material and text). Measured as the growth of the heap
 * used after full GCs, with every tree written and then read once, so that MVStore's page cache is as full as
 * idle endpoints can make it.
 */
class MemoryFootprintTest {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryFootprintTest.class);
    private static final int ENDPOINTS = 10_000;
    /**
     * Generous (measured about 2.5 KiB with the default 16 MiB page cache, about 1.1 KiB with 4 MiB): the store
     * keeps no decoded tree and no per-endpoint object; MVStore's pages of encoded trees are the cost. Keeping
     * decoded trees would cost several times this and fail here.
     */
    private static final long MAX_BYTES_PER_ENDPOINT = 4 * 1024;

    @TempDir
    Path dir;

    @Test
    void tenThousandIdleEndpointsStayCheap() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard))) {
            long before = usedAfterGc(memory);
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < ENDPOINTS; i += 4) {
                            String endpoint = "urn:imei:" + (350_000_000_000_000L + i);
                            store.createEndpoint(endpoint);
                            try (StoreTransaction tx = store.begin(endpoint)) {
                                TypicalTrees.writeAll(tx, TypicalTrees.bootstrapped(i));
                                tx.commit();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            long totalBytes = 0;
            for (String endpoint : store.endpoints()) {
                totalBytes += store.snapshot(endpoint).objects().size();
            }
            long after = usedAfterGc(memory);
            long perEndpoint = (after - before) / ENDPOINTS;
            long fileBytes = Files.size(dir.resolve(StoreOptions.FILE_NAME));
            LOG.info(
                    "memory: {} idle endpoints retain {} bytes of heap each ({} KiB in all); store file {} KiB; "
                            + "loaded with 4 threads and fsync on commit in {} ms",
                    ENDPOINTS,
                    perEndpoint,
                    (after - before) / 1024,
                    fileBytes / 1024,
                    loadMillis);
            assertThat(store.endpoints()).hasSize(ENDPOINTS);
            assertThat(totalBytes).isEqualTo(4L * ENDPOINTS);
            assertThat(perEndpoint).as("retained heap per idle endpoint, bytes").isLessThan(MAX_BYTES_PER_ENDPOINT);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
