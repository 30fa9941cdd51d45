/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.transport.ObserveRelation;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * One server's observation of one path of one device, with what was last notified. Guarded by the lock of
 * {@link DeviceManagementService}.
 */
final class Observation {

    final String endpoint;
    final int ssid;
    final LwM2mPath path;
    final ContentFormat format;
    final ObserveRelation relation;

    /** When the last notification (or the first response) was sent. */
    Instant lastSent;
    /** The numeric value last sent, for gt/lt/st; null for a non-numeric target. */
    Double lastNumber;
    /** A change happened inside pmin and waits for pmin to pass. */
    boolean changePending;
    /** The one timer of this observation: the end of pmin with a change pending, else pmax. */
    ScheduledFuture<?> timer;

    Observation(String endpoint, int ssid, LwM2mPath path, ContentFormat format, ObserveRelation relation) {
        this.endpoint = endpoint;
        this.ssid = ssid;
        this.path = path;
        this.format = format;
        this.relation = relation;
    }

    boolean concerns(LwM2mPath changed) {
        return changed.startsWith(path) || path.startsWith(changed);
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public String toString() {
        return "observation of " + path + " on " + endpoint + " by server " + ssid;
    }
}
