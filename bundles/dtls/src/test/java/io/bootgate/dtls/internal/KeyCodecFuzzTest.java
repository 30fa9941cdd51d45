/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.keys.KeyFormatException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/**
 * Jazzer targets for the key/PEM parser: private keys, public keys, certificate chains, as bytes (PEM or DER)
 * and as text (PEM or Base64), and a key pair's public-key derivation. Whatever the input (up to 64 KB), the
 * parser returns or throws {@link KeyFormatException}; any other exception is a finding. The committed seeds
 * under {@code KeyCodecFuzzTestInputs/<method>/} are replayed by the normal build.
 */
class KeyCodecFuzzTest {

    private static final int MAX_INPUT = 64 * 1024;
    private final DefaultKeyCodec codec = new DefaultKeyCodec();

    @FuzzTest
    void privateKey(FuzzedDataProvider data) {
        int mode = data.consumeInt(0, 2);
        byte[] input = data.consumeRemainingAsBytes();
        if (input.length > MAX_INPUT) {
            return;
        }
        try {
            if (mode == 0) {
                codec.privateKey(input, "fuzz");
            } else if (mode == 1) {
                codec.privateKey(new String(input, StandardCharsets.UTF_8), "fuzz");
            } else {
                codec.keyPair(input, "fuzz");
            }
        } catch (KeyFormatException expected) {
            // the documented rejection
        }
    }

    @FuzzTest
    void publicKey(FuzzedDataProvider data) {
        boolean text = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        if (input.length > MAX_INPUT) {
            return;
        }
        try {
            if (text) {
                codec.publicKey(new String(input, StandardCharsets.UTF_8), "fuzz");
            } else {
                codec.publicKey(input, "fuzz");
            }
        } catch (KeyFormatException expected) {
            // the documented rejection
        }
    }

    @FuzzTest
    void certificates(FuzzedDataProvider data) {
        boolean text = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        if (input.length > MAX_INPUT) {
            return;
        }
        try {
            if (text) {
                codec.certificates(new String(input, StandardCharsets.UTF_8), "fuzz");
            } else {
                codec.certificates(input, "fuzz");
            }
        } catch (KeyFormatException expected) {
            // the documented rejection
        }
    }

    @FuzzTest
    void derivePublicKey(byte[] input) {
        if (input.length > MAX_INPUT) {
            return;
        }
        try {
            PrivateKey key = codec.privateKey(input, "fuzz");
            codec.derivePublicKey(key, "fuzz");
        } catch (KeyFormatException expected) {
            // the documented rejection
        }
    }
}
