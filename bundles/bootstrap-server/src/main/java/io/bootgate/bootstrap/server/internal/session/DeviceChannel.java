/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import io.bootgate.api.model.ContentFormat;
import java.util.concurrent.CompletionStage;

/**
 * Carries a session's operations to one client and brings back its answers: the only thing a
 * {@link BootstrapSession} knows of the network, so that the session logic runs in tests without one.
 */
public interface DeviceChannel {

    /**
     * @param format the content format of writes and the one asked for (Accept) by reads
     * @return the decoded answer; fails when the operation could not be sent, no answer came, or the answer
     *         could not be decoded
     */
    CompletionStage<DeviceResult> execute(DeviceOperation operation, ContentFormat format);
}
