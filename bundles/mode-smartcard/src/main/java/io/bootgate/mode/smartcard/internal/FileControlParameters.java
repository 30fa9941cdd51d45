/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the answer to a SELECT tells about the selected file (ETSI TS 102 221 clause 11.1.1.3, FCP template
 * tag 62; an ISO 7816-4 FCI template, tag 6F, is read the same way): its structure, its size and, for an
 * application, the PIN references that protect it.
 *
 * @param descriptor the file descriptor byte (tag 82), if given
 * @param recordLength the record length of a record-structured file
 * @param recordCount the number of records of a record-structured file
 * @param fileSize the size of a transparent file's body (tag 80)
 * @param enabledPinReferences the key references of the PIN status template DO (tag C6) that are enabled, in
 *            the template's order
 */
record FileControlParameters(
        OptionalInt descriptor,
        OptionalInt recordLength,
        OptionalInt recordCount,
        OptionalInt fileSize,
        List<Integer> enabledPinReferences) {

    static final FileControlParameters NONE = new FileControlParameters(
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), List.of());

    private static final int TAG_FCP = 0x62;
    private static final int TAG_FCI = 0x6F;
    private static final int TAG_FILE_SIZE = 0x80;
    private static final int TAG_DESCRIPTOR = 0x82;
    private static final int TAG_PIN_STATUS_TEMPLATE = 0xC6;
    private static final int TAG_PS_DO = 0x90;
    private static final int TAG_KEY_REFERENCE = 0x83;

    FileControlParameters {
        enabledPinReferences = List.copyOf(enabledPinReferences);
    }

    /** Whether the descriptor says the file is transparent (binary), or nothing says otherwise. */
    boolean transparent() {
        return descriptor.isEmpty() || (descriptor.getAsInt() & 0x07) == 0x01;
    }

    /** Whether the descriptor says linear fixed (records of one length). */
    boolean linearFixed() {
        return descriptor.isPresent() && (descriptor.getAsInt() & 0x07) == 0x02;
    }

    /**
     * Parses a SELECT answer; an empty answer (the card was asked for no data or gave none) yields
     * {@link #NONE}.
     */
    static FileControlParameters parse(byte[] response, String file) throws CardDataException {
        if (response.length == 0) {
            return NONE;
        }
        List<BerTlv> top = BerTlv.parseAll(response, "SELECT " + file + " answer");
        Optional<BerTlv> template = top.stream()
                .filter(t -> t.tag() == TAG_FCP || t.tag() == TAG_FCI)
                .findFirst();
        if (template.isEmpty()) {
            return NONE;
        }
        OptionalInt descriptor = OptionalInt.empty();
        OptionalInt recordLength = OptionalInt.empty();
        OptionalInt recordCount = OptionalInt.empty();
        OptionalInt fileSize = OptionalInt.empty();
        List<Integer> pins = List.of();
        for (BerTlv field : template.get().children("FCP of " + file)) {
            byte[] v = field.value();
            switch (field.tag()) {
                case TAG_DESCRIPTOR -> {
                    if (v.length == 0) {
                        throw new CardDataException("FCP of " + file + ": empty file descriptor");
                    }
                    descriptor = OptionalInt.of(v[0] & 0xFF);
                    if (v.length >= 5) {
                        recordLength = OptionalInt.of(((v[2] & 0xFF) << 8) | (v[3] & 0xFF));
                        recordCount = OptionalInt.of(v[4] & 0xFF);
                    } else if (v.length == 4) {
                        // ISO 7816-4 allows a one-byte record length followed by the record count.
                        recordLength = OptionalInt.of(v[2] & 0xFF);
                        recordCount = OptionalInt.of(v[3] & 0xFF);
                    }
                }
                case TAG_FILE_SIZE -> {
                    if (v.length == 0 || v.length > 3) {
                        throw new CardDataException("FCP of " + file + ": file size of " + v.length + " bytes");
                    }
                    int size = 0;
                    for (byte b : v) {
                        size = (size << 8) | (b & 0xFF);
                    }
                    fileSize = OptionalInt.of(size);
                }
                case TAG_PIN_STATUS_TEMPLATE -> pins = enabledPins(field, file);
                default -> {
                    // FID, DF name, life cycle, security attributes: the access path is already known.
                }
            }
        }
        return new FileControlParameters(descriptor, recordLength, recordCount, fileSize, pins);
    }

    /**
     * The PIN status template lists key references (83) after a PS_DO bitmap (90) whose bit n (from the most
     * significant bit of the first byte) says whether the n-th listed PIN is enabled (TS 102 221 9.5.2).
     */
    private static List<Integer> enabledPins(BerTlv template, String file) throws CardDataException {
        byte[] psDo = new byte[0];
        List<Integer> references = new ArrayList<>();
        for (BerTlv field : BerTlv.parseAll(template.value(), "PIN status template of " + file)) {
            if (field.tag() == TAG_PS_DO) {
                psDo = field.value();
            } else if (field.tag() == TAG_KEY_REFERENCE && field.value().length == 1) {
                references.add(field.value()[0] & 0xFF);
            }
        }
        List<Integer> enabled = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            int byteIndex = i / 8;
            boolean on = byteIndex < psDo.length && (psDo[byteIndex] & (0x80 >>> (i % 8))) != 0;
            if (on) {
                enabled.add(references.get(i));
            }
        }
        return enabled;
    }
}
