/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.devices;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.keys.KeyPairAndChain;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.X509Credentials;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The property vocabulary of one proxied device, shared by the Config Admin factory configuration
 * {@code io.bootgate.device} and every device source, and its conversion to a {@link DeviceBootstrapConfig}:
 * <ul>
 * <li>{@value #ENDPOINT}: the LwM2M client endpoint name, required</li>
 * <li>{@value #MODE_SEQUENCE}: mode names tried in order, a comma list (or an array); default
 * {@code factory, client-initiated}</li>
 * <li>{@value #PRIVATE_KEY}, {@value #PUBLIC_KEY} (Raw Public Key) or {@value #CERTIFICATE} (X.509): PEM files of
 * the device's Bootstrap-interface credentials, optional</li>
 * <li>{@code mode.<mode>.<key>}: a setting the mode gets as {@code <key>}</li>
 * </ul>
 * Other properties are not part of the vocabulary; Config Admin adds its own ({@code service.pid}, ...), so this
 * class ignores them and a source that wants typos refused checks {@link #isDeviceProperty}.
 */
public final class DeviceProperties {

    public static final String ENDPOINT = "endpoint";
    public static final String MODE_SEQUENCE = "modeSequence";
    public static final String PRIVATE_KEY = "credentials.privateKey";
    public static final String PUBLIC_KEY = "credentials.publicKey";
    public static final String CERTIFICATE = "credentials.certificate";
    /** Prefix of mode-specific properties: {@code mode.<mode name>.<key>}; mode names contain no dot. */
    public static final String MODE_PREFIX = "mode.";

    /** The mode sequence of a device that names none. */
    public static final List<String> DEFAULT_MODE_SEQUENCE =
            List.of(BootstrapModeName.FACTORY, BootstrapModeName.CLIENT_INITIATED);

    private static final List<String> NAMED = List.of(ENDPOINT, MODE_SEQUENCE, PRIVATE_KEY, PUBLIC_KEY, CERTIFICATE);

    private DeviceProperties() {}

    /** Whether a property name belongs to the vocabulary (one of the names above or {@code mode.<mode>.<key>}). */
    public static boolean isDeviceProperty(String name) {
        return NAMED.contains(name) || name.startsWith(MODE_PREFIX);
    }

    /**
     * A device's configuration from its properties. Values may be strings, or for {@value #MODE_SEQUENCE} also
     * arrays or collections of strings (each itself a comma list); credentials files are read with {@code keys}.
     *
     * @throws DevicePropertyException naming the property and the cause
     */
    public static DeviceBootstrapConfig toConfig(Map<String, ?> properties, KeyCodec keys) {
        String endpoint = text(properties, ENDPOINT);
        if (endpoint.isBlank()) {
            throw new DevicePropertyException(null, ENDPOINT + " is missing");
        }
        Object sequenceValue = properties.get(MODE_SEQUENCE);
        List<String> sequence = sequenceValue == null ? DEFAULT_MODE_SEQUENCE : modeSequence(strings(sequenceValue));
        return toConfig(
                endpoint,
                sequence,
                text(properties, PRIVATE_KEY),
                text(properties, PUBLIC_KEY),
                text(properties, CERTIFICATE),
                properties,
                keys);
    }

    /**
     * A device's configuration from its named settings (as a Metatype-typed configuration gives them) and all of
     * its properties, of which only {@code mode.<mode>.<key>} ones are read.
     *
     * @throws DevicePropertyException naming the property and the cause
     */
    public static DeviceBootstrapConfig toConfig(
            String endpoint,
            List<String> modeSequence,
            String privateKeyFile,
            String publicKeyFile,
            String certificateFile,
            Map<String, ?> properties,
            KeyCodec keys) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new DevicePropertyException(null, ENDPOINT + " is missing");
        }
        Map<String, Map<String, String>> modes = modeProperties(properties);
        Optional<DtlsCredentials> credentials = credentials(keys, privateKeyFile, publicKeyFile, certificateFile);
        try {
            return new DeviceBootstrapConfig(endpoint, modeSequence, modes, credentials);
        } catch (IllegalArgumentException e) {
            throw new DevicePropertyException(MODE_SEQUENCE, e.getMessage(), e);
        }
    }

    /**
     * The mode sequence of a configuration. Each value may itself be a comma list: Config Admin gives an array for
     * a typed property ({@code modeSequence = ["factory","client-initiated"]} in a {@code .config} file), but a
     * {@code .cfg} file ({@code modeSequence = factory, client-initiated}) gives one string, which must not be
     * taken as one mode named "factory, client-initiated".
     */
    public static List<String> modeSequence(String... configured) {
        return Arrays.stream(configured)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * Groups {@code mode.<mode>.<key> = value} properties by mode; mode names contain no dot.
     *
     * @throws DevicePropertyException for a {@code mode.} property of another form
     */
    public static Map<String, Map<String, String>> modeProperties(Map<String, ?> properties) {
        Map<String, Map<String, String>> byMode = new LinkedHashMap<>();
        for (Map.Entry<String, ?> property : properties.entrySet()) {
            String key = property.getKey();
            if (!key.startsWith(MODE_PREFIX)) {
                continue;
            }
            int dot = key.indexOf('.', MODE_PREFIX.length());
            if (dot < 0 || dot == key.length() - 1) {
                throw new DevicePropertyException(key, "property " + key + " is not of the form mode.<mode>.<key>");
            }
            byMode.computeIfAbsent(key.substring(MODE_PREFIX.length(), dot), m -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1), String.valueOf(property.getValue()));
        }
        return byMode;
    }

    /**
     * A device's Bootstrap-interface credentials from the files its configuration names, read by the key service:
     * a private key (PKCS#8 or SEC1) with a public key (Raw Public Key) or a certificate chain (X.509), each checked
     * to belong to the private key. Error messages name the file and the reason, never key bytes.
     *
     * @return the credentials, or empty when no private key file is configured
     * @throws DevicePropertyException naming the property, the file and the problem
     */
    public static Optional<DtlsCredentials> credentials(
            KeyCodec keys, String privateKeyFile, String publicKeyFile, String certificateFile) {
        if (privateKeyFile.isBlank()) {
            if (!publicKeyFile.isBlank() || !certificateFile.isBlank()) {
                // The property at fault is the one given (its line is what a file can name).
                throw new DevicePropertyException(
                        publicKeyFile.isBlank() ? CERTIFICATE : PUBLIC_KEY,
                        PRIVATE_KEY + " is required with a public key or certificate");
            }
            return Optional.empty();
        }
        if (publicKeyFile.isBlank() == certificateFile.isBlank()) {
            throw new DevicePropertyException(
                    publicKeyFile.isBlank() ? PRIVATE_KEY : CERTIFICATE,
                    "give exactly one of " + PUBLIC_KEY + " (Raw Public Key) and " + CERTIFICATE + " (X.509)");
        }
        String reading = PRIVATE_KEY;
        try {
            PrivateKey privateKey = keys.readPrivateKey(Path.of(privateKeyFile));
            if (!publicKeyFile.isBlank()) {
                reading = PUBLIC_KEY;
                PublicKey publicKey = keys.readPublicKey(Path.of(publicKeyFile));
                KeyPair pair = new KeyPair(publicKey, privateKey);
                keys.requireMatch(KeyPairAndChain.of(pair), publicKeyFile);
                return Optional.of(new RpkCredentials(pair));
            }
            reading = CERTIFICATE;
            List<X509Certificate> chain = keys.readCertificates(Path.of(certificateFile));
            keys.requireMatch(
                    new KeyPairAndChain(new KeyPair(chain.get(0).getPublicKey(), privateKey), chain), certificateFile);
            return Optional.of(new X509Credentials(privateKey, chain));
        } catch (KeyFormatException e) {
            throw new DevicePropertyException(reading, e.getMessage(), e);
        } catch (IOException e) {
            throw new DevicePropertyException(reading, "cannot read a credentials file: " + e, e);
        }
    }

    private static String text(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        return value == null ? "" : String.valueOf(value).trim();
    }

    private static String[] strings(Object value) {
        if (value instanceof String[] array) {
            return array;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[] {String.valueOf(value)};
    }
}
