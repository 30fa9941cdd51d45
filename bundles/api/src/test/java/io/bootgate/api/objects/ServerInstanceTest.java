/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Server;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServerInstanceTest {

    static ServerInstance server() {
        return ServerInstance.builder(1, 101)
                .lifetime(300)
                .defaultMinPeriod(1)
                .defaultMaxPeriod(60)
                .disableTimeout(86400)
                .notificationStoring(true)
                .binding("UQ")
                .lastBootstrapped(Instant.parse("2026-01-02T03:04:05Z"))
                .communicationRetryCount(5)
                .communicationRetryTimer(60)
                .communicationSequenceDelayTimer(86400)
                .communicationSequenceRetryCount(1)
                .otherResource(
                        SingleResource.of(Server.REGISTRATION_PRIORITY_ORDER, ResourceValue.ofUnsignedInteger(2)))
                .build();
    }

    @Test
    void roundTripsThroughAnObjectInstance() {
        ObjectInstance instance = server().toObjectInstance();
        assertThat(instance.value(Server.SHORT_SERVER_ID)).contains(ResourceValue.ofInteger(101));
        assertThat(instance.value(Server.COMMUNICATION_RETRY_COUNT)).contains(ResourceValue.ofUnsignedInteger(5));
        assertThat(ServerInstance.from(instance)).isEqualTo(server());
        assertThat(ServerInstance.from(instance).toObjectInstance()).isEqualTo(instance);
    }

    @Test
    void theBuilderDefaultsTheMandatoryResourcesExceptTheLifetime() {
        ServerInstance minimal = ServerInstance.builder(0, 7).lifetime(60).build();
        assertThat(minimal.binding()).isEqualTo("U");
        assertThat(minimal.notificationStoring()).isFalse();
        assertThat(minimal.communicationRetryCount()).isEqualTo(OptionalLong.empty());
        assertThat(ServerInstance.from(minimal.toObjectInstance())).isEqualTo(minimal);
        assertThatThrownBy(() -> ServerInstance.builder(0, 7).build()).hasMessageContaining("no Lifetime");
    }

    @Test
    void aMissingMandatoryResourceIsNamed() {
        ObjectInstance instance =
                server().toObjectInstance().without(Server.SHORT_SERVER_ID).without(Server.BINDING);
        assertThatThrownBy(() -> ServerInstance.from(instance))
                .isInstanceOf(InvalidObjectInstanceException.class)
                .hasMessage("/1/1/0: Short Server ID is missing; /1/1/7: Binding is missing");
    }

    @Test
    void aResourceOfAnotherTypeIsNamed() {
        ObjectInstance instance =
                server().toObjectInstance().with(SingleResource.ofInteger(Server.LAST_BOOTSTRAPPED, 1));
        assertThatThrownBy(() -> ServerInstance.from(instance))
                .hasMessage("/1/1/12: Last Bootstrapped is INTEGER, expected TIME");
    }

    @Test
    void valuesOutOfRangeAreNamed() {
        ObjectInstance instance = server().toObjectInstance()
                .with(SingleResource.ofInteger(Server.SHORT_SERVER_ID, 0))
                .with(SingleResource.ofInteger(Server.LIFETIME, -5));
        assertThatThrownBy(() -> ServerInstance.from(instance))
                .hasMessageStartingWith(
                        "/1/1/0: Short Server ID 0 is outside 1..65534; /1/1/1: Lifetime -5 is outside 0..");
    }

    @Test
    void theConstructorRefusesOutOfRangeComponents() {
        assertThatThrownBy(() -> ServerInstance.builder(0, 65535).lifetime(1).build())
                .hasMessage("Short Server ID 65535 is outside 1..65534");
        assertThatThrownBy(() -> ServerInstance.builder(0, 1)
                        .lifetime(1)
                        .communicationRetryTimer(-1)
                        .build())
                .hasMessage("Communication Retry Timer -1 is negative");
    }

    @Test
    void withInstanceIdMovesTheInstance() {
        assertThat(server().withInstanceId(4).path().toString()).isEqualTo("/1/4");
        assertThat(server().withInstanceId(4).withInstanceId(1)).isEqualTo(server());
    }
}
