/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One BER-TLV data object (ISO/IEC 8825-1 as used by ISO 7816-4 and PKCS#15): tag, value and whether the
 * value is itself a sequence of data objects. Card files are untrusted input, so parsing checks every length
 * against the bytes actually present and throws {@link CardDataException} instead of reading past them.
 *
 * @param tag the tag bytes as an unsigned number (e.g. {@code 0x30}, {@code 0xA7}, {@code 0x9F7F})
 * @param value the value bytes
 */
record BerTlv(int tag, byte[] value) {

    /** Tags longer than this many bytes do not occur in the structures read here. */
    private static final int MAX_TAG_BYTES = 3;

    BerTlv {
        value = value.clone();
    }

    /** Whether the constructed bit (b6 of the first tag byte) is set. */
    boolean constructed() {
        int first = tag;
        while (first > 0xFF) {
            first >>>= 8;
        }
        return (first & 0x20) != 0;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The data objects inside a constructed value. */
    List<BerTlv> children(String what) throws CardDataException {
        if (!constructed()) {
            throw new CardDataException(what + ": tag " + tagHex() + " is primitive, a constructed value was expected");
        }
        return parseAll(value, what);
    }

    /** The first child with the given tag. */
    Optional<BerTlv> child(int childTag, String what) throws CardDataException {
        for (BerTlv child : children(what)) {
            if (child.tag == childTag) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    String tagHex() {
        return Integer.toHexString(tag).toUpperCase();
    }

    /**
     * Parses consecutive data objects filling {@code data}. A 0x00 or 0xFF byte where a tag would start ends
     * the list: card files are allocated with a fixed size and issuers pad the unused rest with either value
     * (PKCS#15 allows both), so that padding is not an error.
     *
     * @param what names the structure in error messages
     */
    static List<BerTlv> parseAll(byte[] data, String what) throws CardDataException {
        List<BerTlv> result = new ArrayList<>();
        int offset = 0;
        while (offset < data.length) {
            int first = data[offset] & 0xFF;
            if (first == 0x00 || first == 0xFF) {
                break;
            }
            offset = parseOne(data, offset, result, what);
        }
        return result;
    }

    private static int parseOne(byte[] data, int start, List<BerTlv> out, String what) throws CardDataException {
        int offset = start;
        int tag = data[offset++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            int tagBytes = 1;
            int next;
            do {
                if (offset >= data.length) {
                    throw new CardDataException(what + ": tag truncated at offset " + start);
                }
                if (++tagBytes > MAX_TAG_BYTES) {
                    throw new CardDataException(
                            what + ": tag longer than " + MAX_TAG_BYTES + " bytes at offset " + start);
                }
                next = data[offset++] & 0xFF;
                tag = (tag << 8) | next;
            } while ((next & 0x80) != 0);
        }
        if (offset >= data.length) {
            throw new CardDataException(
                    what + ": length of tag " + Integer.toHexString(tag) + " missing at offset " + start);
        }
        int lengthByte = data[offset++] & 0xFF;
        int length;
        if (lengthByte < 0x80) {
            length = lengthByte;
        } else if (lengthByte == 0x80) {
            // The indefinite form belongs to CER streaming; DER-encoded card files never use it.
            throw new CardDataException(what + ": indefinite length at offset " + start + " is not allowed in DER");
        } else {
            int count = lengthByte & 0x7F;
            if (count > 3) {
                throw new CardDataException(what + ": length of " + count + " bytes at offset " + start);
            }
            if (offset + count > data.length) {
                throw new CardDataException(what + ": length truncated at offset " + start);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[offset++] & 0xFF);
            }
        }
        if (length > data.length - offset) {
            throw new CardDataException(
                    what + ": tag " + Integer.toHexString(tag).toUpperCase() + " at offset " + start + " declares "
                            + length + " bytes, only " + (data.length - offset) + " follow");
        }
        out.add(new BerTlv(tag, Arrays.copyOfRange(data, offset, offset + length)));
        return offset + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BerTlv other && other.tag == tag && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return tagHex() + ":" + HexFormat.of().formatHex(value);
    }
}
