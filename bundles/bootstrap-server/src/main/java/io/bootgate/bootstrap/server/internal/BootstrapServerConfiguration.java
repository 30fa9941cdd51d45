/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the bootstrap server and of its embedded config store (pid {@value #PID}).
 */
@ObjectClassDefinition(
        id = BootstrapServerConfiguration.PID,
        name = "Bootgate LwM2M bootstrap server",
        description = "DTLS (Raw Public Key / X.509) bootstrap server and its per-endpoint JSON configs")
public @interface BootstrapServerConfiguration {

    String PID = "io.bootgate.bootstrap.server";

    @AttributeDefinition(name = "Bind host", description = "Local address of the DTLS endpoint")
    String host() default "0.0.0.0";

    @AttributeDefinition(
            name = "Port",
            description = "UDP port of the DTLS endpoint (0: any free port)",
            min = "0",
            max = "65535")
    int port() default 5684;

    @AttributeDefinition(
            name = "Config directory",
            description =
                    "Directory of the per-endpoint files " + "<endpoint>.json; empty: ${karaf.etc}/bootgate/bootstrap")
    String configDirectory() default "";

    @AttributeDefinition(
            name = "Config poll interval (s)",
            description = "Rescan of the config directory when " + "the file system reports no change events",
            min = "1")
    int configPollSeconds() default 10;

    @AttributeDefinition(
            name = "Server private key",
            description =
                    "PEM (PKCS#8 or SEC1) private key of the "
                            + "server; created (P-256, owner-only) when missing. Empty: ${karaf.etc}/bootgate/bootstrap-server.key.pem")
    String privateKeyFile() default "";

    @AttributeDefinition(
            name = "Server certificate chain",
            description = "PEM certificate chain of the server, "
                    + "end-entity first; empty: the server authenticates with its Raw Public Key")
    String certificateChainFile() default "";

    @AttributeDefinition(
            name = "Trusted device CAs",
            description = "PEM CA certificates that issue device "
                    + "certificates (CN = endpoint name); empty: X.509 devices are not accepted")
    String trustedCertificatesFile() default "";

    @AttributeDefinition(
            name = "Server names",
            description =
                    "Host names clients may ask for by SNI (in a .cfg file one" + " comma-separated line); empty: any")
    String[] serverNames() default {};

    @AttributeDefinition(
            name = "Default content format",
            description = "Format of Bootstrap-Writes when neither "
                    + "the request (pct) nor the endpoint's config gives one",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "TLV", value = "TLV"),
                @org.osgi.service.metatype.annotations.Option(label = "SenML-CBOR", value = "SENML_CBOR"),
                @org.osgi.service.metatype.annotations.Option(label = "SenML-JSON", value = "SENML_JSON")
            })
    String defaultContentFormat() default "TLV";

    @AttributeDefinition(
            name = "Session timeout (s)",
            description = "A session with no answer for this long fails " + "(LwM2M's EXCHANGE_LIFETIME is 247 s)",
            min = "1")
    int sessionTimeoutSeconds() default 247;

    @AttributeDefinition(
            name = "Request timeout (s)",
            description = "How long one request to a client waits for " + "its answer",
            min = "1")
    int requestTimeoutSeconds() default 93;

    @AttributeDefinition(
            name = "Cluster node id",
            description = "This node's id (0..255) in a cluster of bootstrap-server nodes behind one UDP address;"
                    + " -1: a single server, no cluster",
            min = "-1",
            max = "255")
    int clusterNodeId() default -1;

    @AttributeDefinition(
            name = "Cluster internal address",
            description = "host:port where this node receives DTLS records forwarded by the other nodes (a"
                    + " private network); empty: this node's entry in the cluster nodes")
    String clusterInternalAddress() default "";

    @AttributeDefinition(
            name = "Cluster nodes",
            description = "Every node of the cluster, this one included, as id=host:port of its internal address"
                    + " (in a .cfg file one comma-separated line)")
    String[] clusterNodes() default {};

    @AttributeDefinition(
            name = "Cluster secret file",
            description = "File whose bytes (at least 16; e.g. 32 bytes from /dev/urandom, owner-only) are the"
                    + " secret all nodes share to authenticate forwarded records; empty: unauthenticated, only on a"
                    + " network private to the nodes")
    String clusterSecretFile() default "";
}
