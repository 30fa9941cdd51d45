/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mNode;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResponseCode;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bootstrap session reports: it starts, completes steps, and ends exactly once.
 */
public sealed interface BootstrapSessionEvent
        permits BootstrapSessionEvent.Started, BootstrapSessionEvent.Step, BootstrapSessionEvent.Ended {

    /** The endpoint name. */
    String endpoint();

    /** Identifies the session among all sessions of this server run (increasing). */
    long sessionId();

    Instant time();

    /**
     * @param peer the client's address
     * @param contentFormat the format of the session's writes
     */
    record Started(
            String endpoint,
            long sessionId,
            Instant time,
            SessionTrigger trigger,
            InetSocketAddress peer,
            ContentFormat contentFormat)
            implements BootstrapSessionEvent {
        public Started {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(contentFormat, "contentFormat");
        }
    }

    /**
     * One operation and the client's answer.
     *
     * @param path the target ({@code /} for Finish and Pack)
     * @param code the client's response code
     * @param content what a Bootstrap-Read returned
     * @param links what a Bootstrap-Discover returned, as CoRE link format text
     */
    record Step(
            String endpoint,
            long sessionId,
            Instant time,
            BootstrapOperation operation,
            LwM2mPath path,
            ResponseCode code,
            Optional<LwM2mNode> content,
            Optional<String> links)
            implements BootstrapSessionEvent {
        public Step {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(links, "links");
        }
    }

    /**
     * @param detail why it ended, for logs and operators
     */
    record Ended(String endpoint, long sessionId, Instant time, SessionOutcome outcome, String detail)
            implements BootstrapSessionEvent {
        public Ended {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
