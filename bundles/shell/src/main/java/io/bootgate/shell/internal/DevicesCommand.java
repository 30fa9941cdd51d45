/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.registration.DeviceRegistrations;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code bootgate:devices}: one line per device, paged so that 10,000 devices stay usable. */
@Command(scope = "bootgate", name = "devices", description = "Lists devices with their bootstrap state")
@Service
public final class DevicesCommand implements Action {

    @Reference
    BootstrapEngine engine;

    /** Optional: the registration feature may not be installed; its column then shows "-". */
    @Reference(optional = true)
    DeviceRegistrations registrations;

    @Option(
            name = "--state",
            description = "Only devices in this state (PENDING, BOOTSTRAPPING, BOOTSTRAPPED, " + "BACKING_OFF, FAILED)")
    String state;

    @Option(name = "--limit", description = "At most this many lines (default 100)")
    int limit = 100;

    @Option(name = "--offset", description = "Skip this many matching devices")
    int offset;

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
        BootstrapState wanted = state == null ? null : parseState(state);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("--limit and --offset must not be negative");
        }
        List<String> endpoints = engine.devices().stream().sorted().toList();
        int matching = 0;
        int shown = 0;
        out.println(String.format("%-32s %-13s %-24s %-20s %s", "ENDPOINT", "STATE", "MODE", "SERVERS", "LAST ERROR"));
        for (String endpoint : endpoints) {
            DeviceBootstrapStatus status = engine.state(endpoint).orElse(null);
            if (status == null || (wanted != null && status.state() != wanted)) {
                continue;
            }
            matching++;
            if (matching <= offset || shown >= limit) {
                continue;
            }
            shown++;
            out.println(String.format(
                    "%-32s %-13s %-24s %-20s %s",
                    endpoint,
                    status.state(),
                    Render.mode(status),
                    Render.servers(registrations, endpoint),
                    Render.lastError(status)));
        }
        out.println(shown + " of " + matching + " device(s) shown" + (wanted == null ? "" : " in state " + wanted)
                + ", " + endpoints.size() + " in total");
        return null;
    }

    static BootstrapState parseState(String text) {
        try {
            return BootstrapState.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--state " + text + " is not one of " + List.of(BootstrapState.values()), e);
        }
    }
}
