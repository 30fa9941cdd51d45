/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.codec.CodecLimits;
import io.bootgate.api.codec.Link;
import io.bootgate.api.codec.LinkFormat;
import io.bootgate.codec.internal.LinkFormatCodec;
import java.util.List;
import java.util.Objects;

/**
 * CoRE Link Format (RFC 6690) parser and serialiser, bounded by {@link CodecLimits#maxPayloadBytes()} and
 * {@link CodecLimits#maxEntries()} (links plus parameters). Immutable and thread-safe.
 */
public final class DefaultLinkFormat implements LinkFormat {

    private final LinkFormatCodec codec;

    public DefaultLinkFormat() {
        this(CodecLimits.defaults());
    }

    public DefaultLinkFormat(CodecLimits limits) {
        this.codec = new LinkFormatCodec(Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public List<Link> parse(byte[] payload) throws CodecException {
        return codec.parse(Objects.requireNonNull(payload, "payload"));
    }

    @Override
    public byte[] serialize(List<Link> links) {
        return codec.serialize(Objects.requireNonNull(links, "links"));
    }
}
