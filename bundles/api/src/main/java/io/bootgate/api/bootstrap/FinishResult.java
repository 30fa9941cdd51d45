/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.model.ResponseCode;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a Bootstrap-Finish: {@link ResponseCode#CHANGED 2.04} when the configuration was consistent
 * and has been committed, {@link ResponseCode#NOT_ACCEPTABLE 4.06} with the consistency violations otherwise,
 * or another error code (e.g. {@link ResponseCode#BAD_REQUEST 4.00} when the attempt had already ended,
 * {@link ResponseCode#INTERNAL_SERVER_ERROR 5.00} when the store could not commit).
 *
 * @param code the CoAP answer to the Finish
 * @param reasons one line per violation, naming the path and the rule; empty on success
 */
public record FinishResult(ResponseCode code, List<String> reasons) {

    private static final FinishResult COMMITTED = new FinishResult(ResponseCode.CHANGED, List.of());

    public FinishResult {
        Objects.requireNonNull(code, "code");
        reasons = List.copyOf(reasons);
        if (code.isSuccess() != reasons.isEmpty()) {
            throw new IllegalArgumentException("a successful Finish has no reasons, a failed one at least one");
        }
    }

    /** 2.04: consistent and committed. */
    public static FinishResult committed() {
        return COMMITTED;
    }

    /** 4.06 with the consistency violations. */
    public static FinishResult inconsistent(List<String> reasons) {
        return new FinishResult(ResponseCode.NOT_ACCEPTABLE, reasons);
    }

    /** Any other error answer, with a single reason. */
    public static FinishResult error(ResponseCode code, String reason) {
        return new FinishResult(code, List.of(reason));
    }

    public boolean isSuccess() {
        return code.isSuccess();
    }
}
