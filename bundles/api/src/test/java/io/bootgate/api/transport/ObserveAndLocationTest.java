/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Observe and Location-Path additions of the message values (package version 1.2). */
class ObserveAndLocationTest {

    @Test
    void aGetWithObserveZeroRegistersAndOneDeregisters() {
        CoapRequest register = CoapRequest.get("/3303/0/5700")
                .observe(CoapRequest.OBSERVE_REGISTER)
                .build();
        CoapRequest deregister = CoapRequest.get("/3303/0/5700")
                .observe(CoapRequest.OBSERVE_DEREGISTER)
                .build();
        CoapRequest plain = CoapRequest.get("/3303/0/5700").build();
        CoapRequest postWithObserve =
                CoapRequest.post("/3303/0/5700").observe(0).build();

        assertThat(register.isObserveRegister()).isTrue();
        assertThat(register.isObserveDeregister()).isFalse();
        assertThat(deregister.isObserveDeregister()).isTrue();
        assertThat(plain.observe()).isEmpty();
        assertThat(plain.isObserveRegister()).isFalse();
        assertThat(postWithObserve.isObserveRegister())
                .as("only GET and FETCH observe")
                .isFalse();
        assertThat(register).isNotEqualTo(plain).isNotEqualTo(deregister);
        assertThat(register.toString()).contains("observe=0");
    }

    @Test
    void theObserveOptionIsLimitedToItsThreeBytes() {
        assertThatThrownBy(() -> CoapRequest.get("/").observe(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoapRequest.get("/").observe(0x1000000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16777215");
        assertThatThrownBy(() -> CoapResponse.of(ResponseCode.CONTENT).withObserve(0x1000000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRegisterAnswerCarriesItsLocation() {
        CoapResponse created = CoapResponse.of(ResponseCode.CREATED).withLocationPath("/rd/5a3f");

        assertThat(created.locationPath()).containsExactly("rd", "5a3f");
        assertThat(created.locationPathString()).contains("/rd/5a3f");
        assertThat(created).isEqualTo(CoapResponse.of(ResponseCode.CREATED).withLocationPath(List.of("rd", "5a3f")));
        assertThat(created).isNotEqualTo(CoapResponse.of(ResponseCode.CREATED));
        assertThat(created.toString()).contains("location=/rd/5a3f");
        assertThat(CoapResponse.of(ResponseCode.CREATED).locationPathString()).isEmpty();
        assertThatThrownBy(() -> created.withLocationPath("/rd//x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNotificationKeepsPayloadAndLocationWithItsSequence() {
        CoapResponse value =
                CoapResponse.of(ResponseCode.CONTENT, ContentFormat.TEXT, "21.0".getBytes(StandardCharsets.UTF_8));
        CoapResponse notification = value.withObserve(7);

        assertThat(notification.observe()).hasValue(7);
        assertThat(value.observe()).isEmpty();
        assertThat(notification.payload()).isEqualTo(value.payload());
        assertThat(notification.contentFormat()).isEqualTo(value.contentFormat());
        assertThat(notification).isNotEqualTo(value);
        assertThat(notification.toString()).contains("observe=7");
    }
}
