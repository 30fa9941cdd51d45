/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets for the smartcard reader's card structures: BER-TLV, the PKCS#15 EF DIR, EF ODF and EF DODF,
 * and the LwM2M bootstrap file. Whatever the bytes a card returns (up to 64 KB), parsing returns or throws
 * {@link CardDataException}; any other exception is a finding. The committed seeds under
 * {@code CardDataFuzzTestInputs/<method>/} are replayed by the build.
 */
class CardDataFuzzTest {

    private static final int MAX_INPUT = 64 * 1024;

    @FuzzTest
    void berTlv(byte[] data) {
        if (data.length <= MAX_INPUT) {
            parse(() -> BerTlv.parseAll(data, "EF fuzz"));
        }
    }

    @FuzzTest
    void dir(byte[] data) {
        if (data.length <= MAX_INPUT) {
            parse(() -> Pkcs15.parseDir(data));
        }
    }

    @FuzzTest
    void odf(byte[] data) {
        if (data.length <= MAX_INPUT) {
            parse(() -> Pkcs15.parseOdfDataObjectDirectories(data));
        }
    }

    @FuzzTest
    void dodf(byte[] data) {
        if (data.length <= MAX_INPUT) {
            parse(() -> Pkcs15.parseDodf(data, "EF DODF"));
        }
    }

    @FuzzTest
    void bootstrapFile(byte[] data) {
        if (data.length <= MAX_INPUT) {
            parse(() -> BootstrapFile.parse(data));
        }
    }

    private interface CardParse {
        Object run() throws CardDataException;
    }

    private static void parse(CardParse parse) {
        try {
            parse.run();
        } catch (CardDataException expected) {
            // the documented rejection
        }
    }
}
