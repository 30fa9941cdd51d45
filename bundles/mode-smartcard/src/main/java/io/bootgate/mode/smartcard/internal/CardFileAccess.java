/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The UICC commands of ETSI TS 102 221 that Appendix G uses (SELECT, READ BINARY, READ RECORD, VERIFY PIN),
 * sent as short APDUs on one channel. The channel sets the logical channel bits of the class byte.
 */
final class CardFileAccess {

    private static final int CLA = 0x00;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_READ_BINARY = 0xB0;
    private static final int INS_READ_RECORD = 0xB2;
    private static final int INS_VERIFY = 0x20;

    private static final int SELECT_BY_FILE_ID = 0x00;
    private static final int SELECT_BY_DF_NAME = 0x04;
    private static final int SELECT_BY_PATH_FROM_MF = 0x08;
    private static final int SELECT_BY_PATH_FROM_CURRENT_DF = 0x09;
    /** P2 of SELECT: return the FCP template (TS 102 221 11.1.1.1; also "application activation"). */
    private static final int SELECT_RETURN_FCP = 0x04;
    /** P2 of READ RECORD: absolute record number in P1. */
    private static final int RECORD_ABSOLUTE = 0x04;

    /** Largest body of a short READ BINARY answer. */
    private static final int MAX_SHORT_LE = 256;
    /** PINs are sent padded to 8 bytes with FF (TS 102 221 9.5.1). */
    private static final int PIN_BLOCK_LENGTH = 8;

    private final CardChannel channel;

    CardFileAccess(CardChannel channel) {
        this.channel = channel;
    }

    /** SELECT by DF name with direct application selection (TS 102 221 11.1.1): the ADF's FCP. */
    FileControlParameters selectApplication(byte[] aid) throws CardException, CardStatusException, CardDataException {
        String name = "application " + HexFormat.of().withUpperCase().formatHex(aid);
        return select(SELECT_BY_DF_NAME, aid, name);
    }

    /**
     * Selects a file by a PKCS#15 path. A 2-byte path is a file id in the current application DF; a path
     * starting with 3F00 is absolute and goes by path from the MF; a path starting with 7FFF (TS 102 221: the
     * current ADF) or any other longer path goes by path from the current DF, which is the application DF
     * since only EFs are selected after it.
     */
    FileControlParameters selectPath(byte[] path, String name)
            throws CardException, CardStatusException, CardDataException {
        if (path.length == 2) {
            return select(SELECT_BY_FILE_ID, path, name);
        }
        int first = ((path[0] & 0xFF) << 8) | (path[1] & 0xFF);
        byte[] rest = Arrays.copyOfRange(path, 2, path.length);
        if (first == 0x3F00) {
            return select(SELECT_BY_PATH_FROM_MF, rest, name);
        }
        if (first == 0x7FFF) {
            return select(SELECT_BY_PATH_FROM_CURRENT_DF, rest, name);
        }
        return select(SELECT_BY_PATH_FROM_CURRENT_DF, path, name);
    }

    /** Selects a file under the MF by path (the MF's own id omitted), e.g. EF DIR {@code 2F00}. */
    FileControlParameters selectFromMasterFile(int fileId, String name)
            throws CardException, CardStatusException, CardDataException {
        return select(SELECT_BY_PATH_FROM_MF, new byte[] {(byte) (fileId >> 8), (byte) fileId}, name);
    }

    private FileControlParameters select(int p1, byte[] data, String name)
            throws CardException, CardStatusException, CardDataException {
        ResponseAPDU response =
                channel.transmit(new CommandAPDU(CLA, INS_SELECT, p1, SELECT_RETURN_FCP, data, MAX_SHORT_LE));
        check(response, "SELECT " + name);
        return FileControlParameters.parse(response.getData(), name);
    }

    /**
     * Reads {@code length} bytes of the selected transparent file from {@code offset}, in chunks of at most
     * 256 bytes.
     */
    byte[] readBinary(int offset, int length, String name)
            throws CardException, CardStatusException, CardDataException {
        if (offset < 0 || length < 0 || offset + length > 0x8000) {
            throw new CardDataException(name + ": range " + offset + "+" + length + " is beyond the 32 KB that"
                    + " READ BINARY can address");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int chunk = Math.min(MAX_SHORT_LE, end - position);
            ResponseAPDU response =
                    channel.transmit(new CommandAPDU(CLA, INS_READ_BINARY, position >> 8, position & 0xFF, chunk));
            check(response, "READ BINARY " + name + " at offset " + position);
            byte[] data = response.getData();
            if (data.length == 0 || data.length > chunk) {
                throw new CardDataException("READ BINARY " + name + " at offset " + position + " returned "
                        + data.length + " bytes for " + chunk + " asked");
            }
            out.write(data, 0, data.length);
            position += data.length;
        }
        return out.toByteArray();
    }

    /**
     * Reads the selected transparent file whose size the card did not tell: chunk after chunk until the card
     * answers a short chunk, "end of file" (6282) or "offset beyond the file" (6B00), up to {@code limit}.
     */
    byte[] readBinaryToEnd(int limit, String name) throws CardException, CardStatusException, CardDataException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int chunk = Math.min(MAX_SHORT_LE, limit + 1 - position);
            ResponseAPDU response =
                    channel.transmit(new CommandAPDU(CLA, INS_READ_BINARY, position >> 8, position & 0xFF, chunk));
            int sw = response.getSW();
            if (sw == StatusWords.WRONG_P1_P2 && position > 0) {
                return out.toByteArray();
            }
            if (sw != StatusWords.END_OF_FILE) {
                check(response, "READ BINARY " + name + " at offset " + position);
            }
            byte[] data = response.getData();
            out.write(data, 0, data.length);
            position += data.length;
            if (position > limit) {
                throw new CardDataException(name + " is larger than " + limit + " bytes");
            }
            if (data.length < chunk || sw == StatusWords.END_OF_FILE) {
                return out.toByteArray();
            }
        }
    }

    /** READ RECORD in absolute mode. */
    byte[] readRecord(int number, int length, String name) throws CardException, CardStatusException {
        ResponseAPDU response = channel.transmit(new CommandAPDU(
                CLA, INS_READ_RECORD, number, RECORD_ABSOLUTE, Math.max(1, Math.min(length, MAX_SHORT_LE))));
        check(response, "READ RECORD " + number + " of " + name);
        return response.getData();
    }

    /**
     * VERIFY PIN without data (TS 102 221 11.1.9): asks how many tries are left without spending one.
     *
     * @return -1 if the PIN is already verified on this channel, else the number of tries left
     * @throws CardStatusException if the card refuses the query (e.g. 6983 PIN blocked)
     */
    int pinTriesLeft(int keyReference) throws CardException, CardStatusException {
        ResponseAPDU response = channel.transmit(new CommandAPDU(CLA, INS_VERIFY, 0x00, keyReference));
        int sw = response.getSW();
        if (sw == StatusWords.OK) {
            return -1;
        }
        if ((sw & 0xFFF0) == 0x63C0) {
            return sw & 0x0F;
        }
        throw new CardStatusException(String.format("VERIFY PIN status (key reference %02X)", keyReference), sw);
    }

    /**
     * VERIFY PIN with the PIN as ASCII digits padded with FF to 8 bytes (TS 102 221 9.5.1).
     *
     * @throws CardStatusException on a wrong PIN (63Cx: x tries left) or a blocked PIN (6983)
     */
    void verifyPin(int keyReference, String pin) throws CardException, CardStatusException, CardDataException {
        byte[] digits = pin.getBytes(StandardCharsets.US_ASCII);
        if (digits.length < 4 || digits.length > PIN_BLOCK_LENGTH) {
            throw new CardDataException("the configured PIN must have 4 to 8 characters");
        }
        byte[] block = new byte[PIN_BLOCK_LENGTH];
        Arrays.fill(block, (byte) 0xFF);
        System.arraycopy(digits, 0, block, 0, digits.length);
        try {
            ResponseAPDU response = channel.transmit(new CommandAPDU(CLA, INS_VERIFY, 0x00, keyReference, block));
            check(response, String.format("VERIFY PIN (key reference %02X)", keyReference));
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(digits, (byte) 0);
        }
    }

    private static void check(ResponseAPDU response, String command) throws CardStatusException {
        // 91xx is a normal ending on a UICC that has a proactive command pending for the terminal (TS 102 221
        // 10.2.1.1); the modem, not this mode, fetches it.
        if (response.getSW() != StatusWords.OK && response.getSW1() != 0x91) {
            throw new CardStatusException(command, response.getSW());
        }
    }
}
