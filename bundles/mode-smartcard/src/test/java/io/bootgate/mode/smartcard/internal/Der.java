/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** DER encoding of the few PKCS#15 / ISO 7816 structures the test cards carry. */
final class Der {

    private Der() {}

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            value.writeBytes(part);
        }
        byte[] body = value.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag);
        int length = body.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return tlv(0x0C, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] fid(int fileId) {
        return new byte[] {(byte) (fileId >> 8), (byte) fileId};
    }

    /** PKCS#15 Path with only path.path. */
    static byte[] path(byte[] path) {
        return tlv(0x30, tlv(0x04, path));
    }

    /** An EF DIR application template: 61 { 4F aid, 50 label, 51 path }. */
    static byte[] applicationTemplate(byte[] aid, String label, byte[] path) {
        return tlv(0x61, tlv(0x4F, aid), tlv(0x50, label.getBytes(StandardCharsets.US_ASCII)), tlv(0x51, path));
    }

    /** An EF ODF entry pointing at a DODF: dataObjects [7] Path. */
    static byte[] odfDataObjects(byte[] dodfPath) {
        return tlv(0xA7, path(dodfPath));
    }

    /**
     * A DODF opaque data object: SEQUENCE { CommonObjectAttributes { label, flags }, CommonDataObjectAttributes
     * { applicationName, applicationOID? }, [1] { Path } }.
     */
    static byte[] opaqueDataObject(String label, boolean privateObject, String oidDer, byte[] contentPath) {
        byte[] flags = tlv(0x03, new byte[] {0x06, (byte) (privateObject ? 0x80 : 0x00)});
        byte[] common = tlv(0x30, utf8(label), flags);
        byte[] dataAttributes = oidDer == null
                ? tlv(0x30, utf8("LwM2M"))
                : tlv(0x30, utf8("LwM2M"), tlv(0x06, java.util.HexFormat.of().parseHex(oidDer)));
        return tlv(0x30, common, dataAttributes, tlv(0xA1, path(contentPath)));
    }
}
