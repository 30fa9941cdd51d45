/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal.account;

import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.X509Peer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The engine's {@link BootstrapServerAccount}: a device's Bootstrap-Server account, checked against the Bootstrap-interface security policy: the server
 * URI, the Security Mode (Raw Public Key or Certificate only), the trust in the server and, when the Security
 * instance holds them, the device's own credentials. Immutable.
 * <p>
 * <b>Where it comes from.</b> {@link #resolve} reads the device's Security object first: the instance whose
 * Bootstrap-Server resource (/0/x/1) is true is the account, as the LwM2M client uses it, and a bootstrap
 * server may rewrite it. Only a device without such an instance is configured by its mode properties
 * ({@value ModeProperties#SERVER_URI} and the other {@code server.*} keys of {@link ModeProperties}). Two
 * properties complete a stored X.509 account, because the Security object cannot carry them:
 * {@value ModeProperties#SERVER_TRUST_ANCHORS} (the trust store that Certificate Usage 0 and 1 validate
 * against) and {@value ModeProperties#SERVER_NAME} (used when /0/x/14 SNI is absent).
 */
public final class DeviceBootstrapServerAccount implements BootstrapServerAccount {

    private static final String URI_PROPERTY = ModeProperties.SERVER_URI;
    private static final String SECURITY_MODE_PROPERTY = ModeProperties.SERVER_SECURITY_MODE;
    private static final String PUBLIC_KEY_PROPERTY = ModeProperties.SERVER_PUBLIC_KEY;
    private static final String CERTIFICATE_PROPERTY = ModeProperties.SERVER_CERTIFICATE;
    private static final String CERTIFICATE_USAGE_PROPERTY = ModeProperties.SERVER_CERTIFICATE_USAGE;
    private static final String TRUST_ANCHORS_PROPERTY = ModeProperties.SERVER_TRUST_ANCHORS;
    private static final String SERVER_NAME_PROPERTY = ModeProperties.SERVER_NAME;

    private final String endpoint;
    private final URI uri;
    private final SecurityMode securityMode;
    private final OptionalInt securityInstance;
    private final PublicKey serverPublicKey;
    private final X509Trust x509Trust;
    private final DtlsCredentials storedCredentials;
    private final Duration clientHoldOffTime;
    private final Duration accountTimeout;

    private DeviceBootstrapServerAccount(
            String endpoint,
            URI uri,
            SecurityMode securityMode,
            OptionalInt securityInstance,
            PublicKey serverPublicKey,
            X509Trust x509Trust,
            DtlsCredentials storedCredentials,
            Duration clientHoldOffTime,
            Duration accountTimeout) {
        this.endpoint = endpoint;
        this.uri = uri;
        this.securityMode = securityMode;
        this.securityInstance = securityInstance;
        this.serverPublicKey = serverPublicKey;
        this.x509Trust = x509Trust;
        this.storedCredentials = storedCredentials;
        this.clientHoldOffTime = clientHoldOffTime;
        this.accountTimeout = accountTimeout;
    }

    /**
     * The device's Bootstrap-Server account: its Security instance with Bootstrap-Server = true, else the mode
     * properties.
     *
     * @param tree the device's tree (an attempt's transaction)
     * @param properties the mode properties of the device
     * @param keys the key service that reads the account's keys and certificates; empty when no DTLS bundle
     *            is active, which makes a present account unusable
     * @return empty when the device has neither a Bootstrap-Server account nor a {@value #URI_PROPERTY}
     * @throws InvalidBootstrapAccountException when the account is incomplete, unreadable, ambiguous or refused
     *             by the security policy
     */
    public static Optional<BootstrapServerAccount> resolve(TreeView tree, Map<String, String> properties, KeyCodec keys)
            throws InvalidBootstrapAccountException {
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(keys, "keys");
        List<ObjectInstance> accounts = new ArrayList<>();
        tree.object(Security.ID).ifPresent(object -> object.instances().values().stream()
                .filter(instance -> instance.value(Security.BOOTSTRAP_SERVER)
                        .filter(v -> v.type() == ResourceType.BOOLEAN && v.booleanValue())
                        .isPresent())
                .forEach(accounts::add));
        if (accounts.size() > 1) {
            throw new InvalidBootstrapAccountException("device " + tree.endpoint() + " has " + accounts.size()
                    + " Bootstrap-Server accounts ("
                    + accounts.stream().map(i -> "/0/" + i.id()).toList()
                    + "); LwM2M allows at most one");
        }
        if (accounts.size() == 1) {
            return Optional.of(fromSecurityInstance(tree.endpoint(), accounts.get(0), properties, keys));
        }
        if (properties.containsKey(URI_PROPERTY)) {
            return Optional.of(fromProperties(tree.endpoint(), properties, keys));
        }
        return Optional.empty();
    }

    private static DeviceBootstrapServerAccount fromSecurityInstance(
            String endpoint, ObjectInstance instance, Map<String, String> properties, KeyCodec keys)
            throws InvalidBootstrapAccountException {
        String where = "device " + endpoint + ", Bootstrap-Server account /0/" + instance.id();
        URI uri = parseUri(string(instance, Security.SERVER_URI, where), where + "/" + Security.SERVER_URI);
        SecurityMode mode =
                securityMode(integer(instance, Security.SECURITY_MODE, where), where + "/" + Security.SECURITY_MODE);
        checkPolicy(uri, mode, where);
        try {
            Duration holdOff = instance.value(Security.CLIENT_HOLD_OFF_TIME)
                    .filter(v -> v.type() == ResourceType.INTEGER || v.type() == ResourceType.UNSIGNED_INTEGER)
                    .map(v -> Duration.ofSeconds(Math.max(0, v.longValue())))
                    .orElse(null);
            Duration timeout = instance.value(Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT)
                    .filter(v -> v.type() == ResourceType.INTEGER || v.type() == ResourceType.UNSIGNED_INTEGER)
                    .filter(v -> v.longValue() > 0)
                    .map(v -> Duration.ofSeconds(v.longValue()))
                    .orElse(null);
            if (mode == SecurityMode.RAW_PUBLIC_KEY) {
                PublicKey serverKey = keys.publicKey(
                        opaque(instance, Security.SERVER_PUBLIC_KEY, where),
                        where + "/" + Security.SERVER_PUBLIC_KEY + " (Server Public Key)");
                DtlsCredentials credentials = null;
                if (hasOpaque(instance, Security.PUBLIC_KEY_OR_IDENTITY) && hasOpaque(instance, Security.SECRET_KEY)) {
                    PublicKey own = keys.publicKey(
                            opaque(instance, Security.PUBLIC_KEY_OR_IDENTITY, where),
                            where + "/" + Security.PUBLIC_KEY_OR_IDENTITY + " (Public Key or Identity)");
                    PrivateKey secret = keys.privateKey(
                            opaque(instance, Security.SECRET_KEY, where),
                            where + "/" + Security.SECRET_KEY + " (Secret Key)");
                    credentials = new RpkCredentials(new KeyPair(own, secret));
                }
                return new DeviceBootstrapServerAccount(
                        endpoint,
                        uri,
                        mode,
                        OptionalInt.of(instance.id()),
                        serverKey,
                        null,
                        credentials,
                        holdOff,
                        timeout);
            }
            X509Certificate serverCertificate = certificate(
                    keys,
                    opaque(instance, Security.SERVER_PUBLIC_KEY, where),
                    where + "/" + Security.SERVER_PUBLIC_KEY + " (Server Public Key)");
            CertificateUsage usage = instance.value(Security.CERTIFICATE_USAGE)
                    .map(DeviceBootstrapServerAccount::certificateUsage)
                    .orElse(CertificateUsage.defaultUsage());
            Optional<String> serverName = instance.value(Security.SNI)
                    .filter(v ->
                            v.type() == ResourceType.STRING && !v.stringValue().isBlank())
                    .map(ResourceValue::stringValue)
                    .or(() -> Optional.ofNullable(properties.get(SERVER_NAME_PROPERTY)));
            X509Trust trust = x509Trust(usage, serverCertificate, anchors(properties, where, keys), serverName, where);
            DtlsCredentials credentials = null;
            if (hasOpaque(instance, Security.PUBLIC_KEY_OR_IDENTITY) && hasOpaque(instance, Security.SECRET_KEY)) {
                X509Certificate own = certificate(
                        keys,
                        opaque(instance, Security.PUBLIC_KEY_OR_IDENTITY, where),
                        where + "/" + Security.PUBLIC_KEY_OR_IDENTITY + " (Public Key or Identity)");
                PrivateKey secret = keys.privateKey(
                        opaque(instance, Security.SECRET_KEY, where),
                        where + "/" + Security.SECRET_KEY + " (Secret Key)");
                credentials = new X509Credentials(secret, List.of(own));
            }
            return new DeviceBootstrapServerAccount(
                    endpoint, uri, mode, OptionalInt.of(instance.id()), null, trust, credentials, holdOff, timeout);
        } catch (KeyFormatException e) {
            throw new InvalidBootstrapAccountException(e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // Values of an unexpected type or range (e.g. a Certificate Usage of 7) end up here.
            throw new InvalidBootstrapAccountException(where + ": " + e.getMessage(), e);
        }
    }

    private static DeviceBootstrapServerAccount fromProperties(
            String endpoint, Map<String, String> properties, KeyCodec keys) throws InvalidBootstrapAccountException {
        String where = "device " + endpoint + ", mode properties";
        URI uri = parseUri(properties.get(URI_PROPERTY), where + " " + URI_PROPERTY);
        String modeText = properties.get(SECURITY_MODE_PROPERTY);
        if (modeText == null || modeText.isBlank()) {
            throw new InvalidBootstrapAccountException(
                    where + ": " + SECURITY_MODE_PROPERTY + " is missing (1 or RPK, 2 or X509)");
        }
        SecurityMode mode = parseSecurityMode(modeText.strip(), where + " " + SECURITY_MODE_PROPERTY);
        checkPolicy(uri, mode, where);
        try {
            if (mode == SecurityMode.RAW_PUBLIC_KEY) {
                PublicKey serverKey = keys.publicKey(
                        required(properties, PUBLIC_KEY_PROPERTY, where), where + " " + PUBLIC_KEY_PROPERTY);
                return new DeviceBootstrapServerAccount(
                        endpoint, uri, mode, OptionalInt.empty(), serverKey, null, null, null, null);
            }
            List<X509Certificate> certificates = keys.certificates(
                    required(properties, CERTIFICATE_PROPERTY, where), where + " " + CERTIFICATE_PROPERTY);
            if (certificates.size() != 1) {
                throw new InvalidBootstrapAccountException(where + ": " + CERTIFICATE_PROPERTY + " holds "
                        + certificates.size() + " certificates, expected one");
            }
            CertificateUsage usage = properties.containsKey(CERTIFICATE_USAGE_PROPERTY)
                    ? parseUsage(properties.get(CERTIFICATE_USAGE_PROPERTY), where)
                    : CertificateUsage.defaultUsage();
            X509Trust trust = x509Trust(
                    usage,
                    certificates.get(0),
                    anchors(properties, where, keys),
                    Optional.ofNullable(properties.get(SERVER_NAME_PROPERTY)),
                    where);
            return new DeviceBootstrapServerAccount(
                    endpoint, uri, mode, OptionalInt.empty(), null, trust, null, null, null);
        } catch (KeyFormatException e) {
            throw new InvalidBootstrapAccountException(e.getMessage(), e);
        }
    }

    /** The device's endpoint name. */
    @Override
    public String endpoint() {
        return endpoint;
    }

    /** The bootstrap server URI ({@code coaps://...}). */
    @Override
    public URI uri() {
        return uri;
    }

    /** {@link SecurityMode#RAW_PUBLIC_KEY} or {@link SecurityMode#CERTIFICATE}: the policy allows no other. */
    @Override
    public SecurityMode securityMode() {
        return securityMode;
    }

    /** The Security instance the account was read from; empty when it came from the mode properties. */
    @Override
    public OptionalInt securityInstance() {
        return securityInstance;
    }

    /** The Client Hold Off Time (/0/x/11), when the Security instance has one. */
    @Override
    public Optional<Duration> clientHoldOffTime() {
        return Optional.ofNullable(clientHoldOffTime);
    }

    @Override
    public Optional<Duration> accountTimeout() {
        return Optional.ofNullable(accountTimeout);
    }

    /** Raw Public Key mode: the server's key (/0/x/4). */
    @Override
    public Optional<PublicKey> serverPublicKey() {
        return Optional.ofNullable(serverPublicKey);
    }

    /** Certificate mode: how the server's chain is validated. */
    @Override
    public Optional<X509Trust> x509Trust() {
        return Optional.ofNullable(x509Trust);
    }

    /** The device's credentials held in the Security instance (/0/x/3 with /0/x/5), if both are there. */
    @Override
    public Optional<DtlsCredentials> storedCredentials() {
        return Optional.ofNullable(storedCredentials);
    }

    /**
     * The credentials the device authenticates with towards {@code account}'s server: the configured ones when
     * given (the device's configuration is what the operator provisioned), else those stored in the Security
     * instance.
     *
     * @throws InvalidBootstrapAccountException when there are none, or they are not of the account's mode
     */
    public static DtlsCredentials credentials(BootstrapServerAccount account, Optional<DtlsCredentials> configured)
            throws InvalidBootstrapAccountException {
        SecurityMode securityMode = account.securityMode();
        DtlsCredentials credentials = configured
                .or(account::storedCredentials)
                .orElseThrow(() -> new InvalidBootstrapAccountException("device " + account.endpoint()
                        + ", bootstrap account "
                        + account.source() + ": no device credentials (neither configured nor in /0/x/3 and /0/x/5)"
                        + " for Security Mode " + describe(securityMode)));
        if (credentials.securityMode() != securityMode) {
            throw new InvalidBootstrapAccountException("device " + account.endpoint() + ", bootstrap account "
                    + account.source() + " uses Security Mode " + describe(securityMode)
                    + " but the device's credentials are " + describe(credentials.securityMode()));
        }
        return credentials;
    }

    /**
     * A client endpoint towards {@code account}'s server: URI, mode, credentials and trust set; handler and
     * timeouts not.
     */
    public static ClientEndpointConfig.Builder clientEndpoint(
            BootstrapServerAccount account, DtlsCredentials credentials) {
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.builder(account.uri(), account.securityMode())
                .credentials(credentials);
        account.serverPublicKey().ifPresent(key -> builder.rpkTrust(RpkTrust.of(key)));
        account.x509Trust().ifPresent(builder::x509Trust);
        return builder;
    }

    /**
     * Whether an authenticated DTLS peer is this bootstrap server: in Raw Public Key mode its key is the Server
     * Public Key; in Certificate mode its end-entity certificate is the one of /0/x/4 (Certificate Usage 1 and
     * 3, which pin it), or (usage 0 and 2, where /0/x/4 is a CA) its certificate names the server (the
     * expected server name or the URI host, as subject CN or subject alternative name).
     */
    @Override
    public boolean isServer(PeerIdentity peer) {
        if (peer instanceof RpkPeer rpk) {
            return securityMode == SecurityMode.RAW_PUBLIC_KEY && RpkTrust.sameKey(serverPublicKey, rpk.publicKey());
        }
        X509Peer x509 = (X509Peer) peer;
        if (securityMode != SecurityMode.CERTIFICATE) {
            return false;
        }
        X509Certificate pinned = x509Trust.certificateResource().orElse(null);
        if (x509Trust.usage() == CertificateUsage.SERVICE_CERTIFICATE_CONSTRAINT
                || x509Trust.usage() == CertificateUsage.DOMAIN_ISSUED_CERTIFICATE) {
            return pinned != null && sameCertificate(pinned, x509.certificate());
        }
        String name =
                x509Trust.expectedServerName().orElseGet(() -> uri.getHost().toLowerCase(Locale.ROOT));
        return x509.commonName().map(cn -> cn.equalsIgnoreCase(name)).orElse(false)
                || x509.subjectAltNames().stream().anyMatch(san -> sameName(san, name));
    }

    /** The server identity this account expects, for logs. */
    @Override
    public String describeServer() {
        if (serverPublicKey != null) {
            return "RPK sha256:" + PeerIdentity.fingerprint(serverPublicKey);
        }
        return "X.509 usage " + x509Trust.usage().code() + " ("
                + x509Trust
                        .certificateResource()
                        .map(c -> c.getSubjectX500Principal().getName())
                        .orElse("-") + ")";
    }

    @Override
    public String toString() {
        return "BootstrapServerAccount[" + endpoint + ", " + uri + ", " + describe(securityMode) + ", from " + source()
                + ", server " + describeServer() + "]";
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            // A certificate that cannot be encoded cannot be the pinned one.
            return false;
        }
    }

    private static boolean sameName(String san, String name) {
        if (san.equalsIgnoreCase(name)) {
            return true;
        }
        // IP addresses may be written differently (e.g. IPv6 compression): compare them as addresses.
        if (looksLikeIp(san) && looksLikeIp(name)) {
            try {
                return InetAddress.getByName(san).equals(InetAddress.getByName(name));
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean looksLikeIp(String text) {
        return text.indexOf(':') >= 0 || text.matches("[0-9.]+");
    }

    private static X509Trust x509Trust(
            CertificateUsage usage,
            X509Certificate certificate,
            List<X509Certificate> anchors,
            Optional<String> serverName,
            String where)
            throws InvalidBootstrapAccountException {
        try {
            X509Trust trust = new X509Trust(anchors, usage, Optional.of(certificate), Optional.empty());
            return serverName
                    .filter(name -> !name.isBlank())
                    .map(trust::withServerName)
                    .orElse(trust);
        } catch (IllegalArgumentException e) {
            throw new InvalidBootstrapAccountException(
                    where + ": " + e.getMessage() + (anchors.isEmpty() ? " (set " + TRUST_ANCHORS_PROPERTY + ")" : ""),
                    e);
        }
    }

    /** The one certificate of a resource's bytes (PEM or DER). */
    private static X509Certificate certificate(KeyCodec keys, byte[] pemOrDer, String what)
            throws KeyFormatException, InvalidBootstrapAccountException {
        List<X509Certificate> certificates = keys.certificates(pemOrDer, what);
        if (certificates.size() != 1) {
            throw new InvalidBootstrapAccountException(
                    what + " holds " + certificates.size() + " certificates, expected one");
        }
        return certificates.get(0);
    }

    private static List<X509Certificate> anchors(Map<String, String> properties, String where, KeyCodec keys)
            throws KeyFormatException {
        String text = properties.get(TRUST_ANCHORS_PROPERTY);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return keys.certificates(text, where + " " + TRUST_ANCHORS_PROPERTY);
    }

    private static void checkPolicy(URI uri, SecurityMode mode, String where) throws InvalidBootstrapAccountException {
        try {
            BootstrapSecurityPolicy.checkBootstrapAccount(uri, mode);
        } catch (SecurityPolicyException e) {
            throw new InvalidBootstrapAccountException(where + ": " + e.getMessage(), e);
        }
    }

    private static URI parseUri(String text, String what) throws InvalidBootstrapAccountException {
        if (text == null || text.isBlank()) {
            throw new InvalidBootstrapAccountException(what + ": the bootstrap server URI is missing");
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidBootstrapAccountException(what + ": '" + text + "' is not a URI: " + e.getReason(), e);
        }
    }

    private static SecurityMode parseSecurityMode(String text, String what) throws InvalidBootstrapAccountException {
        switch (text.toUpperCase(Locale.ROOT)) {
            case "RPK":
            case "RAW_PUBLIC_KEY":
                return SecurityMode.RAW_PUBLIC_KEY;
            case "X509":
            case "X.509":
            case "CERTIFICATE":
                return SecurityMode.CERTIFICATE;
            case "PSK":
            case "PRE_SHARED_KEY":
                return SecurityMode.PRE_SHARED_KEY;
            case "NOSEC":
            case "NO_SEC":
                return SecurityMode.NO_SEC;
            default:
                try {
                    return securityMode(Long.parseLong(text), what);
                } catch (NumberFormatException e) {
                    throw new InvalidBootstrapAccountException(
                            what + ": '" + text + "' is not a Security Mode (1 or RPK, 2 or X509)", e);
                }
        }
    }

    private static SecurityMode securityMode(long code, String what) throws InvalidBootstrapAccountException {
        try {
            return SecurityMode.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidBootstrapAccountException(what + ": " + e.getMessage(), e);
        }
    }

    private static CertificateUsage parseUsage(String text, String where) throws InvalidBootstrapAccountException {
        try {
            return CertificateUsage.fromCode(Long.parseLong(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidBootstrapAccountException(
                    where + " " + CERTIFICATE_USAGE_PROPERTY + ": '" + text + "' is not a Certificate Usage (0..3)", e);
        }
    }

    private static CertificateUsage certificateUsage(ResourceValue value) {
        long code;
        if (value.type() == ResourceType.UNSIGNED_INTEGER) {
            BigInteger unsigned = value.unsignedValue();
            code = unsigned.bitLength() < Long.SIZE - 1 ? unsigned.longValue() : Long.MAX_VALUE;
        } else {
            code = value.longValue();
        }
        try {
            return CertificateUsage.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("/" + Security.CERTIFICATE_USAGE + ": " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> properties, String key, String where)
            throws InvalidBootstrapAccountException {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidBootstrapAccountException(where + ": " + key + " is missing");
        }
        return value;
    }

    private static String string(ObjectInstance instance, int resource, String where)
            throws InvalidBootstrapAccountException {
        ResourceValue value = instance.value(resource).orElseThrow(() -> missing(where, resource));
        if (value.type() != ResourceType.STRING) {
            throw new InvalidBootstrapAccountException(
                    where + "/" + resource + " is " + value.type() + ", expected STRING");
        }
        return value.stringValue();
    }

    private static long integer(ObjectInstance instance, int resource, String where)
            throws InvalidBootstrapAccountException {
        ResourceValue value = instance.value(resource).orElseThrow(() -> missing(where, resource));
        if (value.type() != ResourceType.INTEGER && value.type() != ResourceType.UNSIGNED_INTEGER) {
            throw new InvalidBootstrapAccountException(
                    where + "/" + resource + " is " + value.type() + ", expected INTEGER");
        }
        try {
            return value.longValue();
        } catch (ArithmeticException e) {
            throw new InvalidBootstrapAccountException(where + "/" + resource + " is out of range", e);
        }
    }

    private static boolean hasOpaque(ObjectInstance instance, int resource) {
        return instance.value(resource)
                .filter(v -> v.type() == ResourceType.OPAQUE && v.opaqueValue().length > 0)
                .isPresent();
    }

    private static byte[] opaque(ObjectInstance instance, int resource, String where)
            throws InvalidBootstrapAccountException {
        ResourceValue value = instance.value(resource).orElseThrow(() -> missing(where, resource));
        if (value.type() != ResourceType.OPAQUE || value.opaqueValue().length == 0) {
            throw new InvalidBootstrapAccountException(where + "/" + resource + " is empty or not OPAQUE");
        }
        return value.opaqueValue();
    }

    private static InvalidBootstrapAccountException missing(String where, int resource) {
        return new InvalidBootstrapAccountException(where + "/" + resource + " is missing");
    }

    private static String describe(SecurityMode mode) {
        return mode.code() + " (" + mode + ")";
    }
}
