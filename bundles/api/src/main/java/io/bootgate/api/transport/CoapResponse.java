/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable CoAP response: code, Content-Format, payload, and for error answers an optional diagnostic
 * text; since 1.2 also the Location-Path options (the {@code /rd/<id>} of a Register's 2.01 Created) and the
 * Observe option of a notification (RFC 7641).
 * <p>
 * A diagnostic text (RFC 7252 §5.5.2) is sent as the payload of an error response without Content-Format,
 * so a response carries either a diagnostic or a payload, never both. On receipt, the payload of an error
 * response without Content-Format is read back as its diagnostic.
 */
public final class CoapResponse {

    private static final byte[] EMPTY = new byte[0];

    private final ResponseCode code;
    private final int contentFormat;
    private final byte[] payload;
    private final String diagnostic;
    private final List<String> locationPath;
    private final int observe;

    private CoapResponse(ResponseCode code, int contentFormat, byte[] payload, String diagnostic) {
        this(code, contentFormat, payload, diagnostic, List.of(), -1);
    }

    private CoapResponse(
            ResponseCode code,
            int contentFormat,
            byte[] payload,
            String diagnostic,
            List<String> locationPath,
            int observe) {
        this.code = Objects.requireNonNull(code, "code");
        this.contentFormat = contentFormat;
        this.payload = payload;
        this.diagnostic = diagnostic;
        this.locationPath = locationPath;
        this.observe = observe;
    }

    /** A response without payload. */
    public static CoapResponse of(ResponseCode code) {
        return new CoapResponse(code, -1, EMPTY, null);
    }

    /**
     * An error response with a diagnostic text for the peer's logs.
     *
     * @throws IllegalArgumentException if {@code code} is a success code
     */
    public static CoapResponse error(ResponseCode code, String diagnostic) {
        if (code.isSuccess()) {
            throw new IllegalArgumentException("a diagnostic belongs to an error response, not " + code);
        }
        return new CoapResponse(code, -1, EMPTY, Objects.requireNonNull(diagnostic, "diagnostic"));
    }

    /** A response with a payload in the given format (payload copied). */
    public static CoapResponse of(ResponseCode code, int contentFormat, byte[] payload) {
        if (contentFormat < 0 || contentFormat > 0xFFFF) {
            throw new IllegalArgumentException("content format out of range 0..65535: " + contentFormat);
        }
        return new CoapResponse(code, contentFormat, payload.clone(), null);
    }

    public static CoapResponse of(ResponseCode code, ContentFormat contentFormat, byte[] payload) {
        return of(code, contentFormat.code(), payload);
    }

    /**
     * A response as received from the wire; used by transports. An error response whose payload has no
     * Content-Format is read as a diagnostic.
     */
    public static CoapResponse fromWire(ResponseCode code, OptionalInt contentFormat, byte[] payload) {
        byte[] copy = payload == null ? EMPTY : payload.clone();
        if (!code.isSuccess() && contentFormat.isEmpty() && copy.length > 0) {
            return new CoapResponse(code, -1, EMPTY, new String(copy, StandardCharsets.UTF_8));
        }
        return new CoapResponse(code, contentFormat.orElse(-1), copy, null);
    }

    public ResponseCode code() {
        return code;
    }

    public boolean isSuccess() {
        return code.isSuccess();
    }

    public OptionalInt contentFormat() {
        return contentFormat < 0 ? OptionalInt.empty() : OptionalInt.of(contentFormat);
    }

    /** A copy of the payload; empty when there is none. */
    public byte[] payload() {
        return payload.clone();
    }

    public Optional<String> diagnostic() {
        return Optional.ofNullable(diagnostic);
    }

    /**
     * The Location-Path options in order, e.g. {@code [rd, 5a3f]} in the 2.01 Created answering a Register;
     * empty when there are none.
     *
     * @since 1.2
     */
    public List<String> locationPath() {
        return locationPath;
    }

    /**
     * The Location-Path as a path, e.g. {@code /rd/5a3f}; empty when there is none.
     *
     * @since 1.2
     */
    public Optional<String> locationPathString() {
        return locationPath.isEmpty() ? Optional.empty() : Optional.of("/" + String.join("/", locationPath));
    }

    /**
     * This response with the given Location-Path segments instead of its own.
     *
     * @throws IllegalArgumentException for an empty segment
     * @since 1.2
     */
    public CoapResponse withLocationPath(List<String> segments) {
        List<String> copy = new ArrayList<>();
        for (String segment : segments) {
            if (segment == null || segment.isEmpty()) {
                throw new IllegalArgumentException("empty Location-Path segment in " + segments);
            }
            copy.add(segment);
        }
        return new CoapResponse(code, contentFormat, payload, diagnostic, List.copyOf(copy), observe);
    }

    /**
     * This response with the Location-Path of a slash separated path, e.g. {@code /rd/5a3f}.
     *
     * @since 1.2
     */
    public CoapResponse withLocationPath(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return withLocationPath(trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1)));
    }

    /**
     * The Observe option: in a notification received from a peer, its sequence number (RFC 7641 §4.4);
     * empty in a response that is not a notification. An endpoint that sends notifications numbers them
     * itself and ignores this value on the way out.
     *
     * @since 1.2
     */
    public OptionalInt observe() {
        return observe < 0 ? OptionalInt.empty() : OptionalInt.of(observe);
    }

    /**
     * This response with an Observe option; used by transports for received notifications.
     *
     * @throws IllegalArgumentException for a value outside the option's 24 bits
     * @since 1.2
     */
    public CoapResponse withObserve(int sequence) {
        if (sequence < 0 || sequence > 0xFFFFFF) {
            throw new IllegalArgumentException("Observe option out of range 0..16777215: " + sequence);
        }
        return new CoapResponse(code, contentFormat, payload, diagnostic, locationPath, sequence);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CoapResponse)) {
            return false;
        }
        CoapResponse that = (CoapResponse) other;
        return code == that.code
                && contentFormat == that.contentFormat
                && Arrays.equals(payload, that.payload)
                && Objects.equals(diagnostic, that.diagnostic)
                && locationPath.equals(that.locationPath)
                && observe == that.observe;
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, contentFormat, diagnostic, locationPath, observe) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(code.toString());
        if (contentFormat >= 0) {
            text.append(" ct=").append(contentFormat);
        }
        if (payload.length > 0) {
            text.append(" (").append(payload.length).append(" bytes)");
        }
        if (diagnostic != null) {
            text.append(" \"").append(diagnostic).append('"');
        }
        if (!locationPath.isEmpty()) {
            text.append(" location=/").append(String.join("/", locationPath));
        }
        if (observe >= 0) {
            text.append(" observe=").append(observe);
        }
        return text.toString();
    }
}
