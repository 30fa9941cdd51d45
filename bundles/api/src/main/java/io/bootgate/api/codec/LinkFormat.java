/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.codec;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * CoRE Link Format (RFC 6690), content format 40: the payload of Discover and Bootstrap-Discover answers
 * and of Register. Implementations are thread-safe.
 */
@ProviderType
public interface LinkFormat {

    /**
     * Parses a link-format payload, e.g. {@code </>;lwm2m=1.1,</0/0>;ssid=101;uri="coaps://bs",</3/0>}.
     * An empty payload is an empty list.
     *
     * @throws CodecException with the offset of the first syntax error, invalid UTF-8 or exceeded limit
     */
    List<Link> parse(byte[] payload) throws CodecException;

    /**
     * Serialises links as UTF-8 with {@code ,} between links and {@code ;} before each parameter, without
     * spaces. It cannot fail: {@link Link} and {@link LinkAttribute} only hold what link format can write.
     */
    byte[] serialize(List<Link> links);
}
