/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;

/**
 * Writes integers in 2^63..2^64-1 as CBOR major type 0 with an 8-byte argument. Jackson's generator writes
 * every BigInteger as a bignum (tag 2), which LwM2M SenML-CBOR peers need not understand and which
 * Bootgate's own decoder refuses; unsigned 64-bit values fit the basic integer encoding (RFC 8949 §3.1).
 */
final class Unsigned64CborGenerator extends CBORGenerator {

    private static final int UINT64_HEADER = 0x1b;

    Unsigned64CborGenerator(IOContext context, int features, int formatFeatures, ObjectCodec codec, OutputStream out) {
        super(context, features, formatFeatures, codec, out);
    }

    @Override
    protected void _write(BigInteger value) throws IOException {
        // Called by writeNumber(BigInteger) after its value bookkeeping, so raw bytes are safe here.
        if (value.signum() >= 0 && value.bitLength() <= 64) {
            long bits = value.longValue();
            byte[] item = new byte[9];
            item[0] = (byte) UINT64_HEADER;
            for (int i = 0; i < 8; i++) {
                item[8 - i] = (byte) (bits >>> (8 * i));
            }
            writeBytes(item, 0, item.length);
        } else {
            super._write(value);
        }
    }
}
