/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceValue;

/** A typed value at its path, with the place it came from for error messages. */
record TypedEntry(LwM2mPath path, ResourceValue value, Site site) {}
