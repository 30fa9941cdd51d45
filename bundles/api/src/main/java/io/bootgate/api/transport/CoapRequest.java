/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.transport;

import io.bootgate.api.model.ContentFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable CoAP request: method, Uri-Path segments, Uri-Query options, Content-Format, Accept, Observe
 * (RFC 7641) and payload. Only what LwM2M needs; transport details (token, message id, type) stay in the transport.
 * <p>
 * Built with the factories, for example a Bootstrap-Request:
 *
 * <pre>
 * CoapRequest request = CoapRequest.post("/bs").query("ep", "dev1").build();
 * </pre>
 *
 * The payload is copied on the way in and on the way out, so a request can be shared between threads.
 */
public final class CoapRequest {

    private static final byte[] EMPTY = new byte[0];

    /** The Observe option value that registers an observation (RFC 7641 §2). @since 1.2 */
    public static final int OBSERVE_REGISTER = 0;

    /** The Observe option value that deregisters an observation (RFC 7641 §2). @since 1.2 */
    public static final int OBSERVE_DEREGISTER = 1;

    private final CoapMethod method;
    private final List<String> path;
    private final List<String> query;
    private final int contentFormat;
    private final int accept;
    private final int observe;
    private final byte[] payload;

    private CoapRequest(Builder builder) {
        this.method = builder.method;
        this.path = List.copyOf(builder.path);
        this.query = List.copyOf(builder.query);
        this.contentFormat = builder.contentFormat;
        this.accept = builder.accept;
        this.observe = builder.observe;
        this.payload = builder.payload.clone();
    }

    public static Builder get(String path) {
        return builder(CoapMethod.GET, path);
    }

    public static Builder post(String path) {
        return builder(CoapMethod.POST, path);
    }

    public static Builder put(String path) {
        return builder(CoapMethod.PUT, path);
    }

    public static Builder delete(String path) {
        return builder(CoapMethod.DELETE, path);
    }

    public static Builder fetch(String path) {
        return builder(CoapMethod.FETCH, path);
    }

    public static Builder iPatch(String path) {
        return builder(CoapMethod.IPATCH, path);
    }

    /**
     * @param path a slash separated path such as {@code /0/1} or {@code /}; segments must not be empty
     */
    public static Builder builder(CoapMethod method, String path) {
        return new Builder(method).path(path);
    }

    public CoapMethod method() {
        return method;
    }

    /** The Uri-Path options in order; empty for the root resource {@code /}. */
    public List<String> path() {
        return path;
    }

    /** The path as a string, {@code /} for the root. */
    public String pathString() {
        return "/" + String.join("/", path);
    }

    /** The Uri-Query options in order, each as sent, e.g. {@code ep=dev1}. */
    public List<String> query() {
        return query;
    }

    /**
     * The value of the first query option {@code name=value}; an option {@code name} without {@code =}
     * yields an empty string.
     */
    public Optional<String> queryParameter(String name) {
        Objects.requireNonNull(name, "name");
        for (String option : query) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : option.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    public OptionalInt contentFormat() {
        return contentFormat < 0 ? OptionalInt.empty() : OptionalInt.of(contentFormat);
    }

    public OptionalInt accept() {
        return accept < 0 ? OptionalInt.empty() : OptionalInt.of(accept);
    }

    /**
     * The Observe option (RFC 7641 §2): {@value #OBSERVE_REGISTER} asks the peer to keep an observation,
     * {@value #OBSERVE_DEREGISTER} cancels one; empty when the request carries no Observe option.
     *
     * @since 1.2
     */
    public OptionalInt observe() {
        return observe < 0 ? OptionalInt.empty() : OptionalInt.of(observe);
    }

    /**
     * Whether this is a GET (or FETCH) with Observe = 0, which asks the peer to keep an observation.
     *
     * @since 1.2
     */
    public boolean isObserveRegister() {
        return observe == OBSERVE_REGISTER && (method == CoapMethod.GET || method == CoapMethod.FETCH);
    }

    /**
     * Whether this is a GET (or FETCH) with Observe = 1, which cancels an observation (RFC 7641 §3.6).
     *
     * @since 1.2
     */
    public boolean isObserveDeregister() {
        return observe == OBSERVE_DEREGISTER && (method == CoapMethod.GET || method == CoapMethod.FETCH);
    }

    /** A copy of the payload; empty when there is none. */
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CoapRequest)) {
            return false;
        }
        CoapRequest that = (CoapRequest) other;
        return method == that.method
                && contentFormat == that.contentFormat
                && accept == that.accept
                && observe == that.observe
                && path.equals(that.path)
                && query.equals(that.query)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, contentFormat, accept, observe) * 31 + Arrays.hashCode(payload);
    }

    /** For logs: method, path, query and payload size, never the payload (it may hold keys). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(method.name()).append(' ').append(pathString());
        if (!query.isEmpty()) {
            text.append('?').append(String.join("&", query));
        }
        if (contentFormat >= 0) {
            text.append(" ct=").append(contentFormat);
        }
        if (accept >= 0) {
            text.append(" accept=").append(accept);
        }
        if (observe >= 0) {
            text.append(" observe=").append(observe);
        }
        return text.append(" (").append(payload.length).append(" bytes)").toString();
    }

    /** Collects the parts of a {@link CoapRequest}. Not thread-safe. */
    public static final class Builder {
        private final CoapMethod method;
        private final List<String> path = new ArrayList<>();
        private final List<String> query = new ArrayList<>();
        private int contentFormat = -1;
        private int accept = -1;
        private int observe = -1;
        private byte[] payload = EMPTY;

        private Builder(CoapMethod method) {
            this.method = Objects.requireNonNull(method, "method");
        }

        /** Replaces the path; see {@link CoapRequest#builder(CoapMethod, String)}. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            this.path.clear();
            String trimmed = path.startsWith("/") ? path.substring(1) : path;
            if (trimmed.isEmpty()) {
                return this;
            }
            for (String segment : trimmed.split("/", -1)) {
                if (segment.isEmpty()) {
                    throw new IllegalArgumentException("empty path segment in '" + path + "'");
                }
                this.path.add(segment);
            }
            return this;
        }

        /** Replaces the path by the given Uri-Path segments (which may contain any character but not be empty). */
        public Builder pathSegments(List<String> segments) {
            this.path.clear();
            for (String segment : segments) {
                if (segment == null || segment.isEmpty()) {
                    throw new IllegalArgumentException("empty path segment in " + segments);
                }
                this.path.add(segment);
            }
            return this;
        }

        /** Adds one Uri-Query option as given, e.g. {@code ep=dev1}. */
        public Builder query(String option) {
            Objects.requireNonNull(option, "option");
            query.add(option);
            return this;
        }

        /** Adds one Uri-Query option {@code name=value}. */
        public Builder query(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            query.add(name + "=" + value);
            return this;
        }

        public Builder contentFormat(int contentFormat) {
            this.contentFormat = checkFormat(contentFormat);
            return this;
        }

        public Builder contentFormat(ContentFormat contentFormat) {
            return contentFormat(contentFormat.code());
        }

        public Builder accept(int accept) {
            this.accept = checkFormat(accept);
            return this;
        }

        public Builder accept(ContentFormat accept) {
            return accept(accept.code());
        }

        /**
         * Sets the Observe option: {@link CoapRequest#OBSERVE_REGISTER} (0) or
         * {@link CoapRequest#OBSERVE_DEREGISTER} (1) on a GET or FETCH.
         *
         * @throws IllegalArgumentException for a value outside the option's 24 bits
         * @since 1.2
         */
        public Builder observe(int observe) {
            if (observe < 0 || observe > 0xFFFFFF) {
                throw new IllegalArgumentException("Observe option out of range 0..16777215: " + observe);
            }
            this.observe = observe;
            return this;
        }

        /** Copies the payload. */
        public Builder payload(byte[] payload) {
            this.payload = payload == null ? EMPTY : payload.clone();
            return this;
        }

        /** The payload as UTF-8 text; sets no Content-Format, call {@link #contentFormat} as well. */
        public Builder payload(String text) {
            this.payload = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public CoapRequest build() {
            return new CoapRequest(this);
        }

        private static int checkFormat(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("content format out of range 0..65535: " + value);
            }
            return value;
        }
    }
}
