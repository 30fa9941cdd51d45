/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.io.ByteArrayOutputStream;

/** Writes EF LwM2M_Bootstrap content in the layout of LwM2M Core Appendix G.3.3, for the test cards. */
final class BootstrapFiles {

    private BootstrapFiles() {}

    /** One object entry: id, version (major 0 = implicit) and the instances' TLV. */
    static byte[] object(int objectId, int major, int minor, byte[] tlv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(objectId >> 8);
        out.write(objectId);
        out.write(major);
        if (major != 0) {
            out.write(minor);
        }
        out.write(tlv.length >> 8);
        out.write(tlv.length);
        out.writeBytes(tlv);
        return out.toByteArray();
    }

    /** The whole file: object count, size of the objects, the objects, then {@code padding} FF bytes. */
    static byte[] file(int padding, byte[]... objects) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] object : objects) {
            body.writeBytes(object);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(objects.length >> 8);
        out.write(objects.length);
        out.write(body.size() >> 8);
        out.write(body.size());
        out.writeBytes(body.toByteArray());
        for (int i = 0; i < padding; i++) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }
}
