/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.devices.SourcedDevice;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceFileParserTest {

    @TempDir
    Path directory;

    private final DeviceFileParser parser = new DeviceFileParser(new DefaultKeyCodec());

    private SourcedDevice parse(String text) throws DeviceFileException {
        return parser.parse(directory.resolve("dev.properties"), text.getBytes(StandardCharsets.UTF_8));
    }

    private String refusal(String text) {
        try {
            parse(text);
        } catch (DeviceFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused: " + text);
    }

    @Test
    void theConfigAdminVocabularyInTheCfgLineFormat() throws Exception {
        SourcedDevice device = parse(
                """
                # comment
                ! also a comment
                service.pid = io.bootgate.device.1234
                felix.fileinstall.filename = file:/opt/karaf/etc/io.bootgate.device-dev.cfg
                endpoint: urn:dev:\\u0041
                modeSequence = smartcard, \\
                    factory ,client-initiated
                mode.factory.file = C\\:\\\\factory\\\\dev.json
                mode.client-initiated.server.uri=coaps://127.0.0.1:5684
                """);

        assertThat(device.endpoint()).isEqualTo("urn:dev:A");
        assertThat(device.origin()).isEqualTo(directory.resolve("dev.properties") + ":5");
        assertThat(device.config().modeSequence()).containsExactly("smartcard", "factory", "client-initiated");
        assertThat(device.config().properties("factory")).isEqualTo(Map.of("file", "C:\\factory\\dev.json"));
        assertThat(device.config().properties("client-initiated"))
                .isEqualTo(Map.of("server.uri", "coaps://127.0.0.1:5684"));
        assertThat(device.config().credentials()).isEmpty();
    }

    @Test
    void theDefaultModeSequenceIsTheConfigAdminOne() throws Exception {
        assertThat(parse("endpoint = d").config().modeSequence()).containsExactly("factory", "client-initiated");
    }

    @Test
    void relativeCredentialsFilesAreTakenFromTheFilesDirectory() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var keys = generator.generateKeyPair();
        Files.createDirectories(directory.resolve("keys"));
        Files.writeString(
                directory.resolve("keys/d.key.pem"),
                pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Files.writeString(
                directory.resolve("keys/d.pub.pem"),
                pem("PUBLIC KEY", keys.getPublic().getEncoded()));

        SourcedDevice device = parse(
                "endpoint = d\ncredentials.privateKey = keys/d.key.pem\ncredentials.publicKey = keys/d.pub.pem\n");

        assertThat(device.config().credentials()).get().isInstanceOf(RpkCredentials.class);
        assertThat(refusal("endpoint = d\n\ncredentials.privateKey = keys/missing.pem\ncredentials.publicKey ="
                        + " keys/d.pub.pem\n"))
                .startsWith(directory.resolve("dev.properties") + ":3: cannot read a credentials file")
                .contains("missing.pem");
        assertThat(refusal("endpoint = d\ncredentials.publicKey = keys/d.pub.pem\n"))
                .isEqualTo(directory.resolve("dev.properties")
                        + ":2: credentials.privateKey is required with a public key or certificate");
    }

    @Test
    void refusalsNameTheLine() {
        Path file = directory.resolve("dev.properties");
        assertThat(refusal("endpoint = a\n\nendpoint = b\n"))
                .isEqualTo(file + ":3: property endpoint given twice (first on line 1)");
        assertThat(refusal("endpoint = a\nmodeSequence = ,\n"))
                .isEqualTo(file + ":2: device a: the bootstrap mode sequence is empty");
        assertThat(refusal("endpoint = a\ncredentials.private = x\n")).startsWith(file + ":2: unknown property");
        assertThat(refusal("modeSequence = factory\n")).isEqualTo(file + ": endpoint is missing");
        assertThatThrownBy(() -> parser.parse(file, new byte[] {'e', '=', (byte) 0xC3}))
                .hasMessage(file + ": not UTF-8 text");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
