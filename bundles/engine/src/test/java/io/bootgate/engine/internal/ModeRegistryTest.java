/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.ClientInitiated;
import io.bootgate.engine.testkit.ScriptedMode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Binding, ranking and unbinding of bootstrap modes, without the engine around them. */
class ModeRegistryTest {

    private final ModeRegistry registry = new ModeRegistry();

    private static ScriptedMode mode(String name) {
        return new ScriptedMode(name, ctx -> CompletableFuture.completedFuture(BootstrapOutcome.success()));
    }

    @Test
    void theNamePropertyWinsOverTheModesOwnNameAndTheMarkerIsRead() {
        ScriptedMode mode = mode("own-name");

        ModeBinding binding = registry.bind(
                mode,
                Map.of(
                        BootstrapModeName.PROPERTY,
                        "registered-name",
                        ClientInitiated.PROPERTY,
                        "true",
                        "service.id",
                        3L));

        assertThat(binding.name()).isEqualTo("registered-name");
        assertThat(binding.clientInitiated()).isTrue();
        assertThat(registry.installedModes()).containsExactly("registered-name");
        assertThat(registry.resolve("own-name")).isEmpty();
        assertThat(registry.resolve("registered-name")).containsSame(binding);
    }

    @Test
    void theHighestRankingThenTheOldestServiceIsResolved() {
        ScriptedMode oldest = mode("factory");
        ScriptedMode newer = mode("factory");
        ScriptedMode ranked = mode("factory");
        registry.bind(newer, Map.of("service.id", 20L));
        registry.bind(oldest, Map.of("service.id", 10L));
        assertThat(registry.resolve("factory").orElseThrow().mode()).isSameAs(oldest);

        registry.bind(ranked, Map.of("service.id", 30L, "service.ranking", 5));
        assertThat(registry.resolve("factory").orElseThrow().mode()).isSameAs(ranked);

        registry.unbind(ranked, Map.of());
        assertThat(registry.resolve("factory").orElseThrow().mode()).isSameAs(oldest);
    }

    @Test
    void anUnboundModeIsNoLongerResolvedButKeepsItsAttemptsInFlight() {
        ScriptedMode mode = mode("smartcard");
        ModeBinding binding = registry.bind(mode, Map.of("service.id", 1L));
        binding.attemptStarted();

        assertThat(registry.unbind(mode, Map.of())).containsSame(binding);

        assertThat(registry.resolve("smartcard")).isEmpty();
        assertThat(registry.installedModes()).isEmpty();
        assertThat(binding.isUnbound()).isTrue();
        assertThat(binding.inFlight()).isEqualTo(1);
        ModeRegistry.attemptEnded(binding);
        assertThat(binding.inFlight()).isZero();
    }

    @Test
    void unbindingAnUnknownModeChangesNothing() {
        ScriptedMode bound = mode("factory");
        registry.bind(bound, Map.of("service.id", 1L));

        assertThat(registry.unbind(mode("factory"), Map.of())).isEmpty();
        assertThat(registry.unbind(mode("other"), Map.of())).isEmpty();

        assertThat(registry.resolve("factory").orElseThrow().mode()).isSameAs(bound);
    }
}
