/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.io.ByteArrayOutputStream;

/** Hand-made DTLS 1.2 ClientHello records, to play peers no DTLS library would let us be. */
final class RawClientHello {

    private RawClientHello() {}

    /** A ClientHello record (epoch 0) without extensions. */
    static byte[] record(byte[] random, byte[] cookie, byte[] suites, int sequence) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0xFE);
        body.write(0xFD);
        body.writeBytes(random);
        body.write(0); // session id
        body.write(cookie.length);
        body.writeBytes(cookie);
        body.write(suites.length >> 8);
        body.write(suites.length);
        body.writeBytes(suites);
        body.write(1); // compression methods: null
        body.write(0);
        byte[] hello = body.toByteArray();

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        writeUint24(handshake, hello.length);
        handshake.write(sequence >> 8);
        handshake.write(sequence);
        writeUint24(handshake, 0); // fragment offset
        writeUint24(handshake, hello.length);
        handshake.writeBytes(hello);
        byte[] fragment = handshake.toByteArray();

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22); // handshake
        record.write(0xFE);
        record.write(0xFD);
        record.write(0); // epoch 0
        record.write(0);
        record.writeBytes(new byte[] {0, 0, 0, 0, 0, (byte) sequence});
        record.write(fragment.length >> 8);
        record.write(fragment.length);
        record.writeBytes(fragment);
        return record.toByteArray();
    }

    private static void writeUint24(ByteArrayOutputStream out, int value) {
        out.write(value >> 16);
        out.write(value >> 8);
        out.write(value);
    }
}
