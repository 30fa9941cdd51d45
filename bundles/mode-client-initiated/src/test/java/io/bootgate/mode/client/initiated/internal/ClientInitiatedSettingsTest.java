/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.mode.testkit.Configurations;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientInitiatedSettingsTest {

    private final ClientInitiatedSettings defaults =
            ClientInitiatedSettings.of(Configurations.defaults(ClientInitiatedConfiguration.class));

    @Test
    void defaultsSendSenmlCborAsPctAndNoPackRequest() {
        assertThat(defaults.preferredContentFormat()).contains(ContentFormat.SENML_CBOR);
        assertThat(defaults.bootstrapPack()).isFalse();
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void devicePropertiesOverrideTheGatewayConfiguration() {
        ClientInitiatedSettings device = defaults.withDeviceProperties(
                Map.of(ClientInitiatedSettings.PCT_PROPERTY, "11542", ClientInitiatedSettings.BSPACK_PROPERTY, "TRUE"));
        assertThat(device.preferredContentFormat()).contains(ContentFormat.TLV);
        assertThat(device.bootstrapPack()).isTrue();
        assertThat(defaults.withDeviceProperties(Map.of(ClientInitiatedSettings.PCT_PROPERTY, "none"))
                        .preferredContentFormat())
                .isEmpty();
        assertThat(ClientInitiatedSettings.of(Configurations.of(
                                ClientInitiatedConfiguration.class, Map.of("preferredContentFormat", -1)))
                        .preferredContentFormat())
                .isEmpty();
    }

    @Test
    void refusesFormatsThatCannotCarryABootstrapWriteAndUnreadableValues() {
        assertThatThrownBy(() -> defaults.withDeviceProperties(Map.of(ClientInitiatedSettings.PCT_PROPERTY, "40")))
                .hasMessageContaining("pct")
                .hasMessageContaining("40");
        assertThatThrownBy(() -> defaults.withDeviceProperties(Map.of(ClientInitiatedSettings.PCT_PROPERTY, "cbor")))
                .hasMessageContaining("'cbor'");
        assertThatThrownBy(() -> defaults.withDeviceProperties(Map.of(ClientInitiatedSettings.BSPACK_PROPERTY, "yes")))
                .hasMessageContaining("bspack");
    }
}
