/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import io.bootgate.mode.smartcard.internal.BootstrapFile.CardObject;
import io.bootgate.mode.smartcard.internal.Pkcs15.ApplicationTemplate;
import io.bootgate.mode.smartcard.internal.Pkcs15.DataObject;
import io.bootgate.mode.smartcard.internal.Pkcs15.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the LwM2M bootstrap information from a UICC the way LwM2M Core 1.1 Appendix G.2.5 prescribes:
 * <ol>
 * <li>evaluate EF DIR for the PKCS#15 application template (G.1, G.2.1);</li>
 * <li>select the PKCS#15 ADF by its AID, direct application selection, on a logical channel the caller
 * opened with MANAGE CHANNEL (G.2.1);</li>
 * <li>read EF ODF to locate the DODF(s), in the ODF's priority order (G.1, G.3.1);</li>
 * <li>read the DODF(s) to locate the LwM2M_Bootstrap opaque data object and its path (G.3.2), verifying the
 * PIN first when the object is private (G.2.4);</li>
 * <li>read EF LwM2M_Bootstrap with READ BINARY, its size taken from the file header (G.2.3, G.3.3).</li>
 * </ol>
 * Stateless; one instance may serve any number of cards one after the other.
 */
final class Pkcs15BootstrapReader {

    private static final Logger LOG = LoggerFactory.getLogger(Pkcs15BootstrapReader.class);

    /** Directory files are small; this bounds what a broken card can make us read. */
    private static final int MAX_DIRECTORY_SIZE = 8 * 1024;

    /**
     * VERIFY is only sent while at least this many tries are left, so the last try always stays with a
     * person who knows the right PIN.
     */
    private static final int MIN_PIN_TRIES_TO_VERIFY = 2;

    /**
     * What identifies the bootstrap data on the card.
     *
     * @param aid the AID of the PKCS#15 application to use; empty: every PKCS#15 application of EF DIR in turn
     * @param label the CommonObjectAttributes.label (or applicationName) of the bootstrap data object
     * @param applicationOid the CommonDataObjectAttributes.applicationOID that also identifies it; Appendix G
     *            assigns no value, so none is assumed unless configured
     * @param pin the PIN to verify when the object is private; empty when none is configured
     * @param pinReference the key reference to verify the PIN against; 0 takes the first enabled PIN of the
     *            application's PIN status template
     */
    record Options(
            Optional<byte[]> aid,
            String label,
            Optional<String> applicationOid,
            Optional<String> pin,
            int pinReference) {

        boolean matches(DataObject object) {
            if (applicationOid.isPresent() && applicationOid.equals(object.applicationOid())) {
                return true;
            }
            return object.label().filter(label::equals).isPresent()
                    || object.applicationName().filter(label::equals).isPresent();
        }

        String describeTarget() {
            return "data object labelled '" + label + "'"
                    + applicationOid
                            .map(oid -> " or with applicationOID " + oid)
                            .orElse("");
        }
    }

    /**
     * The bootstrap information read from a card.
     *
     * @param applicationAid the PKCS#15 application it came from
     * @param dataObject the DODF entry that pointed at it
     * @param location the file path (hex) or "DODF" for a value stored in the directory itself
     * @param objects the objects of EF LwM2M_Bootstrap
     */
    record CardBootstrapData(String applicationAid, String dataObject, String location, List<CardObject> objects) {}

    CardBootstrapData read(CardChannel channel, Options options)
            throws CardException, CardStatusException, CardDataException {
        CardFileAccess files = new CardFileAccess(channel);
        List<ApplicationTemplate> applications = pkcs15Applications(files, options);
        List<String> searched = new ArrayList<>();
        for (ApplicationTemplate application : applications) {
            Optional<CardBootstrapData> data = readApplication(files, application, options, searched);
            if (data.isPresent()) {
                return data.get();
            }
        }
        throw new CardDataException(
                "no " + options.describeTarget() + " in the DODF(s) of " + String.join("; ", searched));
    }

    private static List<ApplicationTemplate> pkcs15Applications(CardFileAccess files, Options options)
            throws CardException, CardStatusException, CardDataException {
        List<ApplicationTemplate> all;
        try {
            all = readDir(files);
        } catch (CardStatusException e) {
            if (e.notFound()) {
                throw new CardDataException(
                        "the card has no EF DIR (2F00), so it lists no PKCS#15 application" + " (AID " + hex(Pkcs15.AID)
                                + ") holding LwM2M bootstrap information",
                        e);
            }
            throw e;
        }
        List<ApplicationTemplate> candidates = new ArrayList<>();
        for (ApplicationTemplate template : all) {
            boolean wanted =
                    options.aid().map(aid -> Arrays.equals(aid, template.aid())).orElse(template.isPkcs15());
            if (wanted) {
                candidates.add(template);
            }
        }
        if (candidates.isEmpty()) {
            String wanted = options.aid()
                    .map(aid -> "application " + hex(aid))
                    .orElse("PKCS#15 application (AID " + hex(Pkcs15.AID) + ")");
            List<String> listed = all.stream().map(ApplicationTemplate::aidHex).toList();
            throw new CardDataException("the card has no " + wanted + " for LwM2M bootstrap information; EF DIR"
                    + " lists " + (listed.isEmpty() ? "no application" : listed));
        }
        return candidates;
    }

    private static List<ApplicationTemplate> readDir(CardFileAccess files)
            throws CardException, CardStatusException, CardDataException {
        FileControlParameters fcp = files.selectFromMasterFile(Pkcs15.EF_DIR, "EF DIR (2F00)");
        if (fcp.linearFixed()) {
            List<ApplicationTemplate> templates = new ArrayList<>();
            int records = fcp.recordCount().orElse(0);
            int length = fcp.recordLength().orElse(0);
            for (int record = 1; record <= records; record++) {
                templates.addAll(Pkcs15.parseDir(files.readRecord(record, length, "EF DIR (2F00)")));
            }
            return templates;
        }
        // Appendix G only recommends linear fixed; a transparent EF DIR holds the templates back to back.
        return Pkcs15.parseDir(readTransparent(files, fcp, "EF DIR (2F00)", MAX_DIRECTORY_SIZE));
    }

    private Optional<CardBootstrapData> readApplication(
            CardFileAccess files, ApplicationTemplate application, Options options, List<String> searched)
            throws CardException, CardStatusException, CardDataException {
        String aid = application.aidHex();
        FileControlParameters adf;
        try {
            adf = files.selectApplication(application.aid());
        } catch (CardStatusException e) {
            if (e.notFound()) {
                // EF DIR may list an application that was removed; the next one may still hold the data.
                LOG.debug("application {} listed in EF DIR cannot be selected: {}", aid, e.getMessage());
                searched.add("application " + aid + " (not selectable: " + e.getMessage() + ")");
                return Optional.empty();
            }
            throw e;
        }
        FileControlParameters odfFcp = files.selectPath(fileId(Pkcs15.EF_ODF), "EF ODF (5031) of " + aid);
        byte[] odf = readTransparent(files, odfFcp, "EF ODF (5031) of " + aid, MAX_DIRECTORY_SIZE);
        List<Path> dodfs = Pkcs15.parseOdfDataObjectDirectories(odf);
        if (dodfs.isEmpty()) {
            searched.add("application " + aid + " (its EF ODF lists no DODF)");
            return Optional.empty();
        }
        for (Path dodfPath : dodfs) {
            String dodfName = "EF DODF (" + dodfPath.hex() + ") of " + aid;
            byte[] dodf = readObject(files, dodfPath, dodfName, MAX_DIRECTORY_SIZE, adf, options, false);
            for (DataObject object : Pkcs15.parseDodf(dodf, dodfName)) {
                if (options.matches(object)) {
                    return Optional.of(readBootstrapObject(files, aid, object, adf, options));
                }
            }
        }
        searched.add("application " + aid + " (DODF "
                + String.join(", ", dodfs.stream().map(Path::hex).toList()) + ")");
        return Optional.empty();
    }

    private CardBootstrapData readBootstrapObject(
            CardFileAccess files, String aid, DataObject object, FileControlParameters adf, Options options)
            throws CardException, CardStatusException, CardDataException {
        byte[] content;
        String location;
        if (object.directValue().isPresent()) {
            content = object.directValue().get();
            location = "DODF";
        } else {
            Path path = object.path().orElseThrow();
            location = path.hex();
            String name = "EF LwM2M_Bootstrap (" + location + ") of " + aid;
            content = readObject(files, path, name, BootstrapFile.MAX_FILE_SIZE, adf, options, object.privateObject());
        }
        LOG.debug("read {} bytes of bootstrap data from {} of application {}", content.length, object.describe(), aid);
        return new CardBootstrapData(aid, object.describe(), location, BootstrapFile.parse(content));
    }

    /**
     * Reads the file a PKCS#15 path names (or the part of it that index and length give). For a private
     * object the configured PIN is verified before reading (G.2.4). A file the card refuses with 6982 although
     * its DODF entry did not say private (G.3.2 lets the issuer protect even the DODF) is read again after
     * verifying the configured PIN; without one, the refusal is reported as the need for a PIN.
     */
    private static byte[] readObject(
            CardFileAccess files,
            Path path,
            String name,
            int limit,
            FileControlParameters adf,
            Options options,
            boolean privateObject)
            throws CardException, CardStatusException, CardDataException {
        FileControlParameters fcp = files.selectPath(path.path(), name);
        if (privateObject) {
            verifyPin(files, name + " is marked private in the DODF", adf, options);
        }
        try {
            return readSelected(files, fcp, path, name, limit);
        } catch (CardStatusException e) {
            if (e.statusWord() != StatusWords.SECURITY_STATUS_NOT_SATISFIED || privateObject) {
                throw e;
            }
            verifyPin(
                    files,
                    name + " is protected (card answered " + StatusWords.describe(e.statusWord()) + ")",
                    adf,
                    options);
            return readSelected(files, fcp, path, name, limit);
        }
    }

    private static byte[] readSelected(
            CardFileAccess files, FileControlParameters fcp, Path path, String name, int limit)
            throws CardException, CardStatusException, CardDataException {
        if (path.index().isPresent()) {
            int length = path.length().getAsInt();
            if (length > limit) {
                throw new CardDataException(name + ": the object is " + length + " bytes, more than " + limit);
            }
            return files.readBinary(path.index().getAsInt(), length, name);
        }
        return readTransparent(files, fcp, name, limit);
    }

    /** Cardholder verification (G.2.4) with the configured PIN; {@code why} says why it is needed. */
    private static void verifyPin(CardFileAccess files, String why, FileControlParameters adf, Options options)
            throws CardException, CardStatusException, CardDataException {
        if (options.pin().isEmpty()) {
            throw new CardDataException(why + ": cardholder verification is needed and no PIN is configured");
        }
        int reference = options.pinReference();
        if (reference == 0) {
            if (adf.enabledPinReferences().isEmpty()) {
                throw new CardDataException(
                        why + ", but the application's FCP lists no enabled PIN; configure the" + " PIN reference");
            }
            reference = adf.enabledPinReferences().get(0);
        }
        int triesLeft = files.pinTriesLeft(reference);
        if (triesLeft == -1) {
            return;
        }
        if (triesLeft < MIN_PIN_TRIES_TO_VERIFY) {
            // The gateway retries bootstraps unattended; a wrong configured PIN must not block the card.
            throw new CardDataException(why
                    + String.format(
                            ", but PIN %02X has only %d tries left: not verifying"
                                    + " it so that a wrong configured PIN cannot block the card",
                            reference, triesLeft));
        }
        files.verifyPin(reference, options.pin().get());
    }

    private static byte[] readTransparent(CardFileAccess files, FileControlParameters fcp, String name, int limit)
            throws CardException, CardStatusException, CardDataException {
        if (!fcp.transparent()) {
            throw new CardDataException(name + " is not a transparent (binary) file: descriptor "
                    + String.format("%02X", fcp.descriptor().getAsInt()));
        }
        if (fcp.fileSize().isPresent()) {
            int size = fcp.fileSize().getAsInt();
            if (size > limit) {
                throw new CardDataException(name + " is " + size + " bytes, more than the " + limit + " allowed");
            }
            return files.readBinary(0, size, name);
        }
        return files.readBinaryToEnd(limit, name);
    }

    private static byte[] fileId(int id) {
        return new byte[] {(byte) (id >> 8), (byte) id};
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
