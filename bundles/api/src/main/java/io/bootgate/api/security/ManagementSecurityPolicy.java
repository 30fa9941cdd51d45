/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.SecurityMode;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The security policy of the Device Management &amp; Service Enablement and Registration interfaces (a
 * device's client endpoints towards its LwM2M management servers), in one place.
 * <p>
 * Raw Public Key and Certificate modes over {@code coaps://} are always accepted, with the same cipher
 * suites, groups and key rules as the Bootstrap interface ({@link BootstrapSecurityPolicy}). PSK
 * ({@code coaps://}, identity /0/x/3, key /0/x/5) and NoSec ({@code coap://}, plain UDP) are refused unless
 * the operator allows them in the DTLS factory's configuration (PID {@value #CONFIGURATION_PID}, properties
 * {@value #ALLOW_PSK_PROPERTY} and {@value #ALLOW_NOSEC_PROPERTY}, both {@code false} by default); the
 * refusal names the property that would allow the mode. Certificate mode with EST is never accepted. The
 * Bootstrap interface is not affected by these properties: it stays RPK/X.509 only.
 *
 * @since 1.1
 */
public final class ManagementSecurityPolicy {

    /** The configuration PID of the DTLS endpoint factory that holds the two properties below. */
    public static final String CONFIGURATION_PID = "io.bootgate.dtls";

    /** The DTLS factory property that allows PSK towards management servers. */
    public static final String ALLOW_PSK_PROPERTY = "management.allow.psk";

    /** The DTLS factory property that allows NoSec ({@code coap://}) towards management servers. */
    public static final String ALLOW_NOSEC_PROPERTY = "management.allow.nosec";

    /** The plain CoAP scheme, for NoSec accounts only. */
    public static final String NOSEC_SCHEME = "coap";

    /**
     * The PSK cipher suites offered, in order of preference: the two LwM2M requires of PSK servers (the
     * CCM_8 suite, and the CBC_SHA256 one).
     */
    public static final List<String> PSK_CIPHER_SUITES =
            List.of("TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_AES_128_CBC_SHA256");

    private ManagementSecurityPolicy() {}

    /**
     * Checks a management-server client config against the policy and what the operator allows.
     *
     * @param pskAllowed the value of {@value #ALLOW_PSK_PROPERTY}
     * @param noSecAllowed the value of {@value #ALLOW_NOSEC_PROPERTY}
     * @throws SecurityPolicyException naming the URI, the mode and, for a refused PSK or NoSec account, the
     *             property that would allow it
     */
    public static void checkClient(ManagementClientConfig config, boolean pskAllowed, boolean noSecAllowed)
            throws SecurityPolicyException {
        Objects.requireNonNull(config, "config");
        ClientEndpointConfig endpoint = config.endpoint();
        URI uri = config.serverUri();
        SecurityMode mode = config.securityMode();
        String account = "management server account " + uri;
        switch (mode) {
            case RAW_PUBLIC_KEY:
            case CERTIFICATE:
                checkScheme(uri, mode, BootstrapSecurityPolicy.SCHEME);
                checkPublicKeyAccount(endpoint, account);
                if (config.pskCredentials().isPresent()) {
                    throw new SecurityPolicyException(
                            account + ": Security Mode " + describe(mode) + " but PSK credentials");
                }
                return;
            case PRE_SHARED_KEY:
                if (!pskAllowed) {
                    throw new SecurityPolicyException(account + ": Security Mode " + describe(mode)
                            + " is refused: PSK towards management servers is not allowed; set "
                            + ALLOW_PSK_PROPERTY + "=true in configuration " + CONFIGURATION_PID + " to allow it");
                }
                checkScheme(uri, mode, BootstrapSecurityPolicy.SCHEME);
                if (config.pskCredentials().isEmpty()) {
                    throw new SecurityPolicyException(account + ": Security Mode " + describe(mode)
                            + " needs PSK credentials (identity /0/x/3, key /0/x/5)");
                }
                if (endpoint.credentials().isPresent()) {
                    throw new SecurityPolicyException(account + ": Security Mode " + describe(mode) + " but "
                            + describe(endpoint.credentials().get().securityMode()) + " credentials");
                }
                return;
            case NO_SEC:
                if (!noSecAllowed) {
                    throw new SecurityPolicyException(account + ": Security Mode " + describe(mode)
                            + " is refused: unprotected CoAP towards management servers is not allowed; set "
                            + ALLOW_NOSEC_PROPERTY + "=true in configuration " + CONFIGURATION_PID + " to allow it");
                }
                checkScheme(uri, mode, NOSEC_SCHEME);
                if (endpoint.credentials().isPresent()
                        || config.pskCredentials().isPresent()) {
                    throw new SecurityPolicyException(
                            account + ": Security Mode " + describe(mode) + " takes no credentials");
                }
                return;
            default:
                throw new SecurityPolicyException(account + ": Security Mode " + describe(mode)
                        + " is not supported; use Raw Public Key (1) or Certificate (2) mode");
        }
    }

    private static void checkPublicKeyAccount(ClientEndpointConfig endpoint, String account)
            throws SecurityPolicyException {
        SecurityMode mode = endpoint.securityMode();
        DtlsCredentials credentials = endpoint.credentials()
                .orElseThrow(() ->
                        new SecurityPolicyException(account + ": no credentials for Security Mode " + describe(mode)));
        if (credentials.securityMode() != mode) {
            throw new SecurityPolicyException(account + ": Security Mode " + describe(mode) + " but "
                    + describe(credentials.securityMode()) + " credentials");
        }
        if (mode == SecurityMode.RAW_PUBLIC_KEY && endpoint.rpkTrust().isEmpty()) {
            throw new SecurityPolicyException(account
                    + ": Raw Public Key mode needs the server's public key (Server Public Key, /0/x/4) as rpkTrust");
        }
        if (mode == SecurityMode.CERTIFICATE && endpoint.x509Trust().isEmpty()) {
            throw new SecurityPolicyException(account
                    + ": Certificate mode needs an x509Trust (trust store, Certificate Usage, Server Public Key)");
        }
        BootstrapSecurityPolicy.checkKey(credentials.publicKey(), account);
    }

    private static void checkScheme(URI uri, SecurityMode mode, String expected) throws SecurityPolicyException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!expected.equals(scheme)) {
            throw new SecurityPolicyException("management server URI " + uri + " is refused: Security Mode "
                    + describe(mode) + " requires " + expected + "://, not '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new SecurityPolicyException("management server URI " + uri + " has no host");
        }
    }

    private static String describe(SecurityMode mode) {
        return mode.code() + " (" + mode + ")";
    }
}
