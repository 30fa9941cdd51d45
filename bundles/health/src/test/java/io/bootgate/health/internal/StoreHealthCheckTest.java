/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.nio.file.Path;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreHealthCheckTest {

    @TempDir
    Path dir;

    @Test
    void anOpenStoreIsOkAndTheSameStoreClosedIsCritical() {
        MvObjectStore store = MvObjectStore.open(StoreOptions.persistent(dir, ObjectModelRegistry::standard));
        StoreHealthCheck check = new StoreHealthCheck(store);
        try {
            store.createEndpoint("dev1");

            Result open = check.execute();
            assertThat(open.getStatus()).isEqualTo(Result.Status.OK);
            assertThat(ResultText.of(open)).contains("open and writable");
        } finally {
            store.close();
        }

        Result closed = check.execute();
        assertThat(closed.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(ResultText.of(closed)).contains("store closed");
    }

    @Test
    void noStoreServiceIsCritical() {
        Result result = new StoreHealthCheck(null).execute();

        assertThat(result.getStatus()).isEqualTo(Result.Status.CRITICAL);
        assertThat(ResultText.of(result)).contains("ObjectStore service is not registered");
    }
}
