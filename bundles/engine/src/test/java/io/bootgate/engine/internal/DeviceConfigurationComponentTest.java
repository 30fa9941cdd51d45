/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.testkit.TestConfigs;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices from Config Admin: properties to {@link DeviceBootstrapConfig}, PEM credentials. */
class DeviceConfigurationComponentTest {

    private static final DefaultKeyCodec KEYS = new DefaultKeyCodec();

    @TempDir
    Path dir;

    private static DeviceConfiguration configuration(
            String endpoint, String[] sequence, String privateKey, String publicKey, String certificate) {
        return new DeviceConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DeviceConfiguration.class;
            }

            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public String[] modeSequence() {
                return sequence;
            }

            @Override
            public String credentials_privateKey() {
                return privateKey;
            }

            @Override
            public String credentials_publicKey() {
                return publicKey;
            }

            @Override
            public String credentials_certificate() {
                return certificate;
            }
        };
    }

    private Path pem(String name, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(
                dir.resolve(name), "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    @Test
    void modePropertiesAreGroupedByModeAndCredentialsReadFromPem() throws IOException {
        Path privateKey = pem(
                "device.key",
                "PRIVATE KEY",
                TestConfigs.clientKeys().getPrivate().getEncoded());
        Path publicKey = pem(
                "device.pub", "PUBLIC KEY", TestConfigs.clientKeys().getPublic().getEncoded());
        Map<String, Object> properties = Map.of(
                "mode.factory.file", "/etc/bootgate/dev1.json",
                "mode.client-initiated.server.uri", "coaps://127.0.0.1:5684",
                "service.pid", "io.bootgate.device.1234");

        DeviceBootstrapConfig config = DeviceConfigurationComponent.toConfig(
                KEYS,
                configuration(
                        "dev1",
                        new String[] {"factory", " client-initiated "},
                        privateKey.toString(),
                        publicKey.toString(),
                        ""),
                properties);

        assertThat(config.modeSequence()).containsExactly("factory", "client-initiated");
        assertThat(config.properties("factory")).containsExactly(Map.entry("file", "/etc/bootgate/dev1.json"));
        assertThat(config.properties("client-initiated"))
                .containsExactly(Map.entry("server.uri", "coaps://127.0.0.1:5684"));
        assertThat(config.credentials()).get().isInstanceOf(RpkCredentials.class);
        assertThat(config.credentials().orElseThrow().publicKey().getEncoded())
                .isEqualTo(TestConfigs.clientKeys().getPublic().getEncoded());
    }

    @Test
    void brokenConfigurationsAreRefusedNamingTheCause() throws IOException {
        Path sec1 = pem("device.key", "EC PRIVATE KEY", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> DeviceConfigurationComponent.toConfig(
                        KEYS,
                        configuration("dev1", new String[] {"factory"}, sec1.toString(), sec1.toString(), ""),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device.key: malformed PEM text");
        assertThatThrownBy(() -> DeviceConfigurationComponent.toConfig(
                        KEYS, configuration("dev1", new String[0], "", "", ""), Map.of()))
                .hasMessageContaining("the bootstrap mode sequence is empty");
        assertThatThrownBy(() -> DeviceConfigurationComponent.modeProperties(Map.of("mode.factory", "x")))
                .hasMessageContaining("mode.<mode>.<key>");
    }

    @Test
    void modeSequenceWrittenAsOneCommaListInCfgFileIsSplitIntoModes() {
        // Felix fileinstall gives "modeSequence = factory, client-initiated" from a .cfg file as one string.
        DeviceBootstrapConfig config = DeviceConfigurationComponent.toConfig(
                KEYS, configuration("dev1", new String[] {"factory, client-initiated"}, "", "", ""), Map.of());

        assertThat(config.modeSequence()).containsExactly("factory", "client-initiated");
        assertThat(DeviceConfigurationComponent.modeSequence(
                        new String[] {"smartcard,factory", " ,client-initiated, "}))
                .containsExactly("smartcard", "factory", "client-initiated");
        assertThatThrownBy(() -> DeviceConfigurationComponent.toConfig(
                        KEYS, configuration("dev1", new String[] {" , "}, "", "", ""), Map.of()))
                .hasMessageContaining("the bootstrap mode sequence is empty");
    }

    @Test
    void unknownModesAreThoseNeitherShippedByBootgateNorInstalled() {
        List<String> sequence = List.of("factory", "clinet-initiated", "vendor-mode", "server-initiated");

        assertThat(DeviceConfigurationComponent.unknownModes(sequence, Set.of()))
                .containsExactly("clinet-initiated", "vendor-mode");
        assertThat(DeviceConfigurationComponent.unknownModes(sequence, Set.of("vendor-mode")))
                .containsExactly("clinet-initiated");
    }
}
