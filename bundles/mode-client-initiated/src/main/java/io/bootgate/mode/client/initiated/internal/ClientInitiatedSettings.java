/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.model.ContentFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one attempt: the gateway-wide configuration overridden by the device's mode properties.
 *
 * @param preferredContentFormat the {@code pct} to send; empty for a LwM2M 1.0 Bootstrap-Request
 * @param bootstrapPack whether to try a Bootstrap-Pack-Request first
 * @param handshakeTimeout longest DTLS handshake
 * @param requestTimeout longest wait for the answer to our request
 * @param finishLinger how long the session outlives the Finish
 */
record ClientInitiatedSettings(
        Optional<ContentFormat> preferredContentFormat,
        boolean bootstrapPack,
        Duration handshakeTimeout,
        Duration requestTimeout,
        Duration finishLinger) {

    /** Device property: the pct content format code, or {@code none}. */
    static final String PCT_PROPERTY = ModeProperties.CLIENT_INITIATED_PCT;
    /** Device property: {@code true} to try a Bootstrap-Pack-Request first. */
    static final String BSPACK_PROPERTY = ModeProperties.CLIENT_INITIATED_BSPACK;

    static ClientInitiatedSettings of(ClientInitiatedConfiguration config) {
        return new ClientInitiatedSettings(
                pct(config.preferredContentFormat(), "configuration preferredContentFormat"),
                config.bootstrapPack(),
                positive(Duration.ofSeconds(config.handshakeTimeoutSeconds()), "handshakeTimeoutSeconds"),
                positive(Duration.ofSeconds(config.requestTimeoutSeconds()), "requestTimeoutSeconds"),
                Duration.ofMillis(Math.max(0, config.finishLingerMillis())));
    }

    /**
     * These settings with a device's overrides.
     *
     * @throws IllegalArgumentException naming the property whose value is not understood
     */
    ClientInitiatedSettings withDeviceProperties(Map<String, String> properties) {
        Optional<ContentFormat> pct = preferredContentFormat;
        String pctText = properties.get(PCT_PROPERTY);
        if (pctText != null) {
            String value = pctText.strip().toLowerCase(Locale.ROOT);
            if (value.equals("none") || value.equals("-1")) {
                pct = Optional.empty();
            } else {
                try {
                    pct = pct(Integer.parseInt(value), "property " + PCT_PROPERTY);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "property " + PCT_PROPERTY + "='" + pctText
                                    + "' is not a content format code (e.g. 112) or 'none'",
                            e);
                }
            }
        }
        boolean pack = bootstrapPack;
        String packText = properties.get(BSPACK_PROPERTY);
        if (packText != null) {
            String value = packText.strip().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(
                        "property " + BSPACK_PROPERTY + "='" + packText + "' is neither true nor false");
            }
            pack = Boolean.parseBoolean(value);
        }
        return new ClientInitiatedSettings(pct, pack, handshakeTimeout, requestTimeout, finishLinger);
    }

    private static Optional<ContentFormat> pct(int code, String what) {
        if (code < 0) {
            return Optional.empty();
        }
        ContentFormat format = ContentFormat.fromCode(code)
                .orElseThrow(() -> new IllegalArgumentException(what + ": unknown content format " + code));
        if (format != ContentFormat.TLV && format != ContentFormat.SENML_JSON && format != ContentFormat.SENML_CBOR) {
            throw new IllegalArgumentException(what + ": " + code + " (" + format.mediaType()
                    + ") cannot carry a Bootstrap-Write; use 112, 110 or 11542");
        }
        return Optional.of(format);
    }

    private static Duration positive(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("configuration " + what + " must be positive, got " + duration);
        }
        return duration;
    }
}
