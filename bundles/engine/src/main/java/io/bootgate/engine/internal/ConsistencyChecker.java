package io.bootgate.engine.internal;

import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.security.BootstrapSecurityPolicy;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.store.TreeView;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The consistency checks of Bootstrap-Finish (OMA LwM2M Core 1.1, 6.1.7.7 and 5.2.7.x), extended by
 * Bootgate's Bootstrap-interface policy. A configuration that fails any check is answered 4.06 and never
 * committed, so what the device had before (its Bootstrap-Server account included) stays in force.
 * <p>
 * Every violation is reported, not just the first, so that an operator fixes a configuration in one go.
 * Reasons name the path and the rule but never a key or other credential value.
 */
public final class ConsistencyChecker {

    /** The objects the Bootstrap interface manages; only their instances must carry every mandatory resource. */
    private static final Set<Integer> BOOTSTRAP_OBJECTS = Set.of(Security.ID, Server.ID, AccessControl.ID);

    private static final int MIN_SSID = 1;
    private static final int MAX_SSID = 65534;

    private final ObjectModelRegistry models;
    private final KeyCodec keys;

    public ConsistencyChecker(ObjectModelRegistry models, KeyCodec keys) {
        this.models = models;
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** @return the violations, empty when the configuration is consistent */
    public List<String> check(TreeView tree) {
        List<String> reasons = new ArrayList<>();
        checkMandatoryResources(tree, reasons);

        Map<Integer, ObjectInstance> securities = instances(tree, Security.ID);
        Map<Integer, ObjectInstance> servers = instances(tree, Server.ID);

        List<Integer> bootstrapAccounts = new ArrayList<>();
        Map<Long, Integer> securityBySsid = new TreeMap<>();
        for (ObjectInstance security : securities.values()) {
            LwM2mPath path = LwM2mPath.of(Security.ID, security.id());
            boolean bootstrap = bool(security, Security.BOOTSTRAP_SERVER).orElse(false);
            Optional<SecurityMode> mode = securityMode(security, path, reasons);
            if (bootstrap) {
                bootstrapAccounts.add(security.id());
                mode.ifPresent(m -> checkBootstrapAccount(security, path, m, reasons));
            } else {
                Optional<Long> ssid = integer(security, Security.SHORT_SERVER_ID);
                if (ssid.isEmpty()) {
                    reasons.add(path + ": LwM2M Server account without Short Server ID (resource "
                            + Security.SHORT_SERVER_ID + ")");
                } else if (checkSsid(path.append(Security.SHORT_SERVER_ID), ssid.get(), reasons)) {
                    Integer previous = securityBySsid.putIfAbsent(ssid.get(), security.id());
                    if (previous != null) {
                        reasons.add(path + ": Short Server ID " + ssid.get() + " is also used by /0/" + previous);
                    }
                }
                mode.ifPresent(m -> checkServerAccount(security, path, m, reasons));
            }
        }
        if (bootstrapAccounts.size() > 1) {
            reasons.add("more than one Bootstrap-Server account: "
                    + bootstrapAccounts.stream().map(id -> "/0/" + id).toList() + " (at most one is allowed)");
        }

        Set<Long> serverSsids = new TreeSet<>();
        for (ObjectInstance server : servers.values()) {
            LwM2mPath path = LwM2mPath.of(Server.ID, server.id());
            Optional<Long> ssid = integer(server, Server.SHORT_SERVER_ID);
            if (ssid.isEmpty() || !checkSsid(path.append(Server.SHORT_SERVER_ID), ssid.get(), reasons)) {
                continue;
            }
            if (!serverSsids.add(ssid.get())) {
                reasons.add(path + ": Short Server ID " + ssid.get() + " is used by more than one Server instance");
            } else if (!securityBySsid.containsKey(ssid.get())) {
                reasons.add(path + ": no Security instance has Short Server ID " + ssid.get());
            }
        }
        for (Map.Entry<Long, Integer> account : securityBySsid.entrySet()) {
            if (!serverSsids.contains(account.getKey())) {
                reasons.add("/0/" + account.getValue() + ": no Server instance has Short Server ID "
                        + account.getKey());
            }
        }
        boolean anyAccount = securityBySsid.keySet().stream().anyMatch(serverSsids::contains);
        if (!anyAccount) {
            reasons.add("no LwM2M Server account: at least one Security instance with a Server instance of the"
                    + " same Short Server ID is required");
        }
        return List.copyOf(reasons);
    }

    private void checkMandatoryResources(TreeView tree, List<String> reasons) {
        for (int objectId : new TreeSet<>(BOOTSTRAP_OBJECTS)) {
            Optional<ObjectModel> model = models.object(objectId);
            if (model.isEmpty()) {
                continue;
            }
            for (ObjectInstance instance : instances(tree, objectId).values()) {
                for (ResourceModel resource : model.get().resources().values()) {
                    // Executable resources carry no value and are never written: nothing to check.
                    if (resource.mandatory() && resource.type() != ResourceType.NONE
                            && !instance.resources().containsKey(resource.id())) {
                        reasons.add(LwM2mPath.of(objectId, instance.id()) + ": mandatory resource "
                                + resource.id() + " (" + resource.name() + ") is missing");
                    }
                }
            }
        }
    }

    private static boolean checkSsid(LwM2mPath path, long ssid, List<String> reasons) {
        if (ssid < MIN_SSID || ssid > MAX_SSID) {
            reasons.add(path + ": Short Server ID " + ssid + " is outside " + MIN_SSID + ".." + MAX_SSID);
            return false;
        }
        return true;
    }

    private static Optional<SecurityMode> securityMode(ObjectInstance security, LwM2mPath path,
            List<String> reasons) {
        Optional<Long> code = integer(security, Security.SECURITY_MODE);
        if (code.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SecurityMode.fromCode(code.get()));
        } catch (IllegalArgumentException e) {
            reasons.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void checkBootstrapAccount(ObjectInstance security, LwM2mPath path, SecurityMode mode,
            List<String> reasons) {
        Optional<URI> uri = uri(security, path, reasons);
        if (uri.isEmpty()) {
            return;
        }
        try {
            BootstrapSecurityPolicy.checkBootstrapAccount(uri.get(), mode);
        } catch (SecurityPolicyException e) {
            reasons.add(path + ": " + e.getMessage());
            return;
        }
        checkCredentials(security, path, mode, true, reasons);
    }

    private void checkServerAccount(ObjectInstance security, LwM2mPath path, SecurityMode mode,
            List<String> reasons) {
        Optional<URI> uri = uri(security, path, reasons);
        if (uri.isEmpty()) {
            return;
        }
        String scheme = uri.get().getScheme() == null ? "" : uri.get().getScheme().toLowerCase(Locale.ROOT);
        boolean secure = mode != SecurityMode.NO_SEC;
        Set<String> expected = secure ? Set.of("coaps", "coaps+tcp") : Set.of("coap", "coap+tcp");
        if (!expected.contains(scheme)) {
            reasons.add(path + ": URI scheme '" + scheme + "' does not match Security Mode " + mode.code() + " ("
                    + mode + "): expected " + (secure ? "coaps" : "coap"));
        }
        if (uri.get().getHost() == null || uri.get().getHost().isEmpty()) {
            reasons.add(path + ": LwM2M Server URI has no host");
        }
        checkCredentials(security, path, mode, false, reasons);
    }

    private static Optional<URI> uri(ObjectInstance security, LwM2mPath path, List<String> reasons) {
        Optional<String> text = string(security, Security.SERVER_URI);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.get()));
        } catch (URISyntaxException e) {
            reasons.add(path + ": LwM2M Server URI is not a URI (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    /**
     * Parses the key material of the account the way a DTLS stack will, so that an account that would only
     * fail at the next handshake is refused at Finish, while the previous configuration still works.
     */
    private void checkCredentials(ObjectInstance security, LwM2mPath path, SecurityMode mode,
            boolean bootstrapAccount, List<String> reasons) {
        byte[] own = opaque(security, Security.PUBLIC_KEY_OR_IDENTITY);
        byte[] peer = opaque(security, Security.SERVER_PUBLIC_KEY);
        byte[] secret = opaque(security, Security.SECRET_KEY);
        String account = bootstrapAccount ? "Bootstrap-Server account " + path : "LwM2M Server account " + path;
        switch (mode) {
            case PRE_SHARED_KEY -> {
                requireNonEmpty(own, path, Security.PUBLIC_KEY_OR_IDENTITY, "PSK identity", reasons);
                requireNonEmpty(secret, path, Security.SECRET_KEY, "pre-shared key", reasons);
            }
            case RAW_PUBLIC_KEY -> {
                parsePublicKey(own, path, Security.PUBLIC_KEY_OR_IDENTITY, "client public key", reasons)
                        .ifPresent(key -> policyKey(key, account + " client key", bootstrapAccount, path, reasons));
                parsePublicKey(peer, path, Security.SERVER_PUBLIC_KEY, "server public key", reasons)
                        .ifPresent(key -> policyKey(key, account + " server key", bootstrapAccount, path, reasons));
                parsePrivateKey(secret, path, reasons);
            }
            case CERTIFICATE, CERTIFICATE_WITH_EST -> {
                if (mode == SecurityMode.CERTIFICATE || own.length > 0) {
                    parseCertificate(own, path, Security.PUBLIC_KEY_OR_IDENTITY, "client certificate", reasons)
                            .ifPresent(cert -> policyKey(cert.getPublicKey(), account + " client certificate",
                                    bootstrapAccount, path, reasons));
                }
                if (mode == SecurityMode.CERTIFICATE || secret.length > 0) {
                    parsePrivateKey(secret, path, reasons);
                }
                checkServerCertificate(security, peer, path, reasons);
            }
            case NO_SEC -> {
                // Nothing to parse: the account is unprotected by definition (and refused for bootstrap).
            }
            default -> reasons.add(path + ": unsupported Security Mode " + mode);
        }
    }

    private void checkServerCertificate(ObjectInstance security, byte[] peer, LwM2mPath path,
            List<String> reasons) {
        CertificateUsage usage;
        try {
            usage = security.value(Security.CERTIFICATE_USAGE)
                    .map(v -> CertificateUsage.fromCode(numeric(v)))
                    .orElse(CertificateUsage.defaultUsage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            reasons.add(path.append(Security.CERTIFICATE_USAGE) + ": " + e.getMessage());
            return;
        }
        if (peer.length == 0) {
            if (usage != CertificateUsage.CA_CONSTRAINT) {
                reasons.add(path.append(Security.SERVER_PUBLIC_KEY) + ": Certificate Usage " + usage.code() + " ("
                        + usage + ") needs the server or trust anchor certificate, the resource is empty");
            }
            return;
        }
        parseCertificate(peer, path, Security.SERVER_PUBLIC_KEY, "server certificate", reasons);
    }

    private static void policyKey(PublicKey key, String whose, boolean bootstrapAccount, LwM2mPath path,
            List<String> reasons) {
        if (!bootstrapAccount) {
            return;
        }
        try {
            BootstrapSecurityPolicy.checkKey(key, whose);
        } catch (SecurityPolicyException e) {
            reasons.add(path + ": " + e.getMessage());
        }
    }

    private static void requireNonEmpty(byte[] value, LwM2mPath path, int resource, String what,
            List<String> reasons) {
        if (value.length == 0) {
            reasons.add(path.append(resource) + ": " + what + " is empty");
        }
    }

    private Optional<PublicKey> parsePublicKey(byte[] der, LwM2mPath path, int resource, String what,
            List<String> reasons) {
        if (der.length == 0) {
            reasons.add(path.append(resource) + ": " + what + " is empty");
            return Optional.empty();
        }
        try {
            return Optional.of(keys.publicKey(derOnly(der), what));
        } catch (KeyFormatException e) {
            reasons.add(path.append(resource) + ": " + what + ": " + e.reason());
            return Optional.empty();
        }
    }

    private void parsePrivateKey(byte[] der, LwM2mPath path, List<String> reasons) {
        if (der.length == 0) {
            reasons.add(path.append(Security.SECRET_KEY) + ": private key is empty");
            return;
        }
        try {
            keys.privateKey(derOnly(der), "private key");
        } catch (KeyFormatException e) {
            reasons.add(path.append(Security.SECRET_KEY) + ": private key: " + e.reason());
        }
    }

    private Optional<X509Certificate> parseCertificate(byte[] der, LwM2mPath path, int resource,
            String what, List<String> reasons) {
        if (der.length == 0) {
            reasons.add(path.append(resource) + ": " + what + " is empty");
            return Optional.empty();
        }
        try {
            List<X509Certificate> certificates = keys.certificates(derOnly(der), what);
            if (certificates.size() != 1) {
                reasons.add(path.append(resource) + ": " + what + " holds " + certificates.size()
                        + " certificates, expected one");
                return Optional.empty();
            }
            return Optional.of(certificates.get(0));
        } catch (KeyFormatException e) {
            reasons.add(path.append(resource) + ": " + what + ": " + e.reason());
            return Optional.empty();
        }
    }

    /** The Security object carries DER; PEM text in a resource is a provisioning mistake, not a key. */
    private byte[] derOnly(byte[] value) throws KeyFormatException {
        if (keys.isPem(value)) {
            throw new KeyFormatException("resource", "holds PEM text, the Security object carries DER");
        }
        return value;
    }

    static Map<Integer, ObjectInstance> instances(TreeView tree, int objectId) {
        return tree.object(objectId).map(LwM2mObject::instances).map(m -> (Map<Integer, ObjectInstance>) m)
                .orElse(Map.of());
    }

    static Optional<Boolean> bool(ObjectInstance instance, int resource) {
        return instance.value(resource).filter(v -> v.type() == ResourceType.BOOLEAN)
                .map(ResourceValue::booleanValue);
    }

    /** An integer resource; unsigned values are accepted too, because writers differ in the type they use. */
    static Optional<Long> integer(ObjectInstance instance, int resource) {
        return instance.value(resource).flatMap(v -> {
            try {
                return Optional.of(numeric(v));
            } catch (IllegalStateException | ArithmeticException e) {
                return Optional.empty();
            }
        });
    }

    static long numeric(ResourceValue value) {
        return value.type() == ResourceType.UNSIGNED_INTEGER ? value.unsignedValue().longValueExact()
                : value.longValue();
    }

    static Optional<String> string(ObjectInstance instance, int resource) {
        return instance.value(resource).filter(v -> v.type() == ResourceType.STRING).map(ResourceValue::stringValue);
    }

    static byte[] opaque(ObjectInstance instance, int resource) {
        return instance.value(resource).filter(v -> v.type() == ResourceType.OPAQUE).map(ResourceValue::opaqueValue)
                .orElse(new byte[0]);
    }
}
