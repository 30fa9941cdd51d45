/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecException;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModelRegistry;

/** One content format's node encoding and decoding. */
public interface NodeCodec {

    byte[] encode(LwM2mNode node, LwM2mPath path, ObjectModelRegistry models) throws CodecException;

    LwM2mNode decode(byte[] payload, LwM2mPath path, ObjectModelRegistry models) throws CodecException;
}
