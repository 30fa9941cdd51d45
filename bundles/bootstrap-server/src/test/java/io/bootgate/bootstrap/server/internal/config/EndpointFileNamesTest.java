/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointFileNamesTest {

    @Test
    void plainNamesAreTheirOwnFileNames() {
        assertThat(EndpointFileNames.fileName("device-001")).isEqualTo("device-001.json");
        assertThat(EndpointFileNames.endpoint("device-001.json")).contains("device-001");
    }

    @Test
    void urnNamesArePercentEncodedAndDecodedBack() {
        assertThat(EndpointFileNames.fileName("urn:imei:490154203237518"))
                .isEqualTo("urn%3Aimei%3A490154203237518.json");
        assertThat(EndpointFileNames.endpoint("urn%3Aimei%3A490154203237518.json"))
                .contains("urn:imei:490154203237518");
    }

    @Test
    void everyUnsafeCharacterRoundTrips() {
        for (String endpoint : List.of(
                "a%b",
                "100%25",
                "x*y?z",
                "q\"<>|",
                ".hidden",
                "dot.",
                "space ",
                "ü-é-日本",
                "emoji-\uD83D\uDE00",
                "back\\slash",
                "sl/ash",
                "urn:dev:ops:0004A3-Sensor-1")) {
            String fileName = EndpointFileNames.fileName(endpoint);
            assertThat(fileName)
                    .doesNotContain("/", "\\", ":", "*", "?", "\"", "<", ">", "|")
                    .doesNotStartWith(".");
            assertThat(EndpointFileNames.endpoint(fileName)).as(endpoint).contains(endpoint);
        }
    }

    @Test
    void onlyTheCanonicalFileNameNamesAnEndpoint() {
        // Two files must never configure the same endpoint.
        assertThat(EndpointFileNames.endpoint("urn:imei:1.json")).isEmpty();
        assertThat(EndpointFileNames.endpoint("urn%3aimei%3a1.json")).isEmpty();
        assertThat(EndpointFileNames.endpoint("dev%2D1.json")).isEmpty();
        assertThat(EndpointFileNames.endpoint("broken%4.json")).isEmpty();
        assertThat(EndpointFileNames.endpoint("broken%ZZ.json")).isEmpty();
        assertThat(EndpointFileNames.endpoint(".json")).isEmpty();
        assertThat(EndpointFileNames.endpoint("dev1.txt")).isEmpty();
    }

    @Test
    void aNameTooLongForAFileIsRefused() {
        assertThatThrownBy(() -> EndpointFileNames.fileName(":".repeat(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }
}
