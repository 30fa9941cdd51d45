/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale run, out of the default build (surefire runs only {@code *Test} classes): 10,000 device files copied
 * into the directory of a running watcher supplying the real engine, then deleted; prints the times. Run it with
 * {@code mvn -pl bundles/device-directory test -Dtest=TenThousandFilesMeasurement}, {@code -Dbootgate.scale.files=N}
 * for another count.
 */
class TenThousandFilesMeasurement {

    @TempDir
    Path temp;

    @Test
    void tenThousandFilesArriveAndDeletingThemRemovesAll() {
        DirectoryWatcherTest.addAndRemove(temp, Integer.getInteger("bootgate.scale.files", 10_000));
    }
}
