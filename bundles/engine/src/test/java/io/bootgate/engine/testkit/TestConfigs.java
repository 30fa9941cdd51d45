/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.testkit;

import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/** Valid (and deliberately broken) LwM2M configurations for the tests. */
public final class TestConfigs {

    private static final KeyPair CLIENT_KEYS = generate();
    private static final KeyPair SERVER_KEYS = generate();

    private TestConfigs() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is mandatory on Java 17", e);
        }
    }

    /** A NoSec LwM2M Server account (Security instance) with the given Short Server ID. */
    public static ObjectInstance serverSecurity(int instanceId, int ssid, String uri) {
        return ObjectInstance.of(
                instanceId,
                SingleResource.ofString(Security.SERVER_URI, uri),
                SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, false),
                SingleResource.ofInteger(Security.SECURITY_MODE, SecurityMode.NO_SEC.code()),
                SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, new byte[0]),
                SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, new byte[0]),
                SingleResource.ofOpaque(Security.SECRET_KEY, new byte[0]),
                SingleResource.ofInteger(Security.SHORT_SERVER_ID, ssid));
    }

    /** A Server instance with the mandatory resources. */
    public static ObjectInstance server(int instanceId, int ssid) {
        return ObjectInstance.of(
                instanceId,
                SingleResource.ofInteger(Server.SHORT_SERVER_ID, ssid),
                SingleResource.ofInteger(Server.LIFETIME, 300),
                SingleResource.ofBoolean(Server.NOTIFICATION_STORING, false),
                SingleResource.ofString(Server.BINDING, "U"));
    }

    /**
     * A Raw Public Key Bootstrap-Server account with real P-256 keys.
     *
     * @param holdOffSeconds Client Hold Off Time (/0/x/11), or a negative value for none
     * @param accountTimeoutSeconds Bootstrap-Server Account Timeout (/0/x/12), or a negative value for none
     */
    public static ObjectInstance bootstrapAccount(int instanceId, long holdOffSeconds, long accountTimeoutSeconds) {
        List<SingleResource> resources = new ArrayList<>(List.of(
                SingleResource.ofString(Security.SERVER_URI, "coaps://127.0.0.1:5684"),
                SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true),
                SingleResource.ofInteger(Security.SECURITY_MODE, SecurityMode.RAW_PUBLIC_KEY.code()),
                SingleResource.ofOpaque(
                        Security.PUBLIC_KEY_OR_IDENTITY, CLIENT_KEYS.getPublic().getEncoded()),
                SingleResource.ofOpaque(
                        Security.SERVER_PUBLIC_KEY, SERVER_KEYS.getPublic().getEncoded()),
                SingleResource.ofOpaque(
                        Security.SECRET_KEY, CLIENT_KEYS.getPrivate().getEncoded())));
        if (holdOffSeconds >= 0) {
            resources.add(SingleResource.ofInteger(Security.CLIENT_HOLD_OFF_TIME, holdOffSeconds));
        }
        if (accountTimeoutSeconds >= 0) {
            resources.add(SingleResource.ofInteger(Security.BOOTSTRAP_SERVER_ACCOUNT_TIMEOUT, accountTimeoutSeconds));
        }
        return ObjectInstance.of(instanceId, resources);
    }

    public static KeyPair clientKeys() {
        return CLIENT_KEYS;
    }
}
