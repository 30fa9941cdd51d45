/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.codec.internal;

import io.bootgate.api.codec.CodecLimits;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the codec services (PID {@code io.bootgate.codec}): the decoding limits. */
@ObjectClassDefinition(
        name = "Bootgate LwM2M codec",
        description = "Limits applied when decoding payloads from" + " devices and servers")
@interface CodecConfig {

    String PID = "io.bootgate.codec";

    @AttributeDefinition(name = "Maximum payload size", description = "Largest payload decoded, in bytes", min = "1")
    int maxPayloadBytes() default CodecLimits.DEFAULT_MAX_PAYLOAD_BYTES;

    @AttributeDefinition(
            name = "Maximum nesting depth",
            description = "Deepest nesting of TLVs, arrays and maps;" + " at least 3",
            min = "3")
    int maxDepth() default CodecLimits.DEFAULT_MAX_DEPTH;

    @AttributeDefinition(
            name = "Maximum resource instances",
            description = "Most instances of one multiple" + " resource",
            min = "1")
    int maxResourceInstances() default CodecLimits.DEFAULT_MAX_RESOURCE_INSTANCES;

    @AttributeDefinition(
            name = "Maximum entries",
            description = "Most TLVs, SenML records, or links and" + " parameters in one payload",
            min = "1")
    int maxEntries() default CodecLimits.DEFAULT_MAX_ENTRIES;
}
