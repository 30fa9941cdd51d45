/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.transport.PeerIdentity;
import java.net.URI;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The security policy of the Bootstrap interface, in one place.
 * <p>
 * Bootstrap messages carry the device's future credentials, so Bootgate narrows LwM2M: the interface runs
 * over DTLS ({@code coaps://}) with Raw Public Key or Certificate mode only, on both sides; PSK, NoSec and
 * Certificate-with-EST are refused. Within DTLS only ECDHE_ECDSA cipher suites are offered and accepted
 * (forward secrecy, and the suites LwM2M mandates for these modes), with X25519 preferred over secp256r1 for
 * the key agreement because it is several times cheaper on the gateway's CPU.
 * <p>
 * The configuration layer calls {@link #checkBootstrapAccount} when it accepts a Security instance; the DTLS
 * bundle calls the same checks again when it creates an endpoint and on every connect, so a refused
 * account never reaches the network whichever path it came by.
 */
public final class BootstrapSecurityPolicy {

    /** The only URI scheme of the Bootstrap interface: CoAP over DTLS. */
    public static final String SCHEME = "coaps";

    /**
     * The cipher suites offered and accepted, in order of preference (IANA names). LwM2M requires
     * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 of RPK/X.509 servers, and the CBC_SHA256 suite as well.
     */
    public static final List<String> CIPHER_SUITES =
            List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");

    /**
     * The ECDHE groups, in order of preference: X25519 first (measured here: about a fifth of the cost of a
     * P-256 key agreement), secp256r1 because LwM2M requires it. No curve under 255 bits.
     */
    public static final List<String> KEY_EXCHANGE_GROUPS = List.of("X25519", "secp256r1");

    /** The smallest EC key accepted (LwM2M: curves under 255 bits must not be used). */
    public static final int MIN_EC_KEY_BITS = 256;

    private static final String CIPHER_SUITE_FAMILY = "TLS_ECDHE_ECDSA_WITH_";

    private BootstrapSecurityPolicy() {}

    /**
     * Checks a Bootstrap-Server account of the Security object: its URI (/0/x/0) and Security Mode (/0/x/2).
     *
     * @throws SecurityPolicyException naming the URI or mode when the account would not be protected by
     *             DTLS with Raw Public Key or certificates
     */
    public static void checkBootstrapAccount(URI uri, SecurityMode mode) throws SecurityPolicyException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mode, "mode");
        checkMode(uri, mode);
        checkUri(uri, mode);
    }

    /**
     * Checks everything a client endpoint config carries: the account, that the credentials and the trust
     * are those of its Security Mode, and the key.
     */
    public static void checkClient(ClientEndpointConfig config) throws SecurityPolicyException {
        checkBootstrapAccount(config.serverUri(), config.securityMode());
        String account = "bootstrap account " + config.serverUri();
        DtlsCredentials credentials = config.credentials()
                .orElseThrow(() -> new SecurityPolicyException(
                        account + ": no credentials for Security Mode " + describe(config.securityMode())));
        if (credentials.securityMode() != config.securityMode()) {
            throw new SecurityPolicyException(account + ": Security Mode " + describe(config.securityMode()) + " but "
                    + describe(credentials.securityMode()) + " credentials");
        }
        if (config.securityMode() == SecurityMode.RAW_PUBLIC_KEY
                && config.rpkTrust().isEmpty()) {
            throw new SecurityPolicyException(account
                    + ": Raw Public Key mode needs the server's public key (Server Public Key, /0/x/4) as rpkTrust");
        }
        if (config.securityMode() == SecurityMode.CERTIFICATE
                && config.x509Trust().isEmpty()) {
            throw new SecurityPolicyException(account
                    + ": Certificate mode needs an x509Trust (trust store, Certificate Usage, Server Public Key)");
        }
        checkKey(credentials.publicKey(), account);
    }

    /** Checks a server endpoint config: its key. (Its types cannot express PSK or NoSec.) */
    public static void checkServer(ServerEndpointConfig config) throws SecurityPolicyException {
        checkKey(config.credentials().publicKey(), "bootstrap server on " + config.bindAddress());
    }

    /**
     * @param name an IANA cipher suite name
     * @throws SecurityPolicyException for any suite that is not ECDHE_ECDSA (PSK, ECDHE_PSK, RSA, NULL...)
     */
    public static void checkCipherSuite(String name) throws SecurityPolicyException {
        if (name == null || !name.startsWith(CIPHER_SUITE_FAMILY) || name.contains("PSK")) {
            throw new SecurityPolicyException("cipher suite " + name + " is refused on the Bootstrap interface: only "
                    + CIPHER_SUITE_FAMILY + "* suites");
        }
    }

    /**
     * @param whose names the owner of the key in the message
     * @throws SecurityPolicyException for a key that is not an EC key of at least {@value #MIN_EC_KEY_BITS} bits
     */
    public static void checkKey(PublicKey key, String whose) throws SecurityPolicyException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof ECPublicKey)) {
            throw new SecurityPolicyException(whose + ": key algorithm " + key.getAlgorithm()
                    + " is refused: ECDHE_ECDSA cipher suites need an EC key (P-256)");
        }
        int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
        if (bits < MIN_EC_KEY_BITS) {
            throw new SecurityPolicyException(whose + ": " + bits + "-bit EC key (sha256:"
                    + PeerIdentity.fingerprint(key) + ") is refused: at least " + MIN_EC_KEY_BITS + " bits");
        }
    }

    private static void checkMode(URI uri, SecurityMode mode) throws SecurityPolicyException {
        switch (mode) {
            case RAW_PUBLIC_KEY:
            case CERTIFICATE:
                return;
            case PRE_SHARED_KEY:
                throw new SecurityPolicyException("bootstrap account " + uri + ": Security Mode "
                        + describe(mode) + " is refused: the Bootstrap interface carries the device's credentials"
                        + " and requires Raw Public Key (1) or Certificate (2) mode");
            case NO_SEC:
                throw new SecurityPolicyException("bootstrap account " + uri + ": Security Mode "
                        + describe(mode) + " is refused: the Bootstrap interface must use DTLS with Raw Public Key (1)"
                        + " or Certificate (2) mode, never unprotected CoAP");
            default:
                throw new SecurityPolicyException("bootstrap account " + uri + ": Security Mode "
                        + describe(mode) + " is not supported on the Bootstrap interface;"
                        + " use Raw Public Key (1) or Certificate (2) mode");
        }
    }

    private static void checkUri(URI uri, SecurityMode mode) throws SecurityPolicyException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("coap".equals(scheme)) {
            throw new SecurityPolicyException("bootstrap server URI " + uri
                    + " is refused: coap:// is unprotected CoAP; the Bootstrap interface requires coaps:// (DTLS)");
        }
        if (!SCHEME.equals(scheme)) {
            throw new SecurityPolicyException("bootstrap server URI " + uri + " is refused: scheme '" + scheme
                    + "' is not supported, the Bootstrap interface requires coaps:// (CoAP over DTLS)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SecurityPolicyException("bootstrap server URI " + uri + " has no host");
        }
    }

    private static String describe(SecurityMode mode) {
        return mode.code() + " (" + mode + ")";
    }
}
