/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import static io.bootgate.mode.smartcard.internal.Der.applicationTemplate;
import static io.bootgate.mode.smartcard.internal.Der.concat;
import static io.bootgate.mode.smartcard.internal.Der.fid;
import static io.bootgate.mode.smartcard.internal.Der.odfDataObjects;
import static io.bootgate.mode.smartcard.internal.Der.opaqueDataObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import io.bootgate.mode.smartcard.internal.Pkcs15BootstrapReader.CardBootstrapData;
import io.bootgate.mode.smartcard.internal.SimulatedUicc.ElementaryFile;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.Test;

/**
 * The Appendix G access path against a Java Card applet in jCardSim: EF DIR, SELECT by AID, EF ODF, EF DODF,
 * EF LwM2M_Bootstrap, PIN verification. The content of the bootstrap objects is opaque here; decoding it is
 * the mode's business ({@link SmartcardBootstrapModeTest}).
 */
class Pkcs15BootstrapReaderTest {

    private static final byte[] TLV_A = HexFormat.of().parseHex("0800C100");
    private static final byte[] TLV_B = HexFormat.of().parseHex("C00101");
    private static final String OID = "060A2B0601040182C47A0101";

    private final Pkcs15BootstrapReader reader = new Pkcs15BootstrapReader();

    private static Pkcs15BootstrapReader.Options options(String pin) {
        return new Pkcs15BootstrapReader.Options(
                Optional.empty(), SmartcardSettings.DEFAULT_LABEL, Optional.empty(), Optional.ofNullable(pin), 0);
    }

    private static CardTerminal terminalWith(SimulatedUicc card) {
        CardTerminal terminal =
                CardTerminalSimulator.terminals("Test Reader 00").getTerminal("Test Reader 00");
        card.insertInto(terminal);
        return terminal;
    }

    private static SimulatedUicc standardCard(byte[] bootstrapFile, boolean privateObject, String pin) {
        return SimulatedUicc.create(
                Pkcs15.AID,
                List.of(applicationTemplate(Pkcs15.AID, "LwM2M", fid(0x7F50))),
                pin,
                ElementaryFile.of(0x5031, odfDataObjects(fid(0x6430))),
                ElementaryFile.of(
                        0x6430,
                        concat(
                                opaqueDataObject("Other", false, null, fid(0x6432)),
                                opaqueDataObject("LwM2M_Bootstrap", privateObject, null, fid(0x6431)))),
                new ElementaryFile(0x6431, bootstrapFile, privateObject));
    }

    private CardBootstrapData read(CardTerminal terminal, Pkcs15BootstrapReader.Options options) throws Exception {
        Card card = terminal.connect("*");
        try {
            // jCardSim has no logical channels (openLogicalChannel throws); the files are the same on the basic one.
            return reader.read(card.getBasicChannel(), options);
        } finally {
            card.disconnect(false);
        }
    }

    @Test
    void readsTheObjectsOfTheBootstrapFileFoundThroughDirOdfAndDodf() throws Exception {
        // Larger than one READ BINARY chunk, with padding behind the declared size.
        byte[] big = new byte[600];
        big[0] = (byte) 0xC8;
        byte[] file = BootstrapFiles.file(
                40,
                BootstrapFiles.object(0, 0, 0, TLV_A),
                BootstrapFiles.object(1, 1, 1, TLV_B),
                BootstrapFiles.object(3, 0, 0, big));
        CardTerminal terminal = terminalWith(standardCard(file, false, null));

        CardBootstrapData data = read(terminal, options(null));

        assertThat(data.applicationAid()).isEqualTo("A000000063504B43532D3135");
        assertThat(data.location()).isEqualTo("6431");
        assertThat(data.objects())
                .extracting(BootstrapFile.CardObject::objectId)
                .containsExactly(0, 1, 3);
        assertThat(data.objects().get(0).instancesTlv()).isEqualTo(TLV_A);
        assertThat(data.objects().get(0).version()).isEqualTo("implicit");
        assertThat(data.objects().get(1).version()).isEqualTo("1.1");
        assertThat(data.objects().get(2).instancesTlv()).isEqualTo(big);
    }

    @Test
    void findsTheObjectByApplicationOidWhenConfigured() throws Exception {
        byte[] file = BootstrapFiles.file(0, BootstrapFiles.object(0, 0, 0, TLV_A));
        SimulatedUicc card = SimulatedUicc.create(
                Pkcs15.AID,
                List.of(applicationTemplate(Pkcs15.AID, "LwM2M", fid(0x7F50))),
                null,
                ElementaryFile.of(0x5031, odfDataObjects(fid(0x6430))),
                ElementaryFile.of(0x6430, opaqueDataObject("Provisioning", false, OID.substring(4), fid(0x6431))),
                ElementaryFile.of(0x6431, file));
        CardTerminal terminal = terminalWith(card);

        Pkcs15BootstrapReader.Options byOid = new Pkcs15BootstrapReader.Options(
                Optional.empty(),
                SmartcardSettings.DEFAULT_LABEL,
                Optional.of("1.3.6.1.4.1.41594.1.1"),
                Optional.empty(),
                0);
        assertThat(read(terminal, byOid).objects()).hasSize(1);
        assertThatThrownBy(() -> read(terminal, options(null)))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("no data object labelled 'LwM2M_Bootstrap'");
    }

    @Test
    void verifiesThePinOfAPrivateObjectAndRefusesWithoutOne() throws Exception {
        byte[] file = BootstrapFiles.file(0, BootstrapFiles.object(0, 0, 0, TLV_A));
        CardTerminal terminal = terminalWith(standardCard(file, true, "2468"));

        assertThatThrownBy(() -> read(terminal, options(null)))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("marked private")
                .hasMessageContaining("no PIN is configured");
        assertThatThrownBy(() -> read(terminal, options("1111")))
                .isInstanceOf(CardStatusException.class)
                .hasMessageContaining("63C2");
        assertThat(read(terminal, options("2468")).objects()).hasSize(1);
    }

    @Test
    void refusesToSpendTheLastPinTries() throws Exception {
        byte[] file = BootstrapFiles.file(0, BootstrapFiles.object(0, 0, 0, TLV_A));
        CardTerminal terminal = terminalWith(standardCard(file, true, "2468"));
        assertThatThrownBy(() -> read(terminal, options("1111"))).hasMessageContaining("63C2");
        assertThatThrownBy(() -> read(terminal, options("1111"))).hasMessageContaining("63C1");

        // One try left: even the right PIN is not sent, the last try stays with a person.
        assertThatThrownBy(() -> read(terminal, options("2468")))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("only 1 tries left");
    }

    @Test
    void namesThePkcs15ApplicationWhenTheCardHasNone() throws Exception {
        byte[] usim = HexFormat.of().parseHex("A0000000871002FF49FF0589");
        CardTerminal terminal =
                terminalWith(SimulatedUicc.create(usim, List.of(applicationTemplate(usim, "USIM", fid(0x7FF0))), null));

        assertThatThrownBy(() -> read(terminal, options(null)))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("no PKCS#15 application (AID A000000063504B43532D3135)")
                .hasMessageContaining("A0000000871002FF49FF0589");
    }

    @Test
    void namesTheMissingEfDir() throws Exception {
        CardTerminal terminal = terminalWith(SimulatedUicc.create(Pkcs15.AID, List.of(), null));

        assertThatThrownBy(() -> read(terminal, options(null)))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("no EF DIR (2F00)");
    }
}
