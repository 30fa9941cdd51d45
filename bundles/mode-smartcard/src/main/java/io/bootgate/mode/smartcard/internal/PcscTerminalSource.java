/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The PC/SC readers of the platform, through the JDK's {@code java.smartcardio} provider. The JDK falls back
 * to a factory of type "None" when it cannot load the PC/SC library (libpcsclite on Linux), which is
 * reported as "no smartcard subsystem" rather than as an empty reader list.
 */
final class PcscTerminalSource implements CardTerminalSource {

    private static final String NO_PROVIDER = "None";

    @Override
    public CardTerminals terminals() throws SmartcardAbsentException, CardException {
        TerminalFactory factory = TerminalFactory.getDefault();
        if (NO_PROVIDER.equals(factory.getType())) {
            throw new SmartcardAbsentException("no PC/SC subsystem: the JVM could not load the PC/SC library"
                    + " (install pcsc-lite and run pcscd, or set sun.security.smartcardio.library)");
        }
        return factory.terminals();
    }
}
