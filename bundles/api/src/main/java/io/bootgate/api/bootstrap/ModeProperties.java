/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bootstrap;

/**
 * The keys of the bootstrap modes' per-device properties ({@link BootstrapContext#configuration()}). In a
 * device configuration each key is written {@code mode.<mode name>.<key>}, e.g.
 * {@code mode.client-initiated.server.uri}: see {@link #deviceKey(String, String)}.
 *
 * @since 2.0
 */
public final class ModeProperties {

    /** The prefix of a mode property in a device configuration, before the mode name. */
    public static final String PREFIX = "mode.";

    // ---- the Bootstrap-Server account (client- and server-initiated), see BootstrapServerAccount ----

    /** The bootstrap server URI, {@code coaps://host:port}. */
    public static final String SERVER_URI = "server.uri";
    /** {@code 1} / {@code RPK} (Raw Public Key) or {@code 2} / {@code X509} (Certificate). */
    public static final String SERVER_SECURITY_MODE = "server.securityMode";
    /** Raw Public Key mode: the server's public key, PEM or Base64 of its SubjectPublicKeyInfo. */
    public static final String SERVER_PUBLIC_KEY = "server.publicKey";
    /** Certificate mode: the certificate of "Server Public Key" (/0/x/4), PEM or Base64 DER. */
    public static final String SERVER_CERTIFICATE = "server.certificate";
    /** Certificate mode: the Certificate Usage 0..3 (/0/x/15); default 3. */
    public static final String SERVER_CERTIFICATE_USAGE = "server.certificateUsage";
    /** Certificate mode: PEM trust anchors for Certificate Usage 0 and 1. */
    public static final String SERVER_TRUST_ANCHORS = "server.trustAnchors";
    /** Certificate mode: the server name to check and send as SNI, when /0/x/14 is absent. */
    public static final String SERVER_NAME = "server.name";

    // ---- client-initiated ----

    /** Client-initiated: the pct content format code of the Bootstrap-Request, or {@code none}. */
    public static final String CLIENT_INITIATED_PCT = "pct";
    /** Client-initiated: {@code true} to try a Bootstrap-Pack-Request first. */
    public static final String CLIENT_INITIATED_BSPACK = "bspack";

    // ---- server-initiated ----

    /** Server-initiated: the push window in seconds, overriding the Client Hold Off Time. */
    public static final String SERVER_INITIATED_WINDOW_SECONDS = "window.seconds";
    /**
     * Server-initiated, former property: the device listened as a DTLS server, which no LwM2M bootstrap server
     * can talk to. Still recognised, so that a device configured for it gets a warning.
     */
    public static final String SERVER_INITIATED_OBSOLETE_LISTEN_ADDRESS = "listen.address";

    // ---- factory ----

    /** Factory: the device's factory file. */
    public static final String FACTORY_FILE = "file";

    // ---- smartcard ----

    /** Smartcard: the card reader (terminal) name. */
    public static final String SMARTCARD_READER = "reader";
    /** Smartcard: the AID of the PKCS#15 application, 5 to 16 bytes of hex. */
    public static final String SMARTCARD_AID = "aid";
    /** Smartcard: the label of the bootstrap file's DODF object. */
    public static final String SMARTCARD_LABEL = "label";
    /** Smartcard: the application OID of the bootstrap file's DODF object. */
    public static final String SMARTCARD_APPLICATION_OID = "applicationOid";
    /** Smartcard: the PIN that unlocks the bootstrap file. */
    public static final String SMARTCARD_PIN = "pin";
    /** Smartcard: the reference of that PIN. */
    public static final String SMARTCARD_PIN_REFERENCE = "pinReference";

    private ModeProperties() {}

    /**
     * A mode property's key in a device configuration: {@code mode.<modeName>.<key>}.
     *
     * @param modeName e.g. {@link BootstrapModeName#CLIENT_INITIATED}
     * @param key one of this class's keys
     */
    public static String deviceKey(String modeName, String key) {
        return PREFIX + modeName + "." + key;
    }
}
