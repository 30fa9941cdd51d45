/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapSessionHistory;
import io.bootgate.api.bsserver.BootstrapSessionRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code bootgate:bs-sessions}: the bootstrap server's running sessions, then the recent ended ones (newest
 * first), each with its trigger, peer, outcome and steps.
 */
@Command(scope = "bootgate", name = "bs-sessions", description = "Lists live and recent bootstrap server sessions")
@Service
public final class BsSessionsCommand implements Action {

    @Reference
    BootstrapSessionHistory history;

    @Option(name = "--endpoint", description = "Only this endpoint's sessions")
    @Completion(BsEndpointCompleter.class)
    String endpoint;

    @Option(name = "--limit", description = "At most this many recent sessions (default 20)")
    int limit = 20;

    @Option(name = "--steps", description = "Every step on its own line, not only the summary")
    boolean steps;

    /** The shell session, whose console gets the output. */
    @Reference
    Session session;

    /** The output; the session's console unless a test sets it. */
    PrintStream out;

    @Override
    public Object execute() {
        if (out == null) {
            out = session.getConsole();
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative");
        }
        List<BootstrapSessionRecord> live = filtered(history.live());
        List<BootstrapSessionRecord> recent = filtered(history.recent());
        out.println("Live sessions: " + (live.isEmpty() ? "none" : live.size()));
        live.forEach(this::print);
        int shown = Math.min(limit, recent.size());
        out.println("Recent sessions: " + shown + " of " + recent.size() + " kept (the server keeps the last "
                + history.capacity() + ", newest first)");
        recent.subList(0, shown).forEach(this::print);
        return null;
    }

    private List<BootstrapSessionRecord> filtered(List<BootstrapSessionRecord> records) {
        if (endpoint == null) {
            return records;
        }
        List<BootstrapSessionRecord> matching = new ArrayList<>();
        for (BootstrapSessionRecord record : records) {
            if (record.endpoint().equals(endpoint)) {
                matching.add(record);
            }
        }
        return matching;
    }

    private void print(BootstrapSessionRecord record) {
        StringBuilder line =
                new StringBuilder("  #").append(record.sessionId()).append(' ').append(record.endpoint());
        record.started().ifPresent(s -> line.append(' ')
                .append(s.trigger())
                .append(" from ")
                .append(s.peer().getAddress().getHostAddress())
                .append(':')
                .append(s.peer().getPort())
                .append(" at ")
                .append(s.time())
                .append(' ')
                .append(s.contentFormat()));
        if (record.ended().isPresent()) {
            BootstrapSessionEvent.Ended end = record.ended().get();
            line.append(" -> ")
                    .append(end.outcome())
                    .append(" (")
                    .append(end.detail())
                    .append(')');
        } else {
            line.append(" -> running");
        }
        out.println(line);
        if (steps) {
            for (BootstrapSessionEvent.Step step : record.steps()) {
                out.println("      " + step.time() + " " + step.operation() + " " + step.path() + " " + step.code());
            }
        } else if (!record.steps().isEmpty()) {
            out.println("      steps: "
                    + record.steps().stream()
                            .map(s -> s.operation() + " " + s.path() + " " + s.code())
                            .collect(Collectors.joining(", ")));
        }
        if (record.droppedSteps() > 0) {
            out.println("      (" + record.droppedSteps() + " further step(s) not kept)");
        }
    }
}
