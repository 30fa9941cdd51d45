/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Resolves the JSON form of a byte value (an opaque resource, a key) that factory files and bootstrap-server
 * configurations share. The caller has parsed the JSON already and passes the value as a {@code String} or a
 * {@code Map<String, ?>}; this class has no JSON library. The forms (documented in README.md, section
 * "Byte values in JSON files"):
 * <ul>
 * <li>{@code "AAEC..."}: a bare string is the Base64 of the bytes</li>
 * <li>{@code {"base64": "..."}}: Base64 (line breaks and spaces are ignored)</li>
 * <li>{@code {"hex": "00a1ff"}}: hexadecimal, {@code :} and spaces between bytes allowed</li>
 * <li>{@code {"text": "..."}}: the UTF-8 bytes of the text (e.g. a PSK identity)</li>
 * <li>{@code {"pem": "<PEM text>"}}: the DER of the PEM text's key or certificate, see
 * {@link KeyCodec#der}</li>
 * <li>{@code {"file": "keys/dev1.pub.pem"}}: a file; a PEM file yields the DER of its key or certificate as
 * {@code pem} does, any other file its raw bytes. A relative name is resolved against the directory of the
 * JSON file that names it. At most {@value #MAX_FILE_BYTES} bytes.</li>
 * <li>{@code {"pemFile": "..."}}: like {@code file}, but the file must be PEM</li>
 * </ul>
 * An object must have exactly one of these members.
 */
public final class ByteValues {

    /** The largest file a byte value may name: key material and small blobs, not firmware images. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    /** The member names of the object form, in the order messages list them. */
    public static final List<String> FORMS = List.of("file", "pemFile", "pem", "base64", "hex", "text");

    private final KeyCodec keys;
    private final Path baseDirectory;
    private final Consumer<Path> fileListener;

    /**
     * @param keys the key service, for PEM
     * @param baseDirectory the directory of the JSON file; relative file names are resolved against it
     * @param fileListener told of every file read (a configuration store watches them); may do nothing
     */
    public ByteValues(KeyCodec keys, Path baseDirectory, Consumer<Path> fileListener) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.baseDirectory = baseDirectory.toAbsolutePath();
        this.fileListener = Objects.requireNonNull(fileListener, "fileListener");
    }

    public ByteValues(KeyCodec keys, Path baseDirectory) {
        this(keys, baseDirectory, file -> {});
    }

    /** A file name of a byte value, resolved against the base directory. */
    public Path resolve(String name) {
        return baseDirectory.resolve(name).normalize();
    }

    /** {@link #bytes(Object, String, Set)} accepting any key or certificate in PEM. */
    public byte[] bytes(Object value, String field) throws ByteValueException {
        return bytes(value, field, EnumSet.allOf(KeyMaterialKind.class));
    }

    /**
     * @param value a {@code String} or a {@code Map} with one member, as the JSON parser produced it
     * @param field the JSON path of the value, for messages
     * @param pemKinds what a PEM value may hold
     */
    public byte[] bytes(Object value, String field, Set<KeyMaterialKind> pemKinds) throws ByteValueException {
        if (value instanceof String text) {
            return base64(text, field);
        }
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            throw new ByteValueException(field, "expected a base64 string or an object with one of " + FORMS);
        }
        Map.Entry<?, ?> member = map.entrySet().iterator().next();
        String form = String.valueOf(member.getKey());
        String memberField = field + "." + form;
        if (!FORMS.contains(form)) {
            throw new ByteValueException(
                    field, "unknown byte value form '" + form + "' (expected one of " + FORMS + ")");
        }
        if (!(member.getValue() instanceof String text)) {
            throw new ByteValueException(memberField, "expected a string");
        }
        return switch (form) {
            case "base64" -> base64(text, memberField);
            case "hex" -> hex(text, memberField);
            case "text" -> text.getBytes(StandardCharsets.UTF_8);
            case "pem" -> pem(text.getBytes(StandardCharsets.US_ASCII), pemKinds, memberField, null);
            case "pemFile" -> file(text, pemKinds, memberField, true);
            default -> file(text, pemKinds, memberField, false);
        };
    }

    private byte[] file(String name, Set<KeyMaterialKind> pemKinds, String field, boolean pemRequired)
            throws ByteValueException {
        Path file = resolve(name);
        fileListener.accept(file);
        byte[] content = read(file, field);
        if (keys.isPem(content)) {
            return pem(content, pemKinds, field, file.getFileName().toString());
        }
        if (pemRequired) {
            throw new ByteValueException(field, file + " is not a PEM file");
        }
        return content;
    }

    /** @param fileName the PEM file's name, named in messages; null for inline PEM */
    private byte[] pem(byte[] text, Set<KeyMaterialKind> pemKinds, String field, String fileName)
            throws ByteValueException {
        if (!keys.isPem(text)) {
            throw new ByteValueException(field, "not PEM text (RFC 7468)");
        }
        try {
            return keys.der(text, pemKinds, fileName == null ? field : fileName);
        } catch (KeyFormatException e) {
            throw new ByteValueException(field, fileName == null ? e.reason() : e.getMessage(), e);
        }
    }

    private static byte[] read(Path file, String field) throws ByteValueException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (content.length > MAX_FILE_BYTES) {
                throw new ByteValueException(field, file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return content;
        } catch (IOException e) {
            throw new ByteValueException(field, "cannot read " + file + ": " + e, e);
        }
    }

    private static byte[] base64(String text, String field) throws ByteValueException {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ByteValueException(field, "not valid base64", e);
        }
    }

    private static byte[] hex(String text, String field) throws ByteValueException {
        try {
            return HexFormat.of().parseHex(text.replace(":", "").replace(" ", ""));
        } catch (IllegalArgumentException e) {
            throw new ByteValueException(field, "not an even-length hex string", e);
        }
    }
}
