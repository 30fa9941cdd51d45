/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dm.internal;

import io.bootgate.api.transport.CoapMethod;
import io.bootgate.api.transport.CoapRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a fuzzer's bytes as a short script of CoAP requests, in a layout simple enough to write seeds by hand
 * (see {@link #encode}). One request is
 * {@code method(1) flags(1) contentFormat(2) accept(2) pathLength(1) path queryLength(1) query payloadLength(2)
 * payload}, integers big-endian; the method byte picks {@link CoapMethod#values()} modulo their number; flag
 * bit 0 sets the Content-Format, bit 1 the Accept, bit 2 Observe 0, bit 3 picks the second server
 * ({@link Fuzzed#secondServer}); the path and query are UTF-8, split at
 * {@code /} and {@code &} (empty parts dropped, as a CoAP stack never delivers them). A truncated last request
 * takes what is left, so every input is a script. The payload length is 16 bits: up to the 64 KB limit.
 */
final class FuzzedRequests {

    static final int MAX_REQUESTS = 8;

    private FuzzedRequests() {}

    /** One decoded request and whether the second of the device's servers sends it. */
    record Fuzzed(CoapRequest request, boolean secondServer) {}

    static List<Fuzzed> decode(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input);
        List<Fuzzed> requests = new ArrayList<>();
        while (in.hasRemaining() && requests.size() < MAX_REQUESTS) {
            CoapMethod method = CoapMethod.values()[(in.get() & 0xFF) % CoapMethod.values().length];
            int flags = u8(in);
            int contentFormat = u16(in);
            int accept = u16(in);
            String path = text(in, u8(in));
            String query = text(in, u8(in));
            byte[] payload = bytes(in, u16(in));
            CoapRequest.Builder builder = CoapRequest.builder(method, "/")
                    .pathSegments(Arrays.stream(path.split("/"))
                            .filter(s -> !s.isEmpty())
                            .toList())
                    .payload(payload);
            for (String option : query.split("&")) {
                if (!option.isEmpty()) {
                    builder.query(option);
                }
            }
            if ((flags & 1) != 0) {
                builder.contentFormat(contentFormat);
            }
            if ((flags & 2) != 0) {
                builder.accept(accept);
            }
            if ((flags & 4) != 0) {
                builder.observe(CoapRequest.OBSERVE_REGISTER);
            }
            requests.add(new Fuzzed(builder.build(), (flags & 8) != 0));
        }
        return requests;
    }

    /** The bytes of one request of a script; seeds are concatenations of these. */
    static byte[] encode(
            CoapMethod method,
            Integer contentFormat,
            Integer accept,
            boolean observe,
            boolean secondServer,
            String path,
            String query,
            byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.asList(CoapMethod.values()).indexOf(method));
        out.write((contentFormat != null ? 1 : 0)
                | (accept != null ? 2 : 0)
                | (observe ? 4 : 0)
                | (secondServer ? 8 : 0));
        u16(out, contentFormat != null ? contentFormat : 0);
        u16(out, accept != null ? accept : 0);
        byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
        out.write(pathBytes.length);
        out.writeBytes(pathBytes);
        byte[] queryBytes = query.getBytes(StandardCharsets.UTF_8);
        out.write(queryBytes.length);
        out.writeBytes(queryBytes);
        u16(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xFF);
    }

    private static int u8(ByteBuffer in) {
        return in.hasRemaining() ? in.get() & 0xFF : 0;
    }

    private static int u16(ByteBuffer in) {
        return u8(in) << 8 | u8(in);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[Math.min(length, in.remaining())];
        in.get(bytes);
        return bytes;
    }

    private static String text(ByteBuffer in, int length) {
        return new String(bytes(in, length), StandardCharsets.UTF_8);
    }
}
