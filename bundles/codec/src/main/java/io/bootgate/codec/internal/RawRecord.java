/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.model.LwM2mPath;

/**
 * One SenML record after base name and base time resolution, its value still in payload form: a
 * {@link SenmlNumber}, a {@code String} ({@code vs}), a {@code Boolean}, a {@code byte[]} ({@code vd}) or an
 * {@link io.bootgate.api.model.ObjectLink} ({@code vlo}).
 *
 * @param index position in the pack, for messages
 * @param offset byte offset of the record in the payload
 * @param path the resolved name
 * @param label which value field carried the value
 * @param value the value
 */
record RawRecord(int index, long offset, LwM2mPath path, SenmlLabel label, Object value) {

    String field() {
        return "records[" + index + "]." + label.json();
    }
}
