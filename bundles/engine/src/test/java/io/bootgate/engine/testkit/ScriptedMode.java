/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.testkit;

import io.bootgate.api.bootstrap.BootstrapContext;
import io.bootgate.api.bootstrap.BootstrapMode;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real {@link BootstrapMode} whose attempt runs a given script, for the engine tests. It records the
 * contexts it was given so that a test can drive an attempt in flight.
 */
public final class ScriptedMode implements BootstrapMode {

    private final String name;
    private final Function<BootstrapContext, CompletionStage<BootstrapOutcome>> script;
    private final List<BootstrapContext> attempts = new CopyOnWriteArrayList<>();

    public ScriptedMode(String name, Function<BootstrapContext, CompletionStage<BootstrapOutcome>> script) {
        this.name = name;
        this.script = script;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<BootstrapOutcome> attempt(BootstrapContext context) {
        attempts.add(context);
        return script.apply(context);
    }

    public List<BootstrapContext> attempts() {
        return attempts;
    }

    /** Service properties as DS would register them for this mode. */
    public Map<String, Object> properties(long serviceId) {
        return Map.of("bootgate.bootstrap.mode.name", name, "service.id", serviceId);
    }

    @Override
    public String toString() {
        return "ScriptedMode[" + name + "]";
    }
}
