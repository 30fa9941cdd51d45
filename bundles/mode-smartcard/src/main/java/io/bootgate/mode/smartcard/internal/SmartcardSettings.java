/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import io.bootgate.api.bootstrap.ModeProperties;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The smartcard mode's settings for one attempt: the gateway-wide defaults with the device's own mode
 * properties laid over them. Keys are the same in both places.
 */
final class SmartcardSettings {

    static final String READER = ModeProperties.SMARTCARD_READER;
    static final String AID = ModeProperties.SMARTCARD_AID;
    static final String LABEL = ModeProperties.SMARTCARD_LABEL;
    static final String APPLICATION_OID = ModeProperties.SMARTCARD_APPLICATION_OID;
    static final String PIN = ModeProperties.SMARTCARD_PIN;
    static final String PIN_REFERENCE = ModeProperties.SMARTCARD_PIN_REFERENCE;

    /** The file name Appendix G gives the bootstrap file, used as the DODF object's label by default. */
    static final String DEFAULT_LABEL = "LwM2M_Bootstrap";

    private static final List<String> KEYS = List.of(READER, AID, LABEL, APPLICATION_OID, PIN, PIN_REFERENCE);

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    private final Map<String, String> values;

    private SmartcardSettings(Map<String, String> values) {
        this.values = values;
    }

    static SmartcardSettings defaults() {
        return new SmartcardSettings(Map.of(LABEL, DEFAULT_LABEL));
    }

    static SmartcardSettings of(SmartcardModeConfiguration configuration) {
        Map<String, String> map = new HashMap<>();
        map.put(READER, configuration.reader());
        map.put(AID, configuration.aid());
        map.put(LABEL, configuration.label());
        map.put(APPLICATION_OID, configuration.applicationOid());
        map.put(PIN_REFERENCE, Integer.toString(configuration.pinReference()));
        return new SmartcardSettings(Map.copyOf(map));
    }

    /**
     * These settings with a device's mode properties laid over them (blank values do not override).
     *
     * @throws IllegalArgumentException for a key the mode does not know: a misspelt "reader" would otherwise
     *             silently read whatever card is present
     */
    SmartcardSettings with(Map<String, String> deviceProperties) {
        for (String key : deviceProperties.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown smartcard property '" + key + "' (known: " + KEYS + ")");
            }
        }
        Map<String, String> map = new HashMap<>(values);
        deviceProperties.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                map.put(key, value.trim());
            }
        });
        return new SmartcardSettings(Map.copyOf(map));
    }

    Optional<String> reader() {
        return text(READER);
    }

    /**
     * The options of the PKCS#15 reader.
     *
     * @throws IllegalArgumentException naming the setting that is invalid
     */
    Pkcs15BootstrapReader.Options readerOptions() {
        Optional<byte[]> aid = text(AID).map(hex -> {
            try {
                byte[] bytes = HexFormat.of().parseHex(hex);
                if (bytes.length < 5 || bytes.length > 16) {
                    throw new IllegalArgumentException("smartcard setting '" + AID + "' must be 5 to 16 bytes of hex");
                }
                return bytes;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "smartcard setting '" + AID + "' is not a 5 to 16 byte hex AID: '" + hex + "'", e);
            }
        });
        String label = text(LABEL).orElse(DEFAULT_LABEL);
        Optional<String> oid = text(APPLICATION_OID);
        if (oid.isPresent() && !OID.matcher(oid.get()).matches()) {
            throw new IllegalArgumentException(
                    "smartcard setting '" + APPLICATION_OID + "' is not a dotted OID: '" + oid.get() + "'");
        }
        Optional<String> pin = text(PIN);
        if (pin.isPresent()
                && (pin.get().length() < 4
                        || pin.get().length() > 8
                        || !pin.get().chars().allMatch(c -> c >= 0x20 && c < 0x7F))) {
            // The PIN itself never appears in a message: these end up in logs.
            throw new IllegalArgumentException(
                    "smartcard setting '" + PIN + "' must be 4 to 8 printable ASCII" + " characters");
        }
        int pinReference;
        String reference = text(PIN_REFERENCE).orElse("0");
        try {
            pinReference = reference.startsWith("0x") || reference.startsWith("0X")
                    ? Integer.parseInt(reference.substring(2), 16)
                    : Integer.parseInt(reference);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "smartcard setting '" + PIN_REFERENCE + "' is not a number: '" + reference + "'", e);
        }
        if (pinReference < 0 || pinReference > 0xFF) {
            throw new IllegalArgumentException(
                    "smartcard setting '" + PIN_REFERENCE + "' must be 0..255, is " + pinReference);
        }
        return new Pkcs15BootstrapReader.Options(aid, label, oid, pin, pinReference);
    }

    private Optional<String> text(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
