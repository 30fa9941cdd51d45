/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

/** The status words (ISO 7816-4, ETSI TS 102 221 clause 10.2) this mode reacts to or names in its errors. */
final class StatusWords {

    static final int OK = 0x9000;
    static final int END_OF_FILE = 0x6282;
    static final int WRONG_LENGTH = 0x6700;
    static final int LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881;
    static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    static final int AUTHENTICATION_METHOD_BLOCKED = 0x6983;
    static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    static final int COMMAND_NOT_ALLOWED_NO_EF = 0x6986;
    static final int WRONG_DATA = 0x6A80;
    static final int FUNCTION_NOT_SUPPORTED = 0x6A81;
    static final int FILE_NOT_FOUND = 0x6A82;
    static final int RECORD_NOT_FOUND = 0x6A83;
    static final int WRONG_P1_P2 = 0x6B00;
    static final int INS_NOT_SUPPORTED = 0x6D00;
    static final int CLA_NOT_SUPPORTED = 0x6E00;

    private StatusWords() {}

    /** "6A82 (file or application not found)", for log lines and failure causes. */
    static String describe(int sw) {
        String hex = String.format("%04X", sw);
        String meaning =
                switch (sw) {
                    case OK -> "success";
                    case END_OF_FILE -> "end of file reached before Le bytes";
                    case WRONG_LENGTH -> "wrong length";
                    case LOGICAL_CHANNEL_NOT_SUPPORTED -> "logical channel not supported";
                    case SECURITY_STATUS_NOT_SATISFIED -> "security status not satisfied: PIN verification needed";
                    case AUTHENTICATION_METHOD_BLOCKED -> "PIN blocked";
                    case CONDITIONS_NOT_SATISFIED -> "conditions of use not satisfied";
                    case COMMAND_NOT_ALLOWED_NO_EF -> "command not allowed, no EF selected";
                    case WRONG_DATA -> "incorrect data";
                    case FUNCTION_NOT_SUPPORTED -> "function not supported";
                    case FILE_NOT_FOUND -> "file or application not found";
                    case RECORD_NOT_FOUND -> "record not found";
                    case WRONG_P1_P2 -> "wrong parameters P1-P2 (offset beyond the end of the file)";
                    case INS_NOT_SUPPORTED -> "instruction not supported";
                    case CLA_NOT_SUPPORTED -> "class not supported";
                    default -> (sw & 0xFFF0) == 0x63C0
                            ? "verification failed, " + (sw & 0x0F) + " tries left"
                            : "error";
                };
        return hex + " (" + meaning + ")";
    }
}
