package io.bootgate.api.transport;

import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable CoAP response: code, Content-Format, payload, and for error answers an optional diagnostic
 * text.
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

    private CoapResponse(ResponseCode code, int contentFormat, byte[] payload, String diagnostic) {
        this.code = Objects.requireNonNull(code, "code");
        this.contentFormat = contentFormat;
        this.payload = payload;
        this.diagnostic = diagnostic;
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

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CoapResponse)) {
            return false;
        }
        CoapResponse that = (CoapResponse) other;
        return code == that.code && contentFormat == that.contentFormat && Arrays.equals(payload, that.payload)
                && Objects.equals(diagnostic, that.diagnostic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, contentFormat, diagnostic) * 31 + Arrays.hashCode(payload);
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
        return text.toString();
    }
}
