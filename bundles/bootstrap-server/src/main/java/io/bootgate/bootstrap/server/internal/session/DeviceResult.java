/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.codec.Link;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.ResponseCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The client's answer to a {@link DeviceOperation}, decoded.
 *
 * @param code the response code
 * @param content the decoded payload of a successful Read
 * @param links the parsed payload of a successful Discover
 * @param linkText the Discover payload as text, for events and logs
 * @param diagnostic the diagnostic text of an error response
 */
public record DeviceResult(
        ResponseCode code,
        Optional<LwM2mNode> content,
        List<Link> links,
        Optional<String> linkText,
        Optional<String> diagnostic) {

    public DeviceResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(content, "content");
        links = List.copyOf(links);
        Objects.requireNonNull(linkText, "linkText");
        Objects.requireNonNull(diagnostic, "diagnostic");
    }

    public static DeviceResult of(ResponseCode code) {
        return new DeviceResult(code, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public static DeviceResult error(ResponseCode code, String diagnostic) {
        return new DeviceResult(code, Optional.empty(), List.of(), Optional.empty(), Optional.ofNullable(diagnostic));
    }

    public static DeviceResult content(LwM2mNode node) {
        return new DeviceResult(ResponseCode.CONTENT, Optional.of(node), List.of(), Optional.empty(), Optional.empty());
    }

    public static DeviceResult discovered(List<Link> links, String text) {
        return new DeviceResult(ResponseCode.CONTENT, Optional.empty(), links, Optional.of(text), Optional.empty());
    }

    /** The code, with the diagnostic if there is one, for log lines. */
    public String describe() {
        return code.dotted() + diagnostic.map(d -> " \"" + d + "\"").orElse("");
    }
}
