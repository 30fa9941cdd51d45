/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.api.objects.InvalidObjectInstanceException;
import io.bootgate.api.objects.InvalidObjectInstanceException.Kind;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
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
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /** Read at each use: object definitions added at run time apply to later bootstraps. */
    private final Supplier<ObjectModelRegistry> models;

    private final KeyCodec keys;

    public ConsistencyChecker(ObjectModelRegistry models, KeyCodec keys) {
        this(fixed(models), keys);
    }

    public ConsistencyChecker(Supplier<ObjectModelRegistry> models, KeyCodec keys) {
        this.models = Objects.requireNonNull(models, "models");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** @return the violations, empty when the configuration is consistent */
    public List<String> check(TreeView tree) {
        List<String> reasons = new ArrayList<>();
        checkMandatoryResources(tree, reasons);

        List<Integer> bootstrapAccounts = new ArrayList<>();
        Map<Long, Integer> securityBySsid = new TreeMap<>();
        for (ObjectInstance raw : ResourceReader.instances(tree, Security.ID).values()) {
            LwM2mPath path = LwM2mPath.of(Security.ID, raw.id());
            Optional<SecurityInstance> security = read(raw, SecurityInstance::from, reasons);
            boolean bootstrap = security.map(SecurityInstance::bootstrapServer)
                    .orElseGet(() ->
                            ResourceReader.bool(raw, Security.BOOTSTRAP_SERVER).orElse(false));
            if (bootstrap) {
                bootstrapAccounts.add(raw.id());
                security.ifPresent(account -> checkBootstrapAccount(account, reasons));
                continue;
            }
            OptionalLong ssid = ssid(raw, Security.SHORT_SERVER_ID);
            if (ResourceReader.integer(raw, Security.SHORT_SERVER_ID).isEmpty()) {
                reasons.add(path + ": LwM2M Server account without Short Server ID (resource "
                        + Security.SHORT_SERVER_ID + ")");
            } else if (ssid.isPresent()) {
                Integer previous = securityBySsid.putIfAbsent(ssid.getAsLong(), raw.id());
                if (previous != null) {
                    reasons.add(path + ": Short Server ID " + ssid.getAsLong() + " is also used by /0/" + previous);
                }
            }
            security.ifPresent(account -> checkServerAccount(account, reasons));
        }
        if (bootstrapAccounts.size() > 1) {
            reasons.add("more than one Bootstrap-Server account: "
                    + bootstrapAccounts.stream().map(id -> "/0/" + id).toList() + " (at most one is allowed)");
        }

        Set<Long> serverSsids = new TreeSet<>();
        for (ObjectInstance raw : ResourceReader.instances(tree, Server.ID).values()) {
            LwM2mPath path = LwM2mPath.of(Server.ID, raw.id());
            read(raw, ServerInstance::from, reasons);
            // Paired even when another resource is wrong: that one is reported already, a missing pair would not be.
            OptionalLong ssid = ssid(raw, Server.SHORT_SERVER_ID);
            if (ssid.isEmpty()) {
                continue;
            }
            if (!serverSsids.add(ssid.getAsLong())) {
                reasons.add(
                        path + ": Short Server ID " + ssid.getAsLong() + " is used by more than one Server instance");
            } else if (!securityBySsid.containsKey(ssid.getAsLong())) {
                reasons.add(path + ": no Security instance has Short Server ID " + ssid.getAsLong());
            }
        }
        for (Map.Entry<Long, Integer> account : securityBySsid.entrySet()) {
            if (!serverSsids.contains(account.getKey())) {
                reasons.add(
                        "/0/" + account.getValue() + ": no Server instance has Short Server ID " + account.getKey());
            }
        }
        boolean anyAccount = securityBySsid.keySet().stream().anyMatch(serverSsids::contains);
        if (!anyAccount) {
            reasons.add("no LwM2M Server account: at least one Security instance with a Server instance of the"
                    + " same Short Server ID is required");
        }
        for (ObjectInstance raw :
                ResourceReader.instances(tree, AccessControl.ID).values()) {
            read(raw, AccessControlInstance::from, reasons);
        }
        return List.copyOf(reasons);
    }

    /**
     * Reads a typed instance, adding a reason for each resource that is of the wrong type or out of range. A
     * missing mandatory resource is not repeated: the mandatory-resource check reports it in its own words.
     */
    private static <T> Optional<T> read(ObjectInstance raw, Function<ObjectInstance, T> from, List<String> reasons) {
        try {
            return Optional.of(from.apply(raw));
        } catch (InvalidObjectInstanceException e) {
            e.problems().stream()
                    .filter(problem -> problem.kind() != Kind.MISSING)
                    .forEach(problem -> reasons.add(problem.toString()));
            return Optional.empty();
        }
    }

    /** A Short Server ID in 1..65534 (one outside is reported by the typed reading), else empty. */
    private static OptionalLong ssid(ObjectInstance raw, int resource) {
        OptionalLong ssid = ResourceReader.integer(raw, resource);
        return ssid.isPresent() && ssid.getAsLong() >= MIN_SSID && ssid.getAsLong() <= MAX_SSID
                ? ssid
                : OptionalLong.empty();
    }

    private void checkMandatoryResources(TreeView tree, List<String> reasons) {
        for (int objectId : new TreeSet<>(BOOTSTRAP_OBJECTS)) {
            Optional<ObjectModel> model = models.get().object(objectId);
            if (model.isEmpty()) {
                continue;
            }
            for (ObjectInstance instance :
                    ResourceReader.instances(tree, objectId).values()) {
                for (ResourceModel resource : model.get().resources().values()) {
                    // Executable resources carry no value and are never written: nothing to check.
                    if (resource.mandatory()
                            && resource.type() != ResourceType.NONE
                            && !instance.resources().containsKey(resource.id())) {
                        reasons.add(LwM2mPath.of(objectId, instance.id()) + ": mandatory resource " + resource.id()
                                + " (" + resource.name() + ") is missing");
                    }
                }
            }
        }
    }

    private void checkBootstrapAccount(SecurityInstance account, List<String> reasons) {
        Optional<URI> uri = uri(account, reasons);
        if (uri.isEmpty()) {
            return;
        }
        try {
            BootstrapSecurityPolicy.checkBootstrapAccount(uri.get(), account.securityMode());
        } catch (SecurityPolicyException e) {
            reasons.add(account.path() + ": " + e.getMessage());
            return;
        }
        checkCredentials(account, reasons);
    }

    private void checkServerAccount(SecurityInstance account, List<String> reasons) {
        Optional<URI> uri = uri(account, reasons);
        if (uri.isEmpty()) {
            return;
        }
        LwM2mPath path = account.path();
        SecurityMode mode = account.securityMode();
        String scheme =
                uri.get().getScheme() == null ? "" : uri.get().getScheme().toLowerCase(Locale.ROOT);
        boolean secure = mode != SecurityMode.NO_SEC;
        Set<String> expected = secure ? Set.of("coaps", "coaps+tcp") : Set.of("coap", "coap+tcp");
        if (!expected.contains(scheme)) {
            reasons.add(path + ": URI scheme '" + scheme + "' does not match Security Mode " + mode.code() + " (" + mode
                    + "): expected " + (secure ? "coaps" : "coap"));
        }
        if (uri.get().getHost() == null || uri.get().getHost().isEmpty()) {
            reasons.add(path + ": LwM2M Server URI has no host");
        }
        checkCredentials(account, reasons);
    }

    private static Optional<URI> uri(SecurityInstance account, List<String> reasons) {
        try {
            return Optional.of(new URI(account.serverUri()));
        } catch (URISyntaxException e) {
            reasons.add(account.path() + ": LwM2M Server URI is not a URI (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    /**
     * Parses the key material of the account the way a DTLS stack will, so that an account that would only
     * fail at the next handshake is refused at Finish, while the previous configuration still works.
     */
    private void checkCredentials(SecurityInstance security, List<String> reasons) {
        LwM2mPath path = security.path();
        SecurityMode mode = security.securityMode();
        boolean bootstrapAccount = security.bootstrapServer();
        byte[] own = security.publicKeyOrIdentity();
        byte[] peer = security.serverPublicKey();
        byte[] secret = security.secretKey();
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
                            .ifPresent(cert -> policyKey(
                                    cert.getPublicKey(),
                                    account + " client certificate",
                                    bootstrapAccount,
                                    path,
                                    reasons));
                }
                if (mode == SecurityMode.CERTIFICATE || secret.length > 0) {
                    parsePrivateKey(secret, path, reasons);
                }
                checkServerCertificate(security.effectiveCertificateUsage(), peer, path, reasons);
            }
            case NO_SEC -> {
                // Nothing to parse: the account is unprotected by definition (and refused for bootstrap).
            }
            default -> reasons.add(path + ": unsupported Security Mode " + mode);
        }
    }

    private void checkServerCertificate(CertificateUsage usage, byte[] peer, LwM2mPath path, List<String> reasons) {
        if (peer.length == 0) {
            if (usage != CertificateUsage.CA_CONSTRAINT) {
                reasons.add(path.append(Security.SERVER_PUBLIC_KEY) + ": Certificate Usage " + usage.code() + " ("
                        + usage + ") needs the server or trust anchor certificate, the resource is empty");
            }
            return;
        }
        parseCertificate(peer, path, Security.SERVER_PUBLIC_KEY, "server certificate", reasons);
    }

    private static void policyKey(
            PublicKey key, String whose, boolean bootstrapAccount, LwM2mPath path, List<String> reasons) {
        if (!bootstrapAccount) {
            return;
        }
        try {
            BootstrapSecurityPolicy.checkKey(key, whose);
        } catch (SecurityPolicyException e) {
            reasons.add(path + ": " + e.getMessage());
        }
    }

    private static void requireNonEmpty(byte[] value, LwM2mPath path, int resource, String what, List<String> reasons) {
        if (value.length == 0) {
            reasons.add(path.append(resource) + ": " + what + " is empty");
        }
    }

    private Optional<PublicKey> parsePublicKey(
            byte[] der, LwM2mPath path, int resource, String what, List<String> reasons) {
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

    private Optional<X509Certificate> parseCertificate(
            byte[] der, LwM2mPath path, int resource, String what, List<String> reasons) {
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

    private static Supplier<ObjectModelRegistry> fixed(ObjectModelRegistry models) {
        Objects.requireNonNull(models, "models");
        return () -> models;
    }
}
