/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.ResourceReader;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
import io.bootgate.api.security.ClientEndpointConfig;
import io.bootgate.api.security.ManagementClientConfig;
import io.bootgate.api.security.PskCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.RpkTrust;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.api.security.X509Trust;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.transport.CoapRequestHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One LwM2M Server account of a device: its Security instance (Bootstrap-Server false) and the Server instance
 * of the same Short Server ID, with the registration settings read from /1/x/1, 5, 7 and 13-20 (defaults of
 * Core 1.1 Table 6.2.1.1-1 where absent). Immutable.
 *
 * @param endpoint the device
 * @param security the Security instance (holds the credentials; never logged but as its record's summary)
 * @param server the Server instance
 */
record ManagementAccount(String endpoint, SecurityInstance security, ServerInstance server) {

    /** Core 1.1 Table 6.2.1.1-1 and the Server object's defaults. */
    static final long DEFAULT_DISABLE_TIMEOUT = 86_400;

    static final long DEFAULT_RETRY_COUNT = 5;
    static final long DEFAULT_RETRY_TIMER = 60;
    static final long DEFAULT_SEQUENCE_DELAY = 86_400;
    static final long DEFAULT_SEQUENCE_RETRY_COUNT = 1;

    ManagementAccount {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(server, "server");
    }

    int ssid() {
        return server.shortServerId();
    }

    URI uri() {
        try {
            return new URI(security.serverUri());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "device " + endpoint + ", /0/" + security.instanceId() + "/0 (LwM2M Server URI) is not a URI: "
                            + e.getMessage(),
                    e);
        }
    }

    /** A URI for events and logs even when /0/x/0 is malformed. */
    URI uriForEvents() {
        try {
            return uri();
        } catch (IllegalArgumentException e) {
            return URI.create("invalid:/0/" + security.instanceId());
        }
    }

    long lifetime() {
        return server.lifetime();
    }

    String binding() {
        return server.binding();
    }

    Duration disableTimeout() {
        return Duration.ofSeconds(server.disableTimeout().orElse(DEFAULT_DISABLE_TIMEOUT));
    }

    long retryCount() {
        return Math.max(1, server.communicationRetryCount().orElse(DEFAULT_RETRY_COUNT));
    }

    Duration retryTimer() {
        return Duration.ofSeconds(Math.max(1, server.communicationRetryTimer().orElse(DEFAULT_RETRY_TIMER)));
    }

    Duration sequenceDelay() {
        return Duration.ofSeconds(server.communicationSequenceDelayTimer().orElse(DEFAULT_SEQUENCE_DELAY));
    }

    long sequenceRetryCount() {
        return Math.max(1, server.communicationSequenceRetryCount().orElse(DEFAULT_SEQUENCE_RETRY_COUNT));
    }

    /** /1/x/16 Bootstrap on Registration Failure, default true. */
    boolean bootstrapOnRegistrationFailure() {
        return ResourceReader.bool(server.toObjectInstance(), Server.BOOTSTRAP_ON_REGISTRATION_FAILURE)
                .orElse(true);
    }

    /** /1/x/13 Registration Priority Order; empty: the server registers independently of the others. */
    OptionalLong priorityOrder() {
        return ResourceReader.integer(server.toObjectInstance(), Server.REGISTRATION_PRIORITY_ORDER);
    }

    /** /1/x/15 Registration Failure Block, default false: whether a failure here stops the servers ordered after. */
    boolean registrationFailureBlock() {
        return ResourceReader.bool(server.toObjectInstance(), Server.REGISTRATION_FAILURE_BLOCK)
                .orElse(false);
    }

    /** /1/x/14 Initial Registration Delay Timer, default 0. */
    Duration initialRegistrationDelay() {
        ObjectInstance instance = server.toObjectInstance();
        return Duration.ofSeconds(Math.max(
                0,
                ResourceReader.integer(instance, Server.INITIAL_REGISTRATION_DELAY_TIMER)
                        .orElse(0)));
    }

    /**
     * Whether a change from {@code previous} needs a new DTLS session and Register (URI, mode or keys changed),
     * rather than an Update.
     */
    boolean sameConnection(ManagementAccount previous) {
        return previous != null && security.equals(previous.security);
    }

    /**
     * The client endpoint towards this server: URI, Security Mode, the device's credentials (/0/x/3, /0/x/5)
     * and the trust in the server (/0/x/4, /0/x/15, /0/x/14), read through the key service.
     *
     * @throws InvalidAccountException naming the resource that cannot be read
     */
    ManagementClientConfig clientConfig(KeyCodec keys, CoapRequestHandler handler, Duration requestTimeout)
            throws InvalidAccountException {
        String where = "device " + endpoint + ", server account /0/" + security.instanceId() + " (ssid " + ssid() + ")";
        URI uri;
        try {
            uri = uri();
        } catch (IllegalArgumentException e) {
            throw new InvalidAccountException(e.getMessage(), e);
        }
        SecurityMode mode = security.securityMode();
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.builder(uri, mode)
                .handler(handler)
                .deviceName(endpoint)
                .requestTimeout(requestTimeout);
        try {
            switch (mode) {
                case RAW_PUBLIC_KEY -> {
                    PublicKey serverKey = keys.publicKey(security.serverPublicKey(), where + "/4 (Server Public Key)");
                    PublicKey own =
                            keys.publicKey(security.publicKeyOrIdentity(), where + "/3 (Public Key or Identity)");
                    PrivateKey secret = keys.privateKey(security.secretKey(), where + "/5 (Secret Key)");
                    builder.credentials(new RpkCredentials(new KeyPair(own, secret)))
                            .rpkTrust(RpkTrust.of(serverKey));
                    return ManagementClientConfig.of(builder.build());
                }
                case CERTIFICATE -> {
                    X509Certificate serverCertificate = keys.certificates(
                                    security.serverPublicKey(), where + "/4 (Server Public Key)")
                            .get(0);
                    List<X509Certificate> own =
                            keys.certificates(security.publicKeyOrIdentity(), where + "/3 (Public Key or Identity)");
                    PrivateKey secret = keys.privateKey(security.secretKey(), where + "/5 (Secret Key)");
                    builder.credentials(new X509Credentials(secret, own)).x509Trust(trust(serverCertificate));
                    return ManagementClientConfig.of(builder.build());
                }
                case PRE_SHARED_KEY -> {
                    return ManagementClientConfig.of(
                            builder.build(), new PskCredentials(security.publicKeyOrIdentity(), security.secretKey()));
                }
                case NO_SEC -> {
                    return ManagementClientConfig.of(builder.build());
                }
                default -> throw new InvalidAccountException(
                        where + ": Security Mode " + mode + " is not supported towards management servers");
            }
        } catch (KeyFormatException e) {
            throw new InvalidAccountException(e.getMessage(), e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidAccountException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The trust in the server's certificate (/0/x/4) per its Certificate Usage. The Security object carries no
     * trust store, so for usages 0 and 1 the given certificate is the anchor as well.
     */
    private X509Trust trust(X509Certificate certificate) {
        CertificateUsage usage = security.effectiveCertificateUsage();
        X509Trust trust =
                switch (usage) {
                    case CA_CONSTRAINT -> X509Trust.caConstraint(List.of(certificate), certificate);
                    case SERVICE_CERTIFICATE_CONSTRAINT -> X509Trust.serviceCertificateConstraint(
                            List.of(certificate), certificate);
                    case TRUST_ANCHOR_ASSERTION -> X509Trust.trustAnchorAssertion(certificate);
                    case DOMAIN_ISSUED_CERTIFICATE -> X509Trust.domainIssuedCertificate(certificate);
                };
        return security.sni()
                .filter(name -> !name.isBlank())
                .map(trust::withServerName)
                .orElse(trust);
    }

    /**
     * The device's management accounts keyed by Short Server ID: every readable Security instance with
     * Bootstrap-Server false paired with the readable Server instance of the same SSID. Instances that cannot be
     * read, or that have no partner, are reported in {@code problems}.
     */
    static Map<Integer, ManagementAccount> of(TreeView tree, List<String> problems) {
        Map<Integer, ServerInstance> servers = new HashMap<>();
        for (ObjectInstance instance : ResourceReader.instances(tree, Server.ID).values()) {
            try {
                ServerInstance server = ServerInstance.from(instance);
                servers.put(server.shortServerId(), server);
            } catch (IllegalArgumentException e) {
                problems.add("/1/" + instance.id() + ": " + e.getMessage());
            }
        }
        Map<Integer, ManagementAccount> accounts = new HashMap<>();
        List<Integer> unpaired = new ArrayList<>(servers.keySet());
        for (ObjectInstance instance : ResourceReader.instances(tree, io.bootgate.api.model.StandardObjects.Security.ID)
                .values()) {
            SecurityInstance security;
            try {
                security = SecurityInstance.from(instance);
            } catch (IllegalArgumentException e) {
                problems.add("/0/" + instance.id() + ": " + e.getMessage());
                continue;
            }
            if (security.bootstrapServer()) {
                continue;
            }
            if (security.shortServerId().isEmpty()) {
                problems.add("/0/" + instance.id() + " has no Short Server ID (/0/x/10)");
                continue;
            }
            int ssid = security.shortServerId().getAsInt();
            ServerInstance server = servers.get(ssid);
            if (server == null) {
                problems.add("/0/" + instance.id() + " (ssid " + ssid + ") has no Server instance");
                continue;
            }
            unpaired.remove(Integer.valueOf(ssid));
            accounts.put(ssid, new ManagementAccount(tree.endpoint(), security, server));
        }
        for (Integer ssid : unpaired) {
            problems.add("Server instance of ssid " + ssid + " has no Security instance");
        }
        return accounts;
    }

    /** A Security instance that cannot be turned into a client endpoint. */
    static final class InvalidAccountException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidAccountException(String message) {
            super(message);
        }

        InvalidAccountException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
