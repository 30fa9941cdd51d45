/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The demo devices the gateway provisions against its embedded bootstrap server (pid {@value #PID}). Off by
 * default so that a production gateway never invents devices; the distribution's {@code etc/io.bootgate.demo.cfg}
 * turns it on.
 */
@ObjectClassDefinition(
        id = DemoConfiguration.PID,
        name = "Bootgate demo devices",
        description = "Demo devices hosted by the gateway: a key pair, a bootstrap-server config and a device"
                + " configuration each, bootstrapped from the embedded bootstrap server over DTLS on loopback")
public @interface DemoConfiguration {

    String PID = "io.bootgate.demo";

    /**
     * Where {@code bootgate-demo.sh} starts its Leshan server (module {@code demo-leshan}). Without a server there
     * the devices bootstrap and then retry registering.
     */
    String DEFAULT_MANAGEMENT_SERVER_URI = "coaps://127.0.0.1:5784";

    @AttributeDefinition(name = "Enabled", description = "Provision the demo devices when the gateway starts")
    boolean enabled() default false;

    @AttributeDefinition(name = "Device count", description = "Number of demo devices", min = "1", max = "1000")
    int deviceCount() default 10;

    @AttributeDefinition(name = "Endpoint prefix", description = "Endpoint names are this prefix followed by 1, 2, ...")
    String endpointPrefix() default "urn:dev:demo-";

    @AttributeDefinition(
            name = "Mode sequence",
            description = "Bootstrap modes of each demo device, in order (an array, or one comma-separated string)."
                    + " factory first: the demo devices have no factory file, so the factory mode does not apply and"
                    + " hands over to client-initiated, which asks the embedded bootstrap server")
    String[] modeSequence() default {"factory", "client-initiated"};

    @AttributeDefinition(
            name = "Key directory",
            required = false,
            description =
                    "Where the devices' key pairs"
                            + " are kept (PEM, owner-only); generated once, reused afterwards. Empty: ${karaf.data}/bootgate/demo-keys")
    String keyDirectory() default "";

    @AttributeDefinition(
            name = "Management server URI",
            description = "URI of the LwM2M management server (Short Server ID 101) the demo devices register with,"
                    + " written into the management server account of each bootstrap-server config created; where"
                    + " bootgate-demo.sh starts demo-leshan")
    String managementServerUri() default DEFAULT_MANAGEMENT_SERVER_URI;

    @AttributeDefinition(
            name = "Management server public key file",
            required = false,
            description = "PEM SubjectPublicKeyInfo of the LwM2M management server the demo devices register with"
                    + " (managementServerUri, Short Server ID 101): the key written into their Security object."
                    + " Read when a device's bootstrap-server config is created; when the file is missing, the"
                    + " embedded bootstrap server's key is written instead and no server will accept the devices."
                    + " Empty: ${karaf.data}/bootgate/demo-leshan/server.pub.pem, where bootgate-demo.sh's"
                    + " demo-leshan server keeps its key")
    String managementServerPublicKeyFile() default "";
}
