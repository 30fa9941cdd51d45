/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code bootgate:modes}: the installed modes and how many devices currently run each. The engine's public API
 * does not expose the devices' configured sequences, so "devices" counts the devices whose current mode it is.
 */
@Command(scope = "bootgate", name = "modes", description = "Lists installed bootstrap modes")
@Service
public final class ModesCommand implements Action {

    @Reference
    BootstrapEngine engine;

    @Reference(optional = true)
    List<BootstrapMode> modes = List.of();

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
        Map<String, Integer> inUse = new TreeMap<>();
        for (String endpoint : engine.devices()) {
            engine.state(endpoint)
                    .flatMap(DeviceBootstrapStatus::currentMode)
                    .ifPresent(m -> inUse.merge(m, 1, Integer::sum));
        }
        TreeSet<String> installed = new TreeSet<>();
        modes.forEach(m -> installed.add(m.name()));
        out.println(String.format("%-28s %s", "MODE", "DEVICES IN IT"));
        for (String name : installed) {
            out.println(String.format("%-28s %d", name, inUse.getOrDefault(name, 0)));
        }
        out.println(installed.size() + " mode(s) installed");
        inUse.keySet().stream()
                .filter(m -> !installed.contains(m))
                .forEach(m -> out.println("not installed but in use: " + m + " (" + inUse.get(m) + " device(s))"));
        return null;
    }
}
