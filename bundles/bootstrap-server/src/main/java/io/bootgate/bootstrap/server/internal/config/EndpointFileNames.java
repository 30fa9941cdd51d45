/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The reversible mapping between endpoint names and config file names ({@code <encoded endpoint>.json}).
 * <p>
 * Endpoint names may carry characters that file systems refuse or give a meaning to ({@code :} of URN names
 * such as {@code urn:imei:490154203237518} is a drive or stream separator on Windows), so those are
 * percent-encoded as UTF-8 bytes, like {@code urn%3Aimei%3A490154203237518.json}. {@code %} itself is encoded,
 * which makes the mapping reversible. A leading {@code .} is encoded too: hidden files are the store's
 * temporary files and are never read as configs. Each endpoint has exactly one (canonical) file name, so two
 * files can never claim the same endpoint.
 */
final class EndpointFileNames {

    static final String SUFFIX = ".json";
    /** The longest file name common file systems (ext4, NTFS, APFS) accept, in bytes. */
    private static final int MAX_FILE_NAME_BYTES = 255;
    /** Characters that are unsafe in a file name on at least one common file system, plus the escape itself. */
    private static final String UNSAFE = "%:/\\*?\"<>|";

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private EndpointFileNames() {}

    /**
     * The file name of an endpoint's config.
     *
     * @throws IllegalArgumentException when the encoded name is longer than a file name may be
     */
    static String fileName(String endpoint) {
        StringBuilder name = new StringBuilder(endpoint.length() + SUFFIX.length());
        for (int i = 0; i < endpoint.length(); i++) {
            char c = endpoint.charAt(i);
            boolean unsafe = UNSAFE.indexOf(c) >= 0
                    || Character.isISOControl(c)
                    || (i == 0 && c == '.')
                    // Windows drops trailing dots and spaces from file names.
                    || (i == endpoint.length() - 1 && (c == '.' || c == ' '));
            if (unsafe) {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    name.append('%').append(HEX.toHexDigits(b));
                }
            } else {
                name.append(c);
            }
        }
        name.append(SUFFIX);
        String fileName = name.toString();
        if (fileName.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME_BYTES) {
            throw new IllegalArgumentException("endpoint name '" + endpoint + "' is too long for a config file name ("
                    + fileName.getBytes(StandardCharsets.UTF_8).length + " > " + MAX_FILE_NAME_BYTES + " bytes)");
        }
        return fileName;
    }

    /**
     * The endpoint whose config a file holds: the decoded name, present only when the file name is that
     * endpoint's canonical file name (so that {@code urn:imei:1.json} and {@code urn%3Aimei%3A1.json} cannot
     * both configure {@code urn:imei:1}).
     */
    static Optional<String> endpoint(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() == SUFFIX.length()) {
            return Optional.empty();
        }
        String encoded = fileName.substring(0, fileName.length() - SUFFIX.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            int escape = encoded.indexOf('%', i);
            int literalEnd = escape < 0 ? encoded.length() : escape;
            bytes.writeBytes(encoded.substring(i, literalEnd).getBytes(StandardCharsets.UTF_8));
            if (escape < 0) {
                break;
            }
            if (escape + 3 > encoded.length()) {
                return Optional.empty();
            }
            try {
                bytes.write(HexFormat.fromHexDigits(encoded, escape + 1, escape + 3));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            i = escape + 3;
        }
        String endpoint = bytes.toString(StandardCharsets.UTF_8);
        try {
            return fileName(endpoint).equals(fileName) ? Optional.of(endpoint) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
