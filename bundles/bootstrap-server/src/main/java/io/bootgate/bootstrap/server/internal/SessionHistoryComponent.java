/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionHistory;
import io.bootgate.api.bsserver.BootstrapSessionListener;
import io.bootgate.api.bsserver.BootstrapSessionRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Follows every bootstrap session (as a session listener, so it works with any server that publishes events)
 * and keeps the live ones and the last {@value #CAPACITY} ended ones in memory. Memory stays bounded: live
 * sessions are bounded by the server's own session limit (plus {@value #MAX_LIVE} as a guard against a server
 * that never ends a session), and each session keeps at most {@link BootstrapSessionHistory#MAX_STEPS} steps.
 */
@Component(service = {BootstrapSessionHistory.class, BootstrapSessionListener.class})
public final class SessionHistoryComponent implements BootstrapSessionHistory, BootstrapSessionListener {

    static final int CAPACITY = 200;

    /** Far above any real number of concurrent sessions; only a lost Ended event could fill it. */
    static final int MAX_LIVE = 10_000;

    private final int capacity;

    /** Keyed by endpoint and session id: ids restart with each server run, endpoints may have several runs. */
    private final Map<String, Builder> live = new LinkedHashMap<>();

    private final Deque<BootstrapSessionRecord> ended = new ArrayDeque<>();

    public SessionHistoryComponent() {
        this(CAPACITY);
    }

    /** A history keeping {@code capacity} ended sessions (tests use small ones). */
    public SessionHistoryComponent(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public void onEvent(BootstrapSessionEvent event) {
        String key = event.endpoint() + '#' + event.sessionId();
        synchronized (this) {
            Builder session = live.get(key);
            if (session == null) {
                if (live.size() >= MAX_LIVE) {
                    // Drop the oldest: its Ended was lost, and an unbounded map is worse than a forgotten session.
                    String oldest = live.keySet().iterator().next();
                    live.remove(oldest);
                }
                session = new Builder(event.endpoint(), event.sessionId());
                live.put(key, session);
            }
            if (event instanceof BootstrapSessionEvent.Started started) {
                session.started = started;
            } else if (event instanceof BootstrapSessionEvent.Step step) {
                session.add(step);
            } else if (event instanceof BootstrapSessionEvent.Ended end) {
                live.remove(key);
                if (ended.size() == capacity) {
                    ended.removeLast();
                }
                ended.addFirst(session.build(Optional.of(end)));
            }
        }
    }

    @Override
    public synchronized List<BootstrapSessionRecord> live() {
        List<BootstrapSessionRecord> records = new ArrayList<>(live.size());
        live.values().forEach(b -> records.add(b.build(Optional.empty())));
        return records;
    }

    @Override
    public synchronized List<BootstrapSessionRecord> recent() {
        return List.copyOf(ended);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    private static final class Builder {
        final String endpoint;
        final long sessionId;
        BootstrapSessionEvent.Started started;
        final List<BootstrapSessionEvent.Step> steps = new ArrayList<>();
        int dropped;

        Builder(String endpoint, long sessionId) {
            this.endpoint = endpoint;
            this.sessionId = sessionId;
        }

        void add(BootstrapSessionEvent.Step step) {
            if (steps.size() < MAX_STEPS) {
                steps.add(step);
            } else {
                dropped++;
            }
        }

        BootstrapSessionRecord build(Optional<BootstrapSessionEvent.Ended> end) {
            return new BootstrapSessionRecord(endpoint, sessionId, Optional.ofNullable(started), steps, dropped, end);
        }
    }
}
