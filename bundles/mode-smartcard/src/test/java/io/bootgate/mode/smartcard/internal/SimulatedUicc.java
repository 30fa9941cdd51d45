/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.utils.AIDUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javacard.framework.AID;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * A simulated UICC for the tests: a jCardSim card with {@link UiccFilesApplet} installed as its one
 * application, personalised the way a card issuer does it: CREATE FILE, UPDATE BINARY / UPDATE RECORD,
 * CHANGE REFERENCE DATA and ACTIVATE FILE APDUs. Nothing is set behind the applet's back.
 */
final class SimulatedUicc {

    private final CardSimulator simulator = new CardSimulator();
    private final AID application;

    private SimulatedUicc(byte[] applicationAid, List<byte[]> dirRecords, String pin, ElementaryFile... files) {
        application = install(applicationAid);
        selectFile(0x3F00);
        if (!dirRecords.isEmpty()) {
            int recordLength = dirRecords.stream().mapToInt(r -> r.length).max().orElseThrow();
            createLinearFixed(0x2F00, recordLength, dirRecords);
        }
        selectFile(0x7FFF);
        if (pin != null) {
            expectOk(transmit(new CommandAPDU(0x00, 0x24, 0x00, 0x01, pinBlock(pin))), "CHANGE REFERENCE DATA");
        }
        for (ElementaryFile file : files) {
            createTransparent(file.fileId(), file.content(), file.pinProtected());
        }
        expectOk(transmit(new CommandAPDU(0x00, 0x44, 0x00, 0x00)), "ACTIVATE FILE");
    }

    /**
     * A card with one application.
     *
     * @param applicationAid the application's AID
     * @param dirRecords the application templates of EF DIR; none: the card has no EF DIR
     * @param pin the application PIN (key reference 01), or null for none
     * @param files the EFs of the application DF
     */
    static SimulatedUicc create(byte[] applicationAid, List<byte[]> dirRecords, String pin, ElementaryFile... files) {
        return new SimulatedUicc(applicationAid, dirRecords, pin, files);
    }

    /** Puts the card into a simulated reader, where it starts with the MF as its current directory. */
    SimulatedUicc insertInto(CardTerminal terminal) {
        simulator.assignToTerminal(terminal);
        // The inserted card was reset; the runtime then has no applet selected, a UICC has its MF.
        simulator.selectApplet(application);
        selectFile(0x3F00);
        return this;
    }

    /** A transparent EF: file id, content, and whether reading it needs the PIN. */
    record ElementaryFile(int fileId, byte[] content, boolean pinProtected) {

        static ElementaryFile of(int fileId, byte[] content) {
            return new ElementaryFile(fileId, content, false);
        }
    }

    private AID install(byte[] aid) {
        // Global Platform install parameters: instance AID, privileges, no application parameters.
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        params.write(aid.length);
        params.writeBytes(aid);
        params.write(1);
        params.write(0);
        params.write(0);
        byte[] bytes = params.toByteArray();
        AID appletAid = AIDUtil.create(aid);
        simulator.installApplet(appletAid, UiccFilesApplet.class, bytes, (short) 0, (byte) bytes.length);
        if (!simulator.selectApplet(appletAid)) {
            throw new IllegalStateException("applet " + HexFormat.of().formatHex(aid) + " cannot be selected");
        }
        return appletAid;
    }

    private void selectFile(int fileId) {
        expectOk(transmit(new CommandAPDU(0x00, 0xA4, 0x00, 0x0C, Der.fid(fileId))), "SELECT " + fileId);
    }

    private void createTransparent(int fileId, byte[] content, boolean pinProtected) {
        byte[] fcp = Der.tlv(
                0x62,
                Der.tlv(0x82, new byte[] {0x41, 0x21}),
                Der.tlv(0x83, Der.fid(fileId)),
                Der.tlv(0x80, Der.fid(content.length)),
                Der.tlv(0x86, new byte[] {(byte) (pinProtected ? 1 : 0)}));
        expectOk(transmit(new CommandAPDU(0x00, 0xE0, 0x00, 0x00, fcp)), "CREATE FILE " + fileId);
        for (int offset = 0; offset < content.length; offset += 200) {
            byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + 200));
            expectOk(transmit(new CommandAPDU(0x00, 0xD6, offset >> 8, offset & 0xFF, chunk)), "UPDATE BINARY");
        }
    }

    private void createLinearFixed(int fileId, int recordLength, List<byte[]> records) {
        byte[] descriptor = {0x42, 0x21, (byte) (recordLength >> 8), (byte) recordLength, (byte) records.size()};
        byte[] fcp = Der.tlv(0x62, Der.tlv(0x82, descriptor), Der.tlv(0x83, Der.fid(fileId)));
        expectOk(transmit(new CommandAPDU(0x00, 0xE0, 0x00, 0x00, fcp)), "CREATE FILE " + fileId);
        for (int i = 0; i < records.size(); i++) {
            // Records are padded with FF to the record length, as issuers do.
            byte[] record = Arrays.copyOf(records.get(i), recordLength);
            Arrays.fill(record, records.get(i).length, recordLength, (byte) 0xFF);
            expectOk(transmit(new CommandAPDU(0x00, 0xDC, i + 1, 0x04, record)), "UPDATE RECORD " + (i + 1));
        }
    }

    private ResponseAPDU transmit(CommandAPDU command) {
        return simulator.transmitCommand(command);
    }

    static byte[] pinBlock(String pin) {
        byte[] block = new byte[8];
        Arrays.fill(block, (byte) 0xFF);
        byte[] digits = pin.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, block, 0, digits.length);
        return block;
    }

    private static void expectOk(ResponseAPDU response, String what) {
        if (response.getSW() != 0x9000) {
            throw new IllegalStateException(what + " answered " + Integer.toHexString(response.getSW()));
        }
    }
}
