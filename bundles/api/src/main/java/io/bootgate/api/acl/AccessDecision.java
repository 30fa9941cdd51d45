/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.acl;

import io.bootgate.api.model.ResponseCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link AccessControlService#check}: granted, or denied with the CoAP code the client answers
 * with (4.01 Unauthorized for missing rights, 4.05 Method Not Allowed for an operation the target level
 * does not support), and a reason for the log.
 */
public final class AccessDecision {

    private final ResponseCode denial;
    private final String reason;

    private AccessDecision(ResponseCode denial, String reason) {
        this.denial = denial;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static AccessDecision grant(String reason) {
        return new AccessDecision(null, reason);
    }

    /** @throws IllegalArgumentException for a success code */
    public static AccessDecision deny(ResponseCode code, String reason) {
        if (Objects.requireNonNull(code, "code").isSuccess()) {
            throw new IllegalArgumentException("a denial needs an error code, got " + code);
        }
        return new AccessDecision(code, reason);
    }

    public boolean granted() {
        return denial == null;
    }

    /** The error code to answer with; empty when granted. */
    public Optional<ResponseCode> denialCode() {
        return Optional.ofNullable(denial);
    }

    /** Why, in words, for logs: names the rule that decided. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessDecision d && Objects.equals(denial, d.denial) && reason.equals(d.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(denial, reason);
    }

    @Override
    public String toString() {
        return (granted() ? "granted" : "denied " + denial.dotted()) + " (" + reason + ")";
    }
}
