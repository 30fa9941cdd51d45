/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.api.codec.CodecException;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;
import java.util.List;

/**
 * Jazzer targets for every decoder of the codec bundle, with the standard object models. Whatever the bytes
 * (up to the 64 KB payload limit), a decoder returns or throws {@link CodecException}; any other exception is
 * a finding. Without {@code JAZZER_FUZZ=1} the committed seeds under {@code CodecFuzzTestInputs/<method>/}
 * are replayed (regression mode); see the README section "Fuzzing" for the long run.
 */
class CodecFuzzTest {

    static final int MAX_PAYLOAD = 64 * 1024;
    private static final ObjectModelRegistry MODELS = ObjectModelRegistry.standard();
    private static final List<LwM2mPath> TARGETS = List.of(
            LwM2mPath.of(0),
            LwM2mPath.of(0, 0),
            LwM2mPath.of(0, 0, 0),
            LwM2mPath.of(1, 0),
            LwM2mPath.of(1, 0, 1),
            LwM2mPath.of(3),
            LwM2mPath.of(3, 0),
            LwM2mPath.of(3, 0, 0),
            LwM2mPath.of(3, 0, 6),
            LwM2mPath.of(3, 0, 6, 0),
            LwM2mPath.of(3, 0, 13),
            LwM2mPath.of(3, 0, 1000),
            LwM2mPath.of(9999, 0, 0));

    private final DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
    private final DefaultLinkFormat linkFormat = new DefaultLinkFormat();

    @FuzzTest
    void tlv(FuzzedDataProvider data) {
        decode(data, ContentFormat.TLV);
    }

    @FuzzTest
    void plainText(FuzzedDataProvider data) {
        decode(data, ContentFormat.TEXT);
    }

    @FuzzTest
    void opaque(FuzzedDataProvider data) {
        decode(data, ContentFormat.OPAQUE);
    }

    @FuzzTest
    void senmlJson(FuzzedDataProvider data) {
        decode(data, ContentFormat.SENML_JSON);
    }

    @FuzzTest
    void senmlCbor(FuzzedDataProvider data) {
        decode(data, ContentFormat.SENML_CBOR);
    }

    @FuzzTest
    void linkFormat(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            return;
        }
        try {
            linkFormat.parse(payload);
        } catch (CodecException expected) {
            // the documented rejection
        }
    }

    /** The first byte picks the target path and whether to decode a node or a value list; the rest is the payload. */
    private void decode(FuzzedDataProvider data, ContentFormat format) {
        int selector = data.consumeInt(0, TARGETS.size() * 2 - 1);
        byte[] payload = data.consumeRemainingAsBytes();
        if (payload.length > MAX_PAYLOAD) {
            return;
        }
        try {
            if (selector < TARGETS.size()) {
                codec.decode(payload, format, TARGETS.get(selector), MODELS);
            } else if (format == ContentFormat.SENML_JSON || format == ContentFormat.SENML_CBOR) {
                codec.decodeValues(payload, format, MODELS);
            } else {
                codec.decode(payload, format, TARGETS.get(selector - TARGETS.size()), MODELS);
            }
        } catch (CodecException expected) {
            // the documented rejection
        }
    }
}
