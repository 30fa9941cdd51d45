/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.bootgate.api.codec.CodecLimits;

/** Jackson factories configured from {@link CodecLimits}. Factories are thread-safe and reused. */
final class JacksonFactories {

    private JacksonFactories() {}

    private static StreamReadConstraints constraints(CodecLimits limits) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxPayloadBytes())
                .maxDocumentLength(limits.maxPayloadBytes())
                .build();
    }

    static JsonFactory json(CodecLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(constraints(limits))
                // Names come from untrusted peers: never into the JVM-wide string pool. Canonicalization stays
                // on because without it Jackson parses bytes through a Reader and reports no byte offsets; its
                // table is bounded, and a hash-collision flood must slow it down, not throw an unchecked error.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW)
                .build();
    }

    static CBORFactory cbor(CodecLimits limits) {
        return new LwM2mCborFactory(CBORFactory.builder()
                .streamReadConstraints(constraints(limits))
                // Names come from untrusted peers: neither intern them nor keep them in a shared table.
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                // Preferred serialization (RFC 8949 §4.1): a float32 when it holds the double exactly.
                .enable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES));
    }
}
