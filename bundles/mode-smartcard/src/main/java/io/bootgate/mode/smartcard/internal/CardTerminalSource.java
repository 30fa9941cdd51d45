/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminals;

/**
 * Where the mode finds card readers. In production the platform's PC/SC terminals
 * ({@link PcscTerminalSource}); tests hand in the terminals of a Java Card simulator, so that everything
 * from the reader list to the APDUs runs the same code.
 */
interface CardTerminalSource {

    /**
     * The readers as they are now.
     *
     * @throws SmartcardAbsentException if the platform has no smartcard subsystem at all
     * @throws CardException if the subsystem cannot be asked
     */
    CardTerminals terminals() throws SmartcardAbsentException, CardException;
}
