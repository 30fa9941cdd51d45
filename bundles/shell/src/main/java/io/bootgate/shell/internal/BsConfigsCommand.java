/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapServer;
import io.bootgate.api.bsserver.ServerAccount;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code bootgate:bs-configs}: the endpoints the bootstrap server has a config for, one line each. */
@Command(scope = "bootgate", name = "bs-configs", description = "Lists the bootstrap server's endpoint configs")
@Service
public final class BsConfigsCommand implements Action {

    @Reference
    BootstrapConfigStore configs;

    /** Optional: shows which endpoints have a session running. */
    @Reference(optional = true)
    BootstrapServer server;

    @Option(name = "--limit", description = "At most this many lines (default 100)")
    int limit = 100;

    @Option(name = "--offset", description = "Skip this many endpoints")
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
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("--limit and --offset must not be negative");
        }
        Map<String, BootstrapConfig> all = new TreeMap<>(configs.getAll());
        Set<String> active = server == null ? Set.of() : server.activeSessions();
        out.println(String.format("%-32s %-24s %-40s %-7s %s", "ENDPOINT", "IDENTITY", "SERVERS", "WRITES", "SESSION"));
        int index = 0;
        int shown = 0;
        for (BootstrapConfig config : all.values()) {
            if (index++ < offset || shown >= limit) {
                continue;
            }
            shown++;
            out.println(String.format(
                    "%-32s %-24s %-40s %-7d %s",
                    config.endpoint(),
                    Render.identity(config.identity()),
                    servers(config),
                    config.writes().size(),
                    active.contains(config.endpoint()) ? "running" : "-"));
        }
        out.println(shown + " of " + all.size() + " config(s) shown");
        return null;
    }

    private static String servers(BootstrapConfig config) {
        if (config.servers().isEmpty()) {
            return config.writes().isEmpty() ? "none" : "none (partial re-bootstrap)";
        }
        return config.servers().stream()
                .map(s -> s.shortServerId() + ":" + s.securityMode() + " " + s.serverUri())
                .collect(Collectors.joining(", "));
    }

    static String server(ServerAccount account) {
        return account.shortServerId() + " " + account.serverUri() + " " + account.securityMode();
    }
}
