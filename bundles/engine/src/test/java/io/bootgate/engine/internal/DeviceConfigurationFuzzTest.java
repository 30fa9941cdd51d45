/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer target for the device configuration ({@link DeviceConfigurationComponent#toConfig}): fuzzed endpoint,
 * mode sequence, {@code mode.<mode>.<key>} properties and credential files (their bytes, up to 64 KB). The
 * configuration is accepted or refused with {@link IllegalArgumentException} naming the field (the component
 * logs it and stays unregistered); any other exception is a finding. Credential paths are chosen among a
 * written key file, a missing file and none, so a fuzzed path never reads the machine's files.
 */
class DeviceConfigurationFuzzTest {

    private static final int MAX_INPUT = 64 * 1024;
    private static Path directory;

    private final DefaultKeyCodec keys = new DefaultKeyCodec();

    @BeforeAll
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("device-config-fuzz");
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @FuzzTest
    void toConfig(FuzzedDataProvider data) {
        String endpoint = data.consumeString(64);
        String[] sequence = new String[data.consumeInt(0, 3)];
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = data.consumeString(40);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        int count = data.consumeInt(0, 4);
        for (int i = 0; i < count; i++) {
            properties.put(data.consumeString(40), data.consumeString(40));
        }
        String privateKey = credential(data, "private.pem");
        String publicKey = credential(data, "public.pem");
        String certificate = credential(data, "cert.pem");
        byte[] content = data.consumeRemainingAsBytes();
        if (content.length > MAX_INPUT) {
            return;
        }
        try {
            for (String name : List.of("private.pem", "public.pem", "cert.pem")) {
                Files.write(directory.resolve(name), content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DeviceConfigurationComponent.toConfig(
                    keys, configuration(endpoint, sequence, privateKey, publicKey, certificate), properties);
        } catch (IllegalArgumentException expected) {
            // the documented refusal
        }
    }

    private static String credential(FuzzedDataProvider data, String name) {
        return switch (data.consumeInt(0, 2)) {
            case 0 -> "";
            case 1 -> directory.resolve(name).toString();
            default -> directory.resolve("missing-" + name).toString();
        };
    }

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
}
