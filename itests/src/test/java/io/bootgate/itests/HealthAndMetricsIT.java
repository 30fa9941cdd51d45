/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.Test;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bootgate-metrics and bootgate-health are boot features of the distribution (EventAdmin, which Felix HC needs, starts
 * from etc/startup.properties): the MXBeans are on the container's platform MBeanServer, the boot provisioning wrote
 * every configfile (an EventAdmin installed as a boot feature refreshed pax-url in the middle of it, and they failed
 * with "Unknown protocol: mvn"), and hc:exec reports every Bootgate check OK on a freshly booted gateway.
 */
public class HealthAndMetricsIT extends BootgateTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HealthAndMetricsIT.class);

    private static final List<String> MXBEANS = List.of(
            "io.bootgate:type=Bootstraps",
            "io.bootgate:type=BootstrapServerSessions",
            "io.bootgate:type=Handshakes",
            "io.bootgate:type=Registrations");

    private static final List<String> CHECKS = List.of(
            "Bootgate bootstrap server listening",
            "Bootgate object store writable",
            "Bootgate devices failing",
            "Bootgate DTLS handshake admission");

    @Test
    public void metricsMXBeansAreRegisteredAndReadable() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String name : MXBEANS) {
            ObjectName objectName = new ObjectName(name);
            awaitCondition(() -> server.isRegistered(objectName), DEFAULT_TIMEOUT, () -> name + " is not registered");
        }
        Object max = server.getAttribute(new ObjectName("io.bootgate:type=Handshakes"), "MaxServerHandshakes");
        assertTrue("MaxServerHandshakes is " + max, max instanceof Integer && (Integer) max > 0);
    }

    /**
     * Each of the four checks, found as a HealthCheck service by its hc.name, executes with status OK. They are called
     * through reflection: the probe does not import the Felix HC API.
     * Then hc:exec -v, as an operator runs it, lists all four.
     */
    /**
     * The boot provisioning installed EventAdmin, Felix HC and bootgate-health without refreshing a bundle: EventAdmin
     * was there before the bundles that import it optionally resolved.
     */
    @Test
    public void healthAndEventAdminAreBootedWithoutARefresh() throws Exception {
        String features = shellCommand("feature:list -i");
        for (String feature : List.of("eventadmin", "bootgate-health", "bootgate-metrics")) {
            assertTrue(feature + " is not installed:\n" + features, features.contains(feature + " "));
        }
        List<String> refreshes = containerLog().stream()
                .filter(line -> line.contains("Refreshing bundles") || line.contains("Unknown protocol"))
                .toList();
        assertEquals("refreshes at boot in the container log", List.of(), refreshes);
    }

    @Test
    public void healthChecksOfTheBootedFeatureAreAllOk() throws Exception {
        for (String check : CHECKS) {
            ServiceReference<?>[] found = new ServiceReference<?>[1];
            awaitCondition(
                    () -> {
                        try {
                            ServiceReference<?>[] references = bundleContext.getAllServiceReferences(
                                    "org.apache.felix.hc.api.HealthCheck", "(hc.name=" + check + ")");
                            found[0] = references == null ? null : references[0];
                            return found[0] != null;
                        } catch (InvalidSyntaxException e) {
                            throw new IllegalArgumentException(e);
                        }
                    },
                    DEFAULT_TIMEOUT,
                    () -> "no HealthCheck service named '" + check + "'");
            ServiceReference<?> reference = found[0];
            Object healthCheck = bundleContext.getService(reference);
            try {
                Object result = healthCheck.getClass().getMethod("execute").invoke(healthCheck);
                Object status = result.getClass().getMethod("getStatus").invoke(result);
                assertEquals(check + ": " + result, "OK", String.valueOf(status));
            } finally {
                bundleContext.ungetService(reference);
            }
        }
        // Felix HC's command lists only the checks that are not OK; -v lists every check with its status.
        String report = shellCommand("hc:exec -v bootgate");
        LOG.info("hc:exec -v bootgate:\n{}", report);
        // The table wraps names longer than its column, so the checks are recognised by their log lines.
        for (String line : List.of(
                "Overall Health Result: OK",
                "bootstrap server listening on",
                "devices failing (0.0 %",
                "no ClientHello dropped",
                "store open and writable")) {
            assertTrue("hc:exec -v bootgate does not show '" + line + "':\n" + report, report.contains(line));
        }
        assertFalse("hc:exec -v bootgate reports a problem:\n" + report, report.contains("CRITICAL"));
    }
}
