/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.nio.file.Path;

/**
 * Jazzer target for the bootstrap server's per-device JSON config parser. Whatever the bytes (up to 64 KB), it
 * returns a config or throws {@link BootstrapConfigException}; any other exception is a finding. Referenced key
 * files resolve under a directory that does not exist, so a fuzzed {@code "file"} reference never reads the
 * machine's files. The committed seeds under {@code ConfigJsonFuzzTestInputs/parse/} are replayed by the build.
 */
class ConfigJsonFuzzTest {

    private static final int MAX_INPUT = 64 * 1024;
    private static final Path FILE = Path.of("/nonexistent-bootgate-fuzz/dev1.json");

    private final ConfigJson json = new ConfigJson(ObjectModelRegistry.standard(), new DefaultKeyCodec());

    @FuzzTest
    void parse(byte[] content) {
        if (content.length > MAX_INPUT) {
            return;
        }
        try {
            json.parse(content, FILE, "dev1");
        } catch (BootstrapConfigException expected) {
            // the documented rejection
        }
    }
}
