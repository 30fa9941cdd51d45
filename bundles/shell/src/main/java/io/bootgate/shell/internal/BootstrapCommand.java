/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.shell.internal;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.registration.DeviceRegistrations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code bootgate:bootstrap}: re-bootstraps a device (or every failed one) now. */
@Command(scope = "bootgate", name = "bootstrap", description = "Re-bootstraps a device now")
@Service
public final class BootstrapCommand implements Action {

    /** How long the command waits for an outcome before saying the run goes on in the background. */
    static final Duration WAIT = Duration.ofSeconds(5);

    @Reference
    BootstrapEngine engine;

    @Reference(optional = true)
    DeviceRegistrations registrations;

    @Argument(index = 0, name = "endpoint", description = "The device's endpoint name")
    @Completion(EndpointCompleter.class)
    String endpoint;

    @Option(name = "--mode", description = "Run this mode instead of the device's sequence")
    @Completion(ModeNameCompleter.class)
    String mode;

    @Option(name = "--init", description = "Client-initiated re-bootstrap through the LwM2M Server with this SSID")
    Integer initSsid;

    @Option(name = "--all-failed", description = "Every device in state FAILED or BACKING_OFF")
    boolean allFailed;

    /** The shell session, whose console gets the output. */
    @Reference
    Session session;

    /** The output; the session's console unless a test sets it. */
    PrintStream out;

    Duration wait = WAIT;

    @Override
    public Object execute() throws InterruptedException {
        if (out == null) {
            out = session.getConsole();
        }
        if (allFailed == (endpoint != null)) {
            throw new IllegalArgumentException("give either an endpoint or --all-failed");
        }
        List<String> targets = new ArrayList<>();
        if (allFailed) {
            for (String device : engine.devices()) {
                engine.state(device)
                        .filter(s -> s.state() == BootstrapState.FAILED || s.state() == BootstrapState.BACKING_OFF)
                        .ifPresent(s -> targets.add(device));
            }
            out.println(targets.size() + " failed or backing-off device(s)");
        } else if (engine.state(endpoint).isEmpty()) {
            throw new IllegalArgumentException("unknown endpoint " + endpoint + ": not configured in the engine");
        } else {
            targets.add(endpoint);
        }
        if (initSsid != null && registrations == null) {
            throw new IllegalStateException(
                    "--init needs the registration feature (DeviceRegistrations service), " + "which is not installed");
        }
        List<CompletableFuture<BootstrapOutcome>> runs = new ArrayList<>();
        for (String target : targets) {
            runs.add(start(target).toCompletableFuture());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (int i = 0; i < targets.size(); i++) {
            out.println(targets.get(i) + ": " + await(runs.get(i), deadline));
        }
        return null;
    }

    private CompletionStage<BootstrapOutcome> start(String target) {
        if (initSsid != null) {
            return registrations.rebootstrap(target, OptionalInt.of(initSsid));
        }
        return mode != null ? engine.requestBootstrap(target, mode) : engine.requestBootstrap(target);
    }

    private static String await(CompletableFuture<BootstrapOutcome> run, long deadline) throws InterruptedException {
        try {
            BootstrapOutcome outcome = run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return outcome.status() + " (" + outcome.detail() + ")";
        } catch (TimeoutException e) {
            return "running (no outcome yet; see bootgate:device)";
        } catch (ExecutionException e) {
            return "FAILURE (" + e.getCause().getMessage() + ")";
        }
    }
}
