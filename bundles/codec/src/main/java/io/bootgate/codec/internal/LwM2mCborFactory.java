/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactoryBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.io.OutputStream;

/** A CBOR factory whose generators write unsigned 64-bit integers without tags. */
final class LwM2mCborFactory extends CBORFactory {

    private static final long serialVersionUID = 1L;

    LwM2mCborFactory(CBORFactoryBuilder builder) {
        super(builder);
    }

    @Override
    public CBORGenerator createGenerator(OutputStream out) throws IOException {
        IOContext context = _createContext(_createContentReference(out), false);
        return new Unsigned64CborGenerator(context, _generatorFeatures, _formatGeneratorFeatures, _objectCodec, out);
    }
}
