/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The content of EF LwM2M_Bootstrap (LwM2M Core 1.1 Appendix G.3.3):
 * <pre>
 * bootstrap_data        = number_of_objects(HWORD) size(HWORD) single_lwm2m_object*
 * single_lwm2m_object   = object_id(HWORD) object_version length_of_object(HWORD) object_instances(TLV)
 * object_version        = %x00 (implicit: 1.0 or defined in the enabler) | MAJOR(%x01-FF) MINOR(%x00-FF)
 * </pre>
 * all big endian. {@code size} is read as the byte count of the collection of objects that follows the
 * 4-byte header; the file may be longer (issuers allocate it with a fixed size), never shorter. Every length
 * is checked, and the object count and the sizes must agree exactly: a file that does not add up is refused
 * whole rather than half applied.
 */
final class BootstrapFile {

    /** The appendix limits the file to 32 KB. */
    static final int MAX_FILE_SIZE = 32 * 1024;

    private static final int HEADER_SIZE = 4;

    /**
     * One object of the file.
     *
     * @param objectId the LwM2M object id
     * @param majorVersion 0 for the implicit version (1.0, or the version the enabler defines)
     * @param minorVersion the minor version, 0 for the implicit version
     * @param instancesTlv the object's instances in LwM2M TLV (Core clause 7.4.3)
     */
    record CardObject(int objectId, int majorVersion, int minorVersion, byte[] instancesTlv) {

        CardObject {
            instancesTlv = instancesTlv.clone();
        }

        @Override
        public byte[] instancesTlv() {
            return instancesTlv.clone();
        }

        boolean implicitVersion() {
            return majorVersion == 0;
        }

        /** "1.1", or "implicit" for the implicit version. */
        String version() {
            return implicitVersion() ? "implicit" : majorVersion + "." + minorVersion;
        }
    }

    private BootstrapFile() {}

    static List<CardObject> parse(byte[] file) throws CardDataException {
        if (file.length < HEADER_SIZE) {
            throw new CardDataException(
                    "EF LwM2M_Bootstrap is " + file.length + " bytes long, shorter than its" + " 4-byte header");
        }
        int count = hword(file, 0);
        int size = hword(file, 2);
        if (size > file.length - HEADER_SIZE) {
            throw new CardDataException("EF LwM2M_Bootstrap declares " + size + " bytes of objects but the file"
                    + " holds only " + (file.length - HEADER_SIZE) + " after its header");
        }
        int end = HEADER_SIZE + size;
        int offset = HEADER_SIZE;
        List<CardObject> objects = new ArrayList<>();
        while (offset < end) {
            int start = offset;
            if (end - offset < 3) {
                throw truncated(objects.size(), start);
            }
            int objectId = hword(file, offset);
            offset += 2;
            int major = file[offset++] & 0xFF;
            int minor = 0;
            if (major != 0) {
                if (offset >= end) {
                    throw truncated(objects.size(), start);
                }
                minor = file[offset++] & 0xFF;
            }
            if (end - offset < 2) {
                throw truncated(objects.size(), start);
            }
            int length = hword(file, offset);
            offset += 2;
            if (length > end - offset) {
                throw new CardDataException("EF LwM2M_Bootstrap: object " + objectId + " at offset " + start
                        + " declares " + length + " bytes of TLV, only " + (end - offset) + " remain in the"
                        + " declared size");
            }
            if (objectId > 65534) {
                throw new CardDataException("EF LwM2M_Bootstrap: object id 65535 at offset " + start + " is reserved");
            }
            objects.add(new CardObject(objectId, major, minor, Arrays.copyOfRange(file, offset, offset + length)));
            offset += length;
        }
        if (objects.size() != count) {
            throw new CardDataException("EF LwM2M_Bootstrap declares " + count + " objects but its " + size
                    + " bytes hold " + objects.size());
        }
        return objects;
    }

    private static CardDataException truncated(int index, int offset) {
        return new CardDataException("EF LwM2M_Bootstrap: object #" + (index + 1) + " at offset " + offset
                + " is cut off by the declared size");
    }

    private static int hword(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }
}
