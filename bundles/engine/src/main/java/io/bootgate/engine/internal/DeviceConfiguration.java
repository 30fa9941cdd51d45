/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One proxied device, as a Config Admin factory configuration of PID {@code io.bootgate.device}.
 * <p>
 * Mode-specific settings are further properties named {@code mode.<mode name>.<key>}, for example
 * {@code mode.factory.file = /etc/bootgate/factory/dev1.json}; the mode gets {@code <key>} in its
 * {@link io.bootgate.api.bootstrap.BootstrapContext#configuration()}. Metatype cannot describe them because
 * each mode defines its own keys.
 */
@ObjectClassDefinition(
        id = DeviceConfigurationComponent.FACTORY_PID,
        name = "Bootgate proxied device",
        description = "A proxied LwM2M device: endpoint name, bootstrap mode sequence and bootstrap credentials."
                + " Mode settings are extra properties mode.<mode>.<key>.")
public @interface DeviceConfiguration {

    @AttributeDefinition(name = "Endpoint name", description = "The LwM2M client endpoint name of the device.")
    String endpoint();

    @AttributeDefinition(
            name = "Bootstrap mode sequence",
            description = "Mode names tried in order, e.g. smartcard, factory, client-initiated; in a .cfg file one"
                    + " comma-separated line: modeSequence = factory, client-initiated")
    String[] modeSequence() default {"factory", "client-initiated"};

    @AttributeDefinition(
            name = "Private key file",
            required = false,
            description =
                    "PEM file with the device's private key for the Bootstrap interface (PKCS#8 or SEC1; EC P-256, EC P-384 or Ed25519).")
    String credentials_privateKey() default "";

    @AttributeDefinition(
            name = "Raw Public Key file",
            required = false,
            description = "For Raw Public Key mode: PEM file with the device's public key (SubjectPublicKeyInfo).")
    String credentials_publicKey() default "";

    @AttributeDefinition(
            name = "Certificate chain file",
            required = false,
            description = "For certificate mode: PEM file with the device's certificate first, then intermediates.")
    String credentials_certificate() default "";
}
