/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.testkit;

import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.Resource;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Device;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.store.ObjectStore;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Object instances of a device's tree as a factory or an earlier bootstrap would have left them. */
public final class Devices {

    private Devices() {}

    /** A Raw Public Key Bootstrap-Server account holding the device's key pair and the server's key. */
    public static ObjectInstance rpkBootstrapAccount(int id, URI uri, KeyPair device, PublicKey server) {
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofString(Security.SERVER_URI, uri.toString()),
                        SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true),
                        SingleResource.ofInteger(Security.SECURITY_MODE, SecurityMode.RAW_PUBLIC_KEY.code()),
                        SingleResource.ofOpaque(
                                Security.PUBLIC_KEY_OR_IDENTITY,
                                device.getPublic().getEncoded()),
                        SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, server.getEncoded()),
                        SingleResource.ofOpaque(
                                Security.SECRET_KEY, device.getPrivate().getEncoded())));
    }

    /** A Certificate-mode Bootstrap-Server account: the device's certificate and key, the server's certificate. */
    public static ObjectInstance x509BootstrapAccount(
            int id,
            URI uri,
            KeyPair deviceKeys,
            X509Certificate deviceCertificate,
            X509Certificate serverPublicKey,
            int certificateUsage) {
        List<Resource> resources = new ArrayList<>(List.of(
                SingleResource.ofString(Security.SERVER_URI, uri.toString()),
                SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true),
                SingleResource.ofInteger(Security.SECURITY_MODE, SecurityMode.CERTIFICATE.code()),
                SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, der(deviceCertificate)),
                SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, der(serverPublicKey)),
                SingleResource.ofOpaque(
                        Security.SECRET_KEY, deviceKeys.getPrivate().getEncoded()),
                SingleResource.of(
                        Security.CERTIFICATE_USAGE,
                        io.bootgate.api.model.ResourceValue.ofUnsignedInteger(certificateUsage))));
        return ObjectInstance.of(id, resources);
    }

    /** A Bootstrap-Server account in another Security Mode (PSK, NoSec), which the policy must refuse. */
    public static ObjectInstance bootstrapAccount(int id, String uri, SecurityMode mode) {
        return ObjectInstance.of(
                id,
                List.of(
                        SingleResource.ofString(Security.SERVER_URI, uri),
                        SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, true),
                        SingleResource.ofInteger(Security.SECURITY_MODE, mode.code()),
                        SingleResource.ofOpaque(Security.PUBLIC_KEY_OR_IDENTITY, new byte[] {1}),
                        SingleResource.ofOpaque(Security.SERVER_PUBLIC_KEY, new byte[0]),
                        SingleResource.ofOpaque(Security.SECRET_KEY, new byte[] {2})));
    }

    /** The Device object instance, which no bootstrap may delete. */
    public static ObjectInstance device(String serialNumber) {
        return ObjectInstance.of(
                0,
                List.of(
                        SingleResource.ofString(Device.MANUFACTURER, "Bootgate test"),
                        SingleResource.ofString(Device.SERIAL_NUMBER, serialNumber)));
    }

    /** Creates the endpoint and commits the given instances, as provisioning would. */
    public static void provision(
            ObjectStore store, String endpoint, List<LwM2mPath> paths, List<ObjectInstance> instances) {
        store.createEndpoint(endpoint);
        try (StoreTransaction tx = store.begin(endpoint)) {
            for (int i = 0; i < paths.size(); i++) {
                tx.write(paths.get(i), instances.get(i), WriteMode.REPLACE);
            }
            tx.commit();
        }
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("test certificate cannot be encoded", e);
        }
    }
}
