/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.benchmarks;

import java.util.List;

/** One product under measurement: it provisions devices (not timed) and bootstraps them (timed). */
interface Side extends AutoCloseable {

    /** Creates {@code count} devices named with {@code prefix}, ready to bootstrap; returns their endpoint names. */
    List<String> provision(String prefix, int count) throws Exception;

    /** Starts the bootstrap of every device, at most {@code run}'s concurrency at once, reporting each to it. */
    void bootstrap(List<String> endpoints, Run run) throws Exception;

    /** What the side counted during the round that just ended, for a line under its figures; empty: nothing. */
    default String roundNote() {
        return "";
    }

    @Override
    void close();
}
