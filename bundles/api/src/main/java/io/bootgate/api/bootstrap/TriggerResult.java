/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

import io.bootgate.api.model.ResponseCode;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The answer to an Execute of the Bootstrap-Request Trigger.
 *
 * @param code the CoAP code to answer the management server with (2.04 when a bootstrap was requested)
 * @param reason why, in words, for the log and a 4.xx diagnostic
 * @param bootstrap the requested bootstrap run, present with 2.04: completes with its outcome
 */
public record TriggerResult(ResponseCode code, String reason, Optional<CompletionStage<BootstrapOutcome>> bootstrap) {

    public TriggerResult {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (code.isSuccess() != bootstrap.isPresent()) {
            throw new IllegalArgumentException("a bootstrap run goes with a success code and only with it");
        }
    }

    public static TriggerResult accepted(String reason, CompletionStage<BootstrapOutcome> bootstrap) {
        return new TriggerResult(ResponseCode.CHANGED, reason, Optional.of(bootstrap));
    }

    public static TriggerResult refused(ResponseCode code, String reason) {
        return new TriggerResult(code, reason, Optional.empty());
    }

    public boolean accepted() {
        return code.isSuccess();
    }
}
