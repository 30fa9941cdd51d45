/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads named {@code <prefix>-<n>}, so a thread dump shows which shared pool a thread belongs to,
 * and whose uncaught failures reach the log instead of standard error.
 */
final class NamedDaemonThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamedDaemonThreadFactory.class);

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    NamedDaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(
                (failed, error) -> LOG.error("uncaught failure in thread {}", failed.getName(), error));
        return thread;
    }
}
