/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.registration.DeviceRegistrations;
import io.bootgate.api.registration.ServerRegistration;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.TreeView;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code bootgate:device <endpoint>}: the device's objects (secrets masked), ACLs, registrations, attempts. */
@Command(scope = "bootgate", name = "device", description = "Shows one device's objects, ACLs and attempts")
@Service
public final class DeviceCommand implements Action {

    @Reference
    BootstrapEngine engine;

    @Reference
    ObjectStore store;

    @Reference(optional = true)
    DeviceRegistrations registrations;

    @Reference(optional = true)
    BootstrapAttempts attempts;

    @Argument(index = 0, name = "endpoint", required = true, description = "The device's endpoint name")
    @Completion(EndpointCompleter.class)
    String endpoint;

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
        DeviceBootstrapStatus status = engine.state(endpoint).orElse(null);
        boolean stored = store.exists(endpoint);
        if (status == null && !stored) {
            throw new IllegalArgumentException(
                    "unknown endpoint " + endpoint + ": not configured in the engine and not in the object store");
        }
        out.println("Device " + endpoint);
        if (status == null) {
            out.println("  bootstrap: not configured in the engine");
        } else {
            out.println("  state: " + status.state() + ", mode: " + Render.mode(status) + ", failed runs: "
                    + status.failedRuns() + ", last error: " + Render.lastError(status));
            status.lastBootstrapped().ifPresent(t -> out.println("  last bootstrapped: " + t));
            status.nextRun().ifPresent(t -> out.println("  next run: " + t));
        }
        if (stored) {
            TreeView tree = store.snapshot(endpoint);
            printObjects(tree);
            printAcls(tree);
        } else {
            out.println("Objects: none stored");
        }
        printRegistrations();
        printAttempts();
        return null;
    }

    private void printObjects(TreeView tree) {
        out.println("Objects (revision " + tree.revision() + "):");
        for (LwM2mObject object : tree.objects().values()) {
            for (ObjectInstance instance : object.instances().values()) {
                out.println("  /" + object.id() + "/" + instance.id());
                for (Map.Entry<Integer, Resource> e : instance.resources().entrySet()) {
                    out.println("    " + e.getKey() + " = " + Render.resource(object.id(), e.getValue()));
                }
            }
        }
    }

    private void printAcls(TreeView tree) {
        List<AccessControlInstance> acls = AccessControlInstance.allOf(tree);
        out.println("Access control (/2):" + (acls.isEmpty() ? " none" : ""));
        for (AccessControlInstance acl : acls) {
            out.println("  " + Render.acl(acl));
        }
    }

    private void printRegistrations() {
        if (registrations == null) {
            out.println("Registrations: - (the registration feature is not installed)");
            return;
        }
        List<ServerRegistration> list = registrations.registrations(endpoint);
        out.println("Registrations:" + (list.isEmpty() ? " none" : ""));
        for (ServerRegistration r : list) {
            out.println("  ssid " + r.shortServerId() + " " + r.serverUri() + " " + r.state()
                    + r.lastError().map(e -> ", last error: " + e).orElse(""));
        }
    }

    private void printAttempts() {
        List<BootstrapEvent> recent = attempts == null ? List.of() : attempts.recent(endpoint);
        out.println("Recent attempts:" + (recent.isEmpty() ? " none seen since the shell started" : ""));
        for (BootstrapEvent event : recent) {
            out.println("  " + event.time() + " " + event.mode().orElse("-") + " "
                    + event.outcome()
                            .map(o -> o.status() + " (" + o.detail() + ")")
                            .orElse(event.type().name()));
        }
    }
}
