/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.bootgate.api.bootstrap.BootstrapEngine;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigStore;
import io.bootgate.api.bsserver.BootstrapServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The distribution's default job as it ships (etc/io.bootgate.demo.cfg: enabled=true; deviceCount=3 set by the test support): the demo
 * devices hosted by the gateway bootstrap from the embedded bootstrap server over DTLS on loopback, each with its
 * own key pair, its config in the server's store and its device configuration in Config Admin.
 */
public class DemoBootstrapIT extends BootgateTestSupport {

    private static final List<String> DEMO_DEVICES = List.of("urn:dev:demo-1", "urn:dev:demo-2", "urn:dev:demo-3");
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(30);

    /** Injected, so held for the whole test: Config Admin hands each bundle its own instance, gone once released. */
    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Override
    protected boolean demoDevices() {
        return true;
    }

    @Test
    public void everyDemoDeviceIsBootstrappedFromTheEmbeddedServer() throws Exception {
        BootstrapEngine engine = awaitService(BootstrapEngine.class, null, DEFAULT_TIMEOUT);
        awaitCondition(
                () -> DEMO_DEVICES.stream().allMatch(endpoint -> engine.state(endpoint)
                        .map(status -> status.state() == BootstrapState.BOOTSTRAPPED)
                        .orElse(false)),
                BOOTSTRAP_TIMEOUT,
                () -> "demo devices not all BOOTSTRAPPED: " + states(engine));

        BootstrapConfigStore configs = awaitService(BootstrapConfigStore.class, null, DEFAULT_TIMEOUT);
        for (String endpoint : DEMO_DEVICES) {
            BootstrapConfig config = configs.get(endpoint).orElse(null);
            assertNotNull("no bootstrap-server config of " + endpoint, config);
            assertEquals(
                    "management accounts of " + endpoint, 1, config.servers().size());
            assertEquals(101, config.servers().get(0).shortServerId());
        }
    }

    @Test
    public void demoDevicesAreConfigAdminDevicesPointingAtTheEmbeddedServer() throws Exception {
        BootstrapServer server = awaitService(BootstrapServer.class, null, DEFAULT_TIMEOUT);
        String expectedUri = "coaps://127.0.0.1:" + server.localAddress().getPort();
        awaitCondition(
                () -> deviceConfigurations(configurationAdmin).size() == DEMO_DEVICES.size(),
                DEFAULT_TIMEOUT,
                () -> "device configurations: " + deviceConfigurations(configurationAdmin));
        for (String endpoint : DEMO_DEVICES) {
            Configuration configuration =
                    deviceConfigurations(configurationAdmin).get(endpoint);
            assertNotNull("no io.bootgate.device configuration of " + endpoint, configuration);
            assertEquals(expectedUri, configuration.getProperties().get("mode.client-initiated.server.uri"));
            Path privateKey =
                    Path.of(String.valueOf(configuration.getProperties().get("credentials.privateKey")));
            assertTrue(
                    privateKey + " is not under karaf.data",
                    privateKey.startsWith(
                            Path.of(System.getProperty("karaf.data")).toAbsolutePath()));
            assertEquals(
                    "permissions of " + privateKey,
                    PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(privateKey));
        }
    }

    private static Map<String, Configuration> deviceConfigurations(ConfigurationAdmin configurationAdmin) {
        try {
            Configuration[] all = configurationAdmin.listConfigurations("(service.factoryPid=io.bootgate.device)");
            return all == null
                    ? Map.of()
                    : List.of(all).stream()
                            .collect(Collectors.toMap(
                                    c -> String.valueOf(c.getProperties().get("endpoint")), c -> c, (a, b) -> a));
        } catch (IOException | InvalidSyntaxException e) {
            throw new AssertionError("cannot list the device configurations", e);
        }
    }

    private static String states(BootstrapEngine engine) {
        return DEMO_DEVICES.stream()
                .map(endpoint -> endpoint + "="
                        + engine.state(endpoint)
                                .map(DeviceBootstrapStatus::state)
                                .map(Enum::name)
                                .orElse("unknown"))
                .collect(Collectors.joining(", "));
    }
}
