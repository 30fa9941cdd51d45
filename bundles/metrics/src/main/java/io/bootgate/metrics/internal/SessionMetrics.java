/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.metrics.internal;

import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionListener;
import io.bootgate.api.bsserver.SessionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Counts the bootstrap server's sessions (whiteboard {@link BootstrapSessionListener}). */
@Component(service = BootstrapSessionListener.class)
public final class SessionMetrics implements BootstrapSessionListener, SessionCountersMXBean {

    static final ObjectName NAME = MBeans.name("type=BootstrapServerSessions");

    private final MBeans mbeans;
    private final AtomicLong started = new AtomicLong();
    private final Map<SessionOutcome, AtomicLong> ended = new EnumMap<>(SessionOutcome.class);
    private final Map<Long, Instant> starts = new ConcurrentHashMap<>();
    private final AtomicLong lastDurationMillis = new AtomicLong(-1);

    @Activate
    public SessionMetrics() {
        this(new MBeans());
    }

    SessionMetrics(MBeans mbeans) {
        for (SessionOutcome outcome : SessionOutcome.values()) {
            ended.put(outcome, new AtomicLong());
        }
        this.mbeans = mbeans;
        mbeans.register(this, NAME);
    }

    @Override
    public void onEvent(BootstrapSessionEvent event) {
        if (event instanceof BootstrapSessionEvent.Started) {
            started.incrementAndGet();
            starts.put(event.sessionId(), event.time());
        } else if (event instanceof BootstrapSessionEvent.Ended end) {
            ended.get(end.outcome()).incrementAndGet();
            Instant start = starts.remove(end.sessionId());
            if (start != null) {
                lastDurationMillis.set(Duration.between(start, end.time()).toMillis());
            }
        }
    }

    @Deactivate
    void deactivate() {
        mbeans.close();
    }

    @Override
    public long getStarted() {
        return started.get();
    }

    @Override
    public long getActive() {
        return starts.size();
    }

    @Override
    public long getSucceeded() {
        return ended.get(SessionOutcome.SUCCEEDED).get();
    }

    @Override
    public long getInconsistent() {
        return ended.get(SessionOutcome.INCONSISTENT).get();
    }

    @Override
    public long getFailed() {
        return ended.get(SessionOutcome.FAILED).get();
    }

    @Override
    public long getCancelled() {
        return ended.get(SessionOutcome.CANCELLED).get();
    }

    @Override
    public long getTimedOut() {
        return ended.get(SessionOutcome.TIMED_OUT).get();
    }

    @Override
    public long getLastDurationMillis() {
        return lastDurationMillis.get();
    }
}
