/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bootgate distribution boots with its boot features (bootgate-core, bootgate-bootstrap-server and bootgate-gateway
 * with the engine and the client-initiated mode; the demo devices are off here, see {@link DemoBootstrapIT}): their bundles
 * are ACTIVE, their Declarative Services components are wired, and the services they promise are registered.
 */
public class BootgateCoreFeatureIT extends BootgateTestSupport {

    /** Bundles the boot features must contain (more may exist; all io.bootgate.* ones must be ACTIVE). */
    private static final List<String> EXPECTED_BUNDLES = List.of(
            "io.bootgate.api",
            "io.bootgate.models",
            "io.bootgate.codec",
            "io.bootgate.dtls",
            "io.bootgate.store",
            "io.bootgate.acl",
            "io.bootgate.bootstrap-server",
            "io.bootgate.engine",
            "io.bootgate.mode.client.initiated",
            "io.bootgate.gateway");

    /**
     * Service interfaces the boot features must register, looked up by name with a timeout. Add a service here when
     * a bundle of a boot feature publishes one.
     */
    private static final List<String> EXPECTED_SERVICES = List.of(
            // bootgate-core
            "io.bootgate.api.model.ObjectModels",
            "io.bootgate.api.model.ObjectModelProvider",
            "io.bootgate.api.codec.LwM2mEncoder",
            "io.bootgate.api.codec.LwM2mDecoder",
            "io.bootgate.api.codec.LinkFormat",
            "io.bootgate.api.security.DtlsEndpointFactory",
            "io.bootgate.api.store.ObjectStore",
            "io.bootgate.api.acl.AccessControlService",
            // bootgate-bootstrap-server
            "io.bootgate.api.bsserver.BootstrapConfigStore",
            "io.bootgate.api.bsserver.BootstrapServer",
            // bootgate-gateway (engine and client-initiated mode)
            "io.bootgate.api.bootstrap.BootstrapEngine",
            "io.bootgate.api.bootstrap.BootstrapMode");

    @Test
    public void expectedBootgateBundlesAreActive() {
        for (String symbolicName : EXPECTED_BUNDLES) {
            assertBundleActive(symbolicName);
        }
    }

    @Test
    public void everyBootgateBundleIsActive() {
        assertEveryBootgateBundleActive();
    }

    @Test
    public void expectedServicesAreRegistered() {
        for (String interfaceName : EXPECTED_SERVICES) {
            assertRegisteredByBootgate(interfaceName);
        }
    }

    /**
     * The smartcard mode imports javax.smartcardio, which Karaf's jre.properties leaves out: the distribution appends
     * it to org.osgi.framework.system.packages.extra (karaf-distribution/pom.xml).
     */
    @Test
    public void systemBundleExportsJavaxSmartcardio() {
        BundleWiring systemWiring =
                bundleContext.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(BundleWiring.class);
        boolean exported = systemWiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .anyMatch(capability ->
                        "javax.smartcardio".equals(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
        assertTrue("javax.smartcardio is not exported by the system bundle", exported);
    }

    /** Scandium logs every handshake at INFO; the distribution's log configuration keeps its warnings only. */
    @Test
    public void californiumLogsWarningsOnly() {
        Logger scandium = LoggerFactory.getLogger("org.eclipse.californium.scandium.dtls.DTLSConnector");
        assertFalse("Californium logs at INFO", scandium.isInfoEnabled());
        assertTrue("Californium warnings are not logged", scandium.isWarnEnabled());
    }

    /**
     * No component of a Bootgate bundle may be stuck on a missing reference or fail to activate: either means the
     * feature lacks a bundle or a component is broken, which bundle states alone do not show.
     */
    /**
     * The boot features' configuration files are in etc/ before the first start (karaf-distribution/pom.xml), so
     * fileinstall creates their configurations before the Bootgate bundles start: the DTLS factory, the first
     * component with a configuration file, activates once, with its file, and is not restarted when the file arrives.
     */
    @Test
    public void componentsWithAConfigurationFileActivateOnceAtBoot() {
        assertBundleActive("io.bootgate.dtls");
        awaitCondition(
                () -> containerLog().stream().anyMatch(line -> line.contains("DTLS endpoint factory started")),
                DEFAULT_TIMEOUT,
                () -> "the DTLS factory did not start");
        List<String> log = containerLog();
        List<String> factoryLines = log.stream()
                .filter(line -> line.contains("DTLS endpoint factory st"))
                .collect(Collectors.toList());
        assertEquals("DTLS factory starts and stops: " + factoryLines, 1, factoryLines.size());
        List<String> writtenAtStart = log.stream()
                .filter(line -> line.contains("Creating configuration file") && line.contains("io.bootgate."))
                .collect(Collectors.toList());
        assertEquals("configuration files the features service had to write at start", List.of(), writtenAtStart);
    }

    @Test
    public void noBootgateComponentIsUnsatisfiedOrFailed() {
        assertNoBootgateComponentBroken();
    }
}
