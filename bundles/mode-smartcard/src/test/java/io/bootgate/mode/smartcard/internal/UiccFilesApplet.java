/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.OwnerPIN;
import javacard.framework.Util;

/**
 * A Java Card applet that serves a small UICC file system the way ETSI TS 102 221 describes it: the MF
 * (3F00) and one ADF, the application this applet is installed as (selected by its AID, or as 7FFF, "the
 * current ADF"), each holding transparent and linear fixed EFs. On a real UICC the card OS serves the MF; a
 * Java Card runtime has no file system, so this applet plays the card OS too and the tests make it the
 * selected applet when the card is inserted, as the MF is the current DF after a reset.
 * <p>
 * Operational commands: SELECT (by AID, file id, path from MF, path from current DF; FCP returned for
 * P2=04), READ BINARY, READ RECORD (absolute), VERIFY PIN (with data, or without to ask the tries left).
 * <p>
 * Personalisation commands, accepted only until ACTIVATE FILE ends personalisation (afterwards they answer
 * 6982, as a card answers a command whose access condition is ADM): CREATE FILE (FCP with 82 descriptor,
 * 83 file id, 80 size, 86 = 01 when reading needs the PIN), UPDATE BINARY, UPDATE RECORD, CHANGE REFERENCE
 * DATA (sets the PIN), ACTIVATE FILE.
 * <p>
 * Written with the Java Card API only (no java.util, shorts and byte arrays), so it would convert for a
 * real card; the tests run it in jCardSim.
 */
public final class UiccFilesApplet extends Applet {

    private static final byte INS_SELECT = (byte) 0xA4;
    private static final byte INS_READ_BINARY = (byte) 0xB0;
    private static final byte INS_READ_RECORD = (byte) 0xB2;
    private static final byte INS_VERIFY = (byte) 0x20;
    private static final byte INS_CHANGE_REFERENCE_DATA = (byte) 0x24;
    private static final byte INS_CREATE_FILE = (byte) 0xE0;
    private static final byte INS_UPDATE_BINARY = (byte) 0xD6;
    private static final byte INS_UPDATE_RECORD = (byte) 0xDC;
    private static final byte INS_ACTIVATE_FILE = (byte) 0x44;

    private static final byte TYPE_TRANSPARENT = 0x01;
    private static final byte TYPE_LINEAR_FIXED = 0x02;
    private static final byte DESCRIPTOR_DF = 0x78;

    private static final short SW_END_OF_FILE_OFFSET = 0x6B00;
    private static final short SW_PIN_TRIES = 0x63C0;

    private static final short MAX_FILES = 8;
    private static final short NONE = -1;
    private static final short CURRENT_EF = 0;

    private static final byte PIN_REFERENCE = 0x01;
    private static final byte PIN_TRIES = 3;
    private static final byte PIN_LENGTH = 8;

    private static final short MF = 0x3F00;
    private static final short CURRENT_ADF = 0x7FFF;
    private static final byte IN_MF = 0;
    private static final byte IN_ADF = 1;
    private static final short CURRENT_DF = 1;

    private final byte[] aid;

    private final short[] fids = new short[MAX_FILES];
    private final byte[] parents = new byte[MAX_FILES];
    private final byte[] types = new byte[MAX_FILES];
    private final short[] sizes = new short[MAX_FILES];
    private final short[] recordLengths = new short[MAX_FILES];
    private final boolean[] pinProtected = new boolean[MAX_FILES];
    private final Object[] contents = new Object[MAX_FILES];
    private short fileCount;

    private final OwnerPIN pin = new OwnerPIN(PIN_TRIES, PIN_LENGTH);
    private boolean pinSet;
    private boolean personalised;

    /** [CURRENT_EF]: the selected EF, NONE when a DF is; [CURRENT_DF]: IN_MF or IN_ADF. */
    private final short[] selection;

    private UiccFilesApplet(byte[] params, short offset) {
        // Global Platform install parameters start with the instance AID.
        byte aidLength = params[offset];
        aid = new byte[aidLength];
        Util.arrayCopyNonAtomic(params, (short) (offset + 1), aid, (short) 0, aidLength);
        selection = JCSystem.makeTransientShortArray((short) 2, JCSystem.CLEAR_ON_RESET);
        register(aid, (short) 0, aidLength);
    }

    public static void install(byte[] params, short offset, byte length) {
        new UiccFilesApplet(params, offset);
    }

    @Override
    public boolean select() {
        // Selected by AID: the ADF becomes the current DF. The test harness's plain selection at card
        // insertion goes through the same path and then selects the MF with SELECT 3F00.
        selection[CURRENT_EF] = NONE;
        selection[CURRENT_DF] = IN_ADF;
        return true;
    }

    @Override
    public void deselect() {
        pin.reset();
    }

    @Override
    public void process(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        if (selectingApplet()) {
            sendFcp(apdu, NONE, buffer[ISO7816.OFFSET_P2]);
            return;
        }
        // The low two bits of CLA carry the logical channel (TS 102 221 10.1.1); the runtime routes channels.
        if ((buffer[ISO7816.OFFSET_CLA] & (byte) 0xFC) != 0) {
            ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
        }
        switch (buffer[ISO7816.OFFSET_INS]) {
            case INS_SELECT -> select(apdu, buffer);
            case INS_READ_BINARY -> readBinary(apdu, buffer);
            case INS_READ_RECORD -> readRecord(apdu, buffer);
            case INS_VERIFY -> verify(apdu, buffer);
            case INS_CHANGE_REFERENCE_DATA -> setPin(apdu, buffer);
            case INS_CREATE_FILE -> createFile(apdu, buffer);
            case INS_UPDATE_BINARY -> updateBinary(apdu, buffer);
            case INS_UPDATE_RECORD -> updateRecord(apdu, buffer);
            case INS_ACTIVATE_FILE -> {
                requirePersonalisation();
                personalised = true;
            }
            default -> ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void select(APDU apdu, byte[] buffer) {
        byte p1 = buffer[ISO7816.OFFSET_P1];
        byte p2 = buffer[ISO7816.OFFSET_P2];
        short length = receive(apdu);
        if (p1 == 0x04) {
            // The runtime selects installed applets itself; a name reaching us is unknown on this card.
            ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
        }
        if (length < 2 || (length & 1) != 0) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        short offset = ISO7816.OFFSET_CDATA;
        short end = (short) (offset + length);
        byte df = (byte) selection[CURRENT_DF];
        if (p1 == 0x08) {
            df = IN_MF;
        } else if (p1 != 0x00 && p1 != 0x09) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short found = NONE;
        while (offset < end) {
            short fid = Util.getShort(buffer, offset);
            offset += 2;
            if (found != NONE) {
                // Only DFs have children; an EF in the middle of a path ends the search.
                ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
            }
            if (fid == MF && p1 == 0x00) {
                df = IN_MF;
            } else if (fid == CURRENT_ADF) {
                df = IN_ADF;
            } else {
                found = find(df, fid);
                if (found == NONE) {
                    ISOException.throwIt(ISO7816.SW_FILE_NOT_FOUND);
                }
            }
        }
        selection[CURRENT_DF] = df;
        selection[CURRENT_EF] = found;
        sendFcp(apdu, found, p2);
    }

    private short find(byte df, short fid) {
        for (short i = 0; i < fileCount; i++) {
            if (parents[i] == df && fids[i] == fid) {
                return i;
            }
        }
        return NONE;
    }

    /** FCP template (TS 102 221 11.1.1.3) of the DF (NONE) or an EF, if P2 asks for it. */
    private void sendFcp(APDU apdu, short file, byte p2) {
        if (p2 != 0x04) {
            return;
        }
        byte[] out = apdu.getBuffer();
        short o = 2;
        if (file == NONE) {
            out[o++] = (byte) 0x82;
            out[o++] = 2;
            out[o++] = DESCRIPTOR_DF;
            out[o++] = 0x21;
            out[o++] = (byte) 0x83;
            out[o++] = 2;
            boolean adf = selection[CURRENT_DF] == IN_ADF;
            o = Util.setShort(out, o, adf ? CURRENT_ADF : MF);
            if (adf) {
                out[o++] = (byte) 0x84;
                out[o++] = (byte) aid.length;
                o = Util.arrayCopyNonAtomic(aid, (short) 0, out, o, (short) aid.length);
            }
            if (adf && pinSet) {
                // PIN status template: PS_DO says the first listed key reference is enabled.
                out[o++] = (byte) 0xC6;
                out[o++] = 6;
                out[o++] = (byte) 0x90;
                out[o++] = 1;
                out[o++] = (byte) 0x80;
                out[o++] = (byte) 0x83;
                out[o++] = 1;
                out[o++] = PIN_REFERENCE;
            }
        } else {
            out[o++] = (byte) 0x82;
            if (types[file] == TYPE_LINEAR_FIXED) {
                out[o++] = 5;
                out[o++] = 0x42;
                out[o++] = 0x21;
                o = Util.setShort(out, o, recordLengths[file]);
                out[o++] = (byte) (sizes[file] / recordLengths[file]);
            } else {
                out[o++] = 2;
                out[o++] = 0x41;
                out[o++] = 0x21;
            }
            out[o++] = (byte) 0x83;
            out[o++] = 2;
            o = Util.setShort(out, o, fids[file]);
            out[o++] = (byte) 0x80;
            out[o++] = 2;
            o = Util.setShort(out, o, sizes[file]);
        }
        out[0] = 0x62;
        out[1] = (byte) (o - 2);
        apdu.setOutgoingAndSend((short) 0, o);
    }

    private short currentEf(byte type) {
        short file = selection[CURRENT_EF];
        if (file == NONE) {
            ISOException.throwIt((short) 0x6986);
        }
        if (types[file] != type) {
            ISOException.throwIt((short) 0x6981);
        }
        if (pinProtected[file] && !pin.isValidated()) {
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
        return file;
    }

    private void readBinary(APDU apdu, byte[] buffer) {
        if ((buffer[ISO7816.OFFSET_P1] & (byte) 0x80) != 0) {
            ISOException.throwIt(ISO7816.SW_FUNC_NOT_SUPPORTED);
        }
        short file = currentEf(TYPE_TRANSPARENT);
        short offset = Util.getShort(buffer, ISO7816.OFFSET_P1);
        if (offset >= sizes[file]) {
            ISOException.throwIt(SW_END_OF_FILE_OFFSET);
        }
        short le = apdu.setOutgoing();
        short available = (short) (sizes[file] - offset);
        short count = le < available ? le : available;
        apdu.setOutgoingLength(count);
        apdu.sendBytesLong((byte[]) contents[file], offset, count);
    }

    private void readRecord(APDU apdu, byte[] buffer) {
        short file = currentEf(TYPE_LINEAR_FIXED);
        if (buffer[ISO7816.OFFSET_P2] != 0x04) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
        short record = (short) (buffer[ISO7816.OFFSET_P1] & 0xFF);
        short length = recordLengths[file];
        if (record < 1 || record > (short) (sizes[file] / length)) {
            ISOException.throwIt(ISO7816.SW_RECORD_NOT_FOUND);
        }
        apdu.setOutgoing();
        apdu.setOutgoingLength(length);
        apdu.sendBytesLong((byte[]) contents[file], (short) ((record - 1) * length), length);
    }

    private void verify(APDU apdu, byte[] buffer) {
        if (buffer[ISO7816.OFFSET_P2] != PIN_REFERENCE || !pinSet) {
            ISOException.throwIt((short) 0x6A88);
        }
        short length = receive(apdu);
        if (pin.getTriesRemaining() == 0) {
            ISOException.throwIt((short) 0x6983);
        }
        if (length == 0) {
            if (!pin.isValidated()) {
                ISOException.throwIt((short) (SW_PIN_TRIES | pin.getTriesRemaining()));
            }
            return;
        }
        if (length != PIN_LENGTH || !pin.check(buffer, ISO7816.OFFSET_CDATA, PIN_LENGTH)) {
            ISOException.throwIt(
                    pin.getTriesRemaining() == 0 ? (short) 0x6983 : (short) (SW_PIN_TRIES | pin.getTriesRemaining()));
        }
    }

    private void setPin(APDU apdu, byte[] buffer) {
        requirePersonalisation();
        if (receive(apdu) != PIN_LENGTH || buffer[ISO7816.OFFSET_P2] != PIN_REFERENCE) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        pin.update(buffer, ISO7816.OFFSET_CDATA, PIN_LENGTH);
        pinSet = true;
    }

    /** CREATE FILE with 82 (descriptor: 41 transparent, or 42 21 rl rl nr linear fixed), 83, 80, 86. */
    private void createFile(APDU apdu, byte[] buffer) {
        requirePersonalisation();
        short length = receive(apdu);
        if (fileCount == MAX_FILES) {
            ISOException.throwIt(ISO7816.SW_FILE_FULL);
        }
        if (length < 2 || buffer[ISO7816.OFFSET_CDATA] != 0x62) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        short offset = (short) (ISO7816.OFFSET_CDATA + 2);
        short end = (short) (offset + buffer[ISO7816.OFFSET_CDATA + 1]);
        short index = fileCount;
        byte type = 0;
        short fid = 0;
        short size = 0;
        short recordLength = 0;
        boolean protectedRead = false;
        while (offset < end) {
            byte tag = buffer[offset];
            short len = buffer[(short) (offset + 1)];
            short value = (short) (offset + 2);
            if (tag == (byte) 0x82) {
                type = (byte) (buffer[value] & 0x07);
                if (type == TYPE_LINEAR_FIXED) {
                    recordLength = Util.getShort(buffer, (short) (value + 2));
                    size = (short) (recordLength * buffer[(short) (value + 4)]);
                }
            } else if (tag == (byte) 0x83) {
                fid = Util.getShort(buffer, value);
            } else if (tag == (byte) 0x80) {
                size = Util.getShort(buffer, value);
            } else if (tag == (byte) 0x86) {
                protectedRead = buffer[value] == 0x01;
            }
            offset = (short) (value + len);
        }
        byte df = (byte) selection[CURRENT_DF];
        if ((type != TYPE_TRANSPARENT && type != TYPE_LINEAR_FIXED) || size <= 0 || find(df, fid) != NONE) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        fids[index] = fid;
        parents[index] = df;
        types[index] = type;
        sizes[index] = size;
        recordLengths[index] = recordLength;
        pinProtected[index] = protectedRead;
        byte[] content = new byte[size];
        // Unwritten space reads as FF, as on a freshly allocated card file.
        Util.arrayFillNonAtomic(content, (short) 0, size, (byte) 0xFF);
        contents[index] = content;
        fileCount++;
        selection[CURRENT_EF] = index;
    }

    private void updateBinary(APDU apdu, byte[] buffer) {
        requirePersonalisation();
        short file = selection[CURRENT_EF];
        if (file == NONE || types[file] != TYPE_TRANSPARENT) {
            ISOException.throwIt((short) 0x6986);
        }
        short offset = Util.getShort(buffer, ISO7816.OFFSET_P1);
        short length = receive(apdu);
        if (offset < 0 || (short) (offset + length) > sizes[file]) {
            ISOException.throwIt(SW_END_OF_FILE_OFFSET);
        }
        Util.arrayCopy(buffer, ISO7816.OFFSET_CDATA, (byte[]) contents[file], offset, length);
    }

    private void updateRecord(APDU apdu, byte[] buffer) {
        requirePersonalisation();
        short file = selection[CURRENT_EF];
        if (file == NONE || types[file] != TYPE_LINEAR_FIXED) {
            ISOException.throwIt((short) 0x6986);
        }
        short record = (short) (buffer[ISO7816.OFFSET_P1] & 0xFF);
        short length = receive(apdu);
        if (record < 1 || record > (short) (sizes[file] / recordLengths[file]) || length != recordLengths[file]) {
            ISOException.throwIt(ISO7816.SW_WRONG_DATA);
        }
        Util.arrayCopy(
                buffer,
                ISO7816.OFFSET_CDATA,
                (byte[]) contents[file],
                (short) ((record - 1) * recordLengths[file]),
                length);
    }

    private void requirePersonalisation() {
        if (personalised) {
            ISOException.throwIt(ISO7816.SW_SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    /** Receives the whole command data into the APDU buffer from OFFSET_CDATA on; 0 for a command without. */
    private static short receive(APDU apdu) {
        short read = apdu.setIncomingAndReceive();
        short total = apdu.getIncomingLength();
        short offset = (short) (ISO7816.OFFSET_CDATA + read);
        while (read < total) {
            short more = apdu.receiveBytes(offset);
            read += more;
            offset += more;
        }
        return total;
    }
}
