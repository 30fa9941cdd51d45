/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The parsers of untrusted card content: every inconsistency is refused with a message naming it. */
class CardStructuresTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void bootstrapFileWithImplicitAndExplicitVersions() throws Exception {
        // 2 objects, 15 bytes: /0 implicit version, 2 bytes TLV; /1 version 1.1, 2 bytes TLV; then padding.
        var objects = BootstrapFile.parse(hex("0002 000F 0000 00 0002 AABB 0001 0101 0002 CCDD FFFF"));

        assertThat(objects).extracting(BootstrapFile.CardObject::objectId).containsExactly(0, 1);
        assertThat(objects.get(0).instancesTlv()).isEqualTo(hex("AABB"));
        assertThat(objects.get(1).version()).isEqualTo("1.1");
    }

    @Test
    void bootstrapFileWhoseNumbersDoNotAddUpIsRefused() {
        assertThatThrownBy(() -> BootstrapFile.parse(hex("0003 0007 0000 00 0002 AABB")))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("declares 3 objects but its 7 bytes hold 1");
        assertThatThrownBy(() -> BootstrapFile.parse(hex("0001 0009 0000 00 0002 AABB")))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("declares 9 bytes");
        assertThatThrownBy(() -> BootstrapFile.parse(hex("0001 0007 0000 00 0005 AABB")))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("declares 5 bytes of TLV");
        assertThatThrownBy(() -> BootstrapFile.parse(hex("0001 0003 0000 01")))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("cut off");
        assertThatThrownBy(() -> BootstrapFile.parse(hex("00")))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("shorter than its 4-byte header");
    }

    @Test
    void berLengthsBeyondTheDataAreRefused() {
        assertThatThrownBy(() -> BerTlv.parseAll(hex("30 05 0401"), "EF ODF"))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("EF ODF")
                .hasMessageContaining("declares 5");
        assertThatThrownBy(() -> BerTlv.parseAll(hex("30 80 0000"), "EF ODF"))
                .isInstanceOf(CardDataException.class)
                .hasMessageContaining("indefinite");
    }

    @Test
    void dodfEntryIsReadWithFlagsOidAndPath() throws Exception {
        byte[] dodf = Der.concat(
                Der.opaqueDataObject("LwM2M_Bootstrap", true, "2A864886F70D010101", Der.fid(0x6431)), hex("0000"));

        var objects = Pkcs15.parseDodf(dodf, "EF DODF");

        assertThat(objects).hasSize(1);
        assertThat(objects.get(0).label()).contains("LwM2M_Bootstrap");
        assertThat(objects.get(0).privateObject()).isTrue();
        assertThat(objects.get(0).applicationOid()).contains("1.2.840.113549.1.1.1");
        assertThat(objects.get(0).path().orElseThrow().hex()).isEqualTo("6431");
    }
}
