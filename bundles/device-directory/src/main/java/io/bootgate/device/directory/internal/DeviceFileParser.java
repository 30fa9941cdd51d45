/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.device.directory.internal;

import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.devices.DeviceProperties;
import io.bootgate.api.devices.DevicePropertyException;
import io.bootgate.api.devices.SourcedDevice;
import io.bootgate.api.keys.KeyCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device file: UTF-8 text in the {@code .cfg}/{@code .properties} line format ({@code name = value} or
 * {@code name: value}, {@code #} and {@code !} comments, a trailing backslash continues a line, the usual escapes),
 * with the property names of the Config Admin device configuration ({@link DeviceProperties}). Unlike Config Admin,
 * an unknown property is refused, so that a misspelt name is not silently ignored; {@code service.*} and
 * {@code felix.fileinstall.*}, which Karaf writes into {@code etc/} files, are skipped so that a device's
 * {@code etc/io.bootgate.device-*.cfg} can be moved here as it is. Relative credentials paths are resolved against
 * the directory of the file.
 */
final class DeviceFileParser {

    private static final List<String> CREDENTIALS =
            List.of(DeviceProperties.PRIVATE_KEY, DeviceProperties.PUBLIC_KEY, DeviceProperties.CERTIFICATE);

    private final KeyCodec keys;

    DeviceFileParser(KeyCodec keys) {
        this.keys = keys;
    }

    /**
     * @throws DeviceFileException naming {@code file}, the line at fault when there is one, and the cause
     */
    SourcedDevice parse(Path file, byte[] content) throws DeviceFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DeviceFileException(file + ": not UTF-8 text", e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        String[] physical = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < physical.length; i++) {
            int lineNumber = i + 1;
            String line = physical[i].stripLeading();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line) && i + 1 < physical.length) {
                logical.append(line, 0, line.length() - 1);
                line = physical[++i].stripLeading();
            }
            logical.append(line);
            int separator = separator(logical);
            if (separator < 0) {
                throw new DeviceFileException(
                        file + ":" + lineNumber + ": not a 'name = value' line: " + abbreviate(logical.toString()));
            }
            String name = unescape(logical.substring(0, separator).strip());
            String value = unescape(logical.substring(separator + 1).strip());
            if (name.startsWith("service.") || name.startsWith("felix.fileinstall.")) {
                continue;
            }
            if (!DeviceProperties.isDeviceProperty(name)) {
                throw new DeviceFileException(file + ":" + lineNumber + ": unknown property '" + abbreviate(name)
                        + "' (the device properties are endpoint, modeSequence, credentials.privateKey,"
                        + " credentials.publicKey, credentials.certificate and mode.<mode>.<key>)");
            }
            Integer first = lines.putIfAbsent(name, lineNumber);
            if (first != null) {
                throw new DeviceFileException(
                        file + ":" + lineNumber + ": property " + name + " given twice (first on line " + first + ")");
            }
            properties.put(name, value);
        }
        for (String credential : CREDENTIALS) {
            String value = properties.get(credential);
            if (value != null && !value.isBlank() && file.getParent() != null) {
                properties.put(credential, file.getParent().resolve(value).toString());
            }
        }
        DeviceBootstrapConfig config;
        try {
            config = DeviceProperties.toConfig(properties, keys);
        } catch (DevicePropertyException e) {
            Integer line = e.property().map(lines::get).orElse(null);
            throw new DeviceFileException(file + (line == null ? "" : ":" + line) + ": " + e.getMessage(), e);
        }
        Integer endpointLine = lines.get(DeviceProperties.ENDPOINT);
        return new SourcedDevice(config, file + ":" + endpointLine);
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** The first unescaped {@code =} or {@code :}. */
    private static int separator(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < text.length() && isHex(text.substring(i + 1, i + 5))) {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append('u');
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text) {
        return text.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
