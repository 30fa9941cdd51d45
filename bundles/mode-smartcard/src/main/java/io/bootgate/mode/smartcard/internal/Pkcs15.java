/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The PKCS#15 structures LwM2M Core Appendix G reads: the application template of EF DIR, the EF ODF entries
 * pointing at data object directories and the EF DODF entries of opaque data objects. The appendix names the
 * fields it uses (G.3.2: label, private/modifiable flags, applicationOID, Path.path) and refers to PKCS#15
 * v1.1 for their encoding, which is followed here (DER, implicit tags).
 */
final class Pkcs15 {

    /** The PKCS#15 application identifier (RID A000000063, PIX "PKCS-15"), PKCS#15 v1.1 clause 5.4. */
    static final byte[] AID = HexFormat.of().parseHex("A000000063504B43532D3135");

    /** File id of EF DIR under the MF (ISO 7816-4, ETSI TS 102 221 clause 13.1). */
    static final int EF_DIR = 0x2F00;

    /** Default file id of EF ODF in the PKCS#15 application DF (PKCS#15 v1.1 clause 5.5.1, Appendix G.3.1). */
    static final int EF_ODF = 0x5031;

    private static final int TAG_APPLICATION_TEMPLATE = 0x61;
    private static final int TAG_AID = 0x4F;
    private static final int TAG_APPLICATION_LABEL = 0x50;
    private static final int TAG_APPLICATION_PATH = 0x51;

    /** PKCS15Objects choice "dataObjects [7] PathOrObjects {DataType}". */
    private static final int TAG_ODF_DATA_OBJECTS = 0xA7;

    private static final int TAG_SEQUENCE = 0x30;
    private static final int TAG_OCTET_STRING = 0x04;
    private static final int TAG_INTEGER = 0x02;
    private static final int TAG_BIT_STRING = 0x03;
    private static final int TAG_UTF8_STRING = 0x0C;
    private static final int TAG_OID = 0x06;
    private static final int TAG_CONTEXT_0_PRIMITIVE = 0x80;
    private static final int TAG_CONTEXT_0_CONSTRUCTED = 0xA0;
    private static final int TAG_CONTEXT_1_CONSTRUCTED = 0xA1;

    private Pkcs15() {}

    /** An application template of EF DIR (tag 61): AID (4F), optional label (50) and path (51). */
    record ApplicationTemplate(byte[] aid, Optional<String> label, Optional<byte[]> path) {

        boolean isPkcs15() {
            return aid.length >= AID.length && Arrays.equals(aid, 0, AID.length, AID, 0, AID.length);
        }

        String aidHex() {
            return HexFormat.of().withUpperCase().formatHex(aid);
        }
    }

    /**
     * A PKCS#15 Path: the file path and, for an object stored in a part of a file, its offset and length.
     * A two-byte path is a file id in the application DF; a longer one starting with 3F00 is absolute;
     * otherwise it is relative to the application DF.
     */
    record Path(byte[] path, OptionalInt index, OptionalInt length) {

        String hex() {
            return HexFormat.of().withUpperCase().formatHex(path);
        }
    }

    /**
     * A PKCS#15 opaque data object of a DODF.
     *
     * @param label CommonObjectAttributes.label
     * @param privateObject CommonObjectFlags "private": reading needs cardholder verification
     * @param modifiable CommonObjectFlags "modifiable"
     * @param authId CommonObjectAttributes.authId: the authentication object protecting it
     * @param applicationName CommonDataObjectAttributes.applicationName
     * @param applicationOid CommonDataObjectAttributes.applicationOID in dotted form
     * @param path where the content is (indirect value), empty when the value is stored in the DODF itself
     * @param directValue the content when stored in the DODF itself
     */
    record DataObject(
            Optional<String> label,
            boolean privateObject,
            boolean modifiable,
            Optional<byte[]> authId,
            Optional<String> applicationName,
            Optional<String> applicationOid,
            Optional<Path> path,
            Optional<byte[]> directValue) {

        String describe() {
            return "data object" + label.map(l -> " '" + l + "'").orElse("")
                    + applicationOid.map(o -> " (applicationOID " + o + ")").orElse("");
        }
    }

    /** The application templates of EF DIR content (one record, or a whole transparent file). */
    static List<ApplicationTemplate> parseDir(byte[] content) throws CardDataException {
        List<ApplicationTemplate> templates = new ArrayList<>();
        for (BerTlv tlv : BerTlv.parseAll(content, "EF DIR")) {
            if (tlv.tag() != TAG_APPLICATION_TEMPLATE) {
                continue;
            }
            byte[] aid = null;
            Optional<String> label = Optional.empty();
            Optional<byte[]> path = Optional.empty();
            for (BerTlv field : tlv.children("EF DIR application template")) {
                switch (field.tag()) {
                    case TAG_AID -> aid = field.value();
                    case TAG_APPLICATION_LABEL -> label =
                            Optional.of(new String(field.value(), StandardCharsets.UTF_8));
                    case TAG_APPLICATION_PATH -> path = Optional.of(field.value());
                    default -> {
                        // Discretionary data (73) and other fields do not locate the application.
                    }
                }
            }
            if (aid == null || aid.length < 5 || aid.length > 16) {
                throw new CardDataException("EF DIR: application template without a valid AID (tag 4F, 5..16 bytes)");
            }
            templates.add(new ApplicationTemplate(aid, label, path));
        }
        return templates;
    }

    /** The paths of the data object directories listed in EF ODF, in the ODF's (priority) order. */
    static List<Path> parseOdfDataObjectDirectories(byte[] content) throws CardDataException {
        List<Path> paths = new ArrayList<>();
        for (BerTlv entry : BerTlv.parseAll(content, "EF ODF")) {
            if (entry.tag() != TAG_ODF_DATA_OBJECTS) {
                continue;
            }
            List<BerTlv> inner = entry.children("EF ODF dataObjects entry");
            if (inner.size() != 1 || inner.get(0).tag() != TAG_SEQUENCE) {
                throw new CardDataException("EF ODF: a dataObjects entry does not hold a Path; DODF objects stored"
                        + " in the ODF itself are not supported");
            }
            paths.add(parsePath(inner.get(0), "EF ODF dataObjects entry"));
        }
        return paths;
    }

    /** The opaque data objects of a DODF; external and OID data objects are skipped. */
    static List<DataObject> parseDodf(byte[] content, String fileName) throws CardDataException {
        List<DataObject> objects = new ArrayList<>();
        for (BerTlv entry : BerTlv.parseAll(content, fileName)) {
            // DataType ::= CHOICE { opaqueDO DataObject {Opaque}, externalIDO [0] ..., oidDO [1] ... }
            if (entry.tag() == TAG_SEQUENCE) {
                objects.add(parseOpaqueDataObject(entry, fileName));
            }
        }
        return objects;
    }

    private static DataObject parseOpaqueDataObject(BerTlv entry, String fileName) throws CardDataException {
        String what = fileName + " opaque data object";
        List<BerTlv> parts = entry.children(what);
        if (parts.size() < 3
                || parts.get(0).tag() != TAG_SEQUENCE
                || parts.get(1).tag() != TAG_SEQUENCE) {
            throw new CardDataException(
                    what + ": expected CommonObjectAttributes, CommonDataObjectAttributes and" + " typeAttributes [1]");
        }
        Optional<String> label = Optional.empty();
        boolean privateObject = false;
        boolean modifiable = false;
        Optional<byte[]> authId = Optional.empty();
        for (BerTlv field : parts.get(0).children(what + " CommonObjectAttributes")) {
            switch (field.tag()) {
                case TAG_UTF8_STRING -> label = Optional.of(new String(field.value(), StandardCharsets.UTF_8));
                case TAG_BIT_STRING -> {
                    byte[] bits = field.value();
                    // First byte: number of unused bits; then bit 0 (MSB) = private, bit 1 = modifiable.
                    int flags = bits.length > 1 ? bits[1] & 0xFF : 0;
                    privateObject = (flags & 0x80) != 0;
                    modifiable = (flags & 0x40) != 0;
                }
                case TAG_OCTET_STRING -> authId = Optional.of(field.value());
                default -> {
                    // userConsent, accessControlRules: not needed to read the object.
                }
            }
        }
        Optional<String> applicationName = Optional.empty();
        Optional<String> applicationOid = Optional.empty();
        for (BerTlv field : parts.get(1).children(what + " CommonDataObjectAttributes")) {
            switch (field.tag()) {
                case TAG_UTF8_STRING -> applicationName =
                        Optional.of(new String(field.value(), StandardCharsets.UTF_8));
                case TAG_OID -> applicationOid = Optional.of(decodeOid(field.value(), what));
                default -> {
                    // iD: an identifier for the application's own use.
                }
            }
        }
        BerTlv typeAttributes = null;
        for (BerTlv part : parts.subList(2, parts.size())) {
            if (part.tag() == TAG_CONTEXT_1_CONSTRUCTED) {
                typeAttributes = part;
            }
        }
        if (typeAttributes == null) {
            throw new CardDataException(
                    what + label.map(l -> " '" + l + "'").orElse("") + ": typeAttributes [1] missing");
        }
        List<BerTlv> value = typeAttributes.children(what + " typeAttributes");
        if (value.size() != 1) {
            throw new CardDataException(what + ": typeAttributes must hold exactly one ObjectValue");
        }
        BerTlv objectValue = value.get(0);
        Optional<Path> path = Optional.empty();
        Optional<byte[]> direct = Optional.empty();
        switch (objectValue.tag()) {
            case TAG_SEQUENCE -> path = Optional.of(parsePath(objectValue, what));
            case TAG_CONTEXT_0_PRIMITIVE -> direct = Optional.of(objectValue.value());
            case TAG_CONTEXT_0_CONSTRUCTED -> {
                BerTlv inner = objectValue
                        .child(TAG_OCTET_STRING, what + " direct value")
                        .orElseThrow(() -> new CardDataException(what + ": direct value [0] holds no OCTET STRING"));
                direct = Optional.of(inner.value());
            }
            default -> throw new CardDataException(what + ": ObjectValue tag " + objectValue.tagHex()
                    + " is not supported (only an indirect Path or a direct value)");
        }
        return new DataObject(label, privateObject, modifiable, authId, applicationName, applicationOid, path, direct);
    }

    static Path parsePath(BerTlv sequence, String what) throws CardDataException {
        byte[] path = null;
        OptionalInt index = OptionalInt.empty();
        OptionalInt length = OptionalInt.empty();
        for (BerTlv field : sequence.children(what + " Path")) {
            switch (field.tag()) {
                case TAG_OCTET_STRING -> path = field.value();
                case TAG_INTEGER -> index = OptionalInt.of(nonNegativeInt(field.value(), what + " Path.index"));
                case TAG_CONTEXT_0_PRIMITIVE -> length =
                        OptionalInt.of(nonNegativeInt(field.value(), what + " Path.length"));
                default -> throw new CardDataException(what + ": unexpected tag " + field.tagHex() + " in a Path");
            }
        }
        if (path == null || path.length == 0 || path.length % 2 != 0) {
            throw new CardDataException(what + ": Path.path must be a non-empty sequence of 2-byte file ids");
        }
        if (index.isPresent() != length.isPresent()) {
            throw new CardDataException(what + ": Path.index and Path.length must be given together");
        }
        return new Path(path, index, length);
    }

    private static int nonNegativeInt(byte[] der, String what) throws CardDataException {
        if (der.length == 0 || der.length > 4 || (der[0] & 0x80) != 0) {
            throw new CardDataException(what + " is not a non-negative INTEGER below 2^31");
        }
        int value = 0;
        for (byte b : der) {
            value = (value << 8) | (b & 0xFF);
        }
        if (value < 0) {
            throw new CardDataException(what + " is not a non-negative INTEGER below 2^31");
        }
        return value;
    }

    /** DER OBJECT IDENTIFIER content to dotted form (X.690 clause 8.19). */
    static String decodeOid(byte[] der, String what) throws CardDataException {
        if (der.length == 0 || (der[der.length - 1] & 0x80) != 0) {
            throw new CardDataException(what + ": malformed OBJECT IDENTIFIER");
        }
        StringBuilder dotted = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (byte b : der) {
            if (arc > (Long.MAX_VALUE >>> 7)) {
                throw new CardDataException(what + ": OBJECT IDENTIFIER arc too large");
            }
            arc = (arc << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                    dotted.append(top).append('.').append(arc - 40L * top);
                    first = false;
                } else {
                    dotted.append('.').append(arc);
                }
                arc = 0;
            }
        }
        return dotted.toString();
    }
}
