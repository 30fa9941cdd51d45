/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.health.internal;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.felix.hc.api.Result;

/** A result's log messages, one a line, as hc:exec prints them. */
final class ResultText {

    private ResultText() {}

    static String of(Result result) {
        return StreamSupport.stream(result.spliterator(), false)
                .map(entry -> entry.getStatus() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }
}
