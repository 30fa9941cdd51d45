/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapState;
import io.bootgate.api.bootstrap.DeviceBootstrapStatus;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.store.TreeView;
import io.bootgate.bootstrap.server.internal.BootstrapServerEngine;
import io.bootgate.bootstrap.server.internal.EmbeddedBootstrapServer;
import io.bootgate.bootstrap.server.internal.config.FileBootstrapConfigStore;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.KeyMaterial;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.internal.DeviceConfiguration;
import io.bootgate.engine.internal.DeviceConfigurationComponent;
import io.bootgate.mode.factory.internal.FactoryBootstrapMode;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Modes;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo provisioner against the real parts, outside OSGi: the embedded bootstrap server with its file config
 * store, the engine with the client-initiated mode, and the engine's device component fed with the properties
 * the provisioner gives Config Admin. Every handshake is a real DTLS handshake on loopback.
 */
class DemoProvisionerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> DEVICES = List.of("urn:dev:demo-1", "urn:dev:demo-2", "urn:dev:demo-3");

    @TempDir
    Path directory;

    private final KeyPair serverKeys = KeyMaterial.generateP256();
    private TestGateway gateway;
    private FileBootstrapConfigStore configs;
    private EmbeddedBootstrapServer server;
    private EngineDeviceConfigurations devices;
    private Path keyDirectory;
    /** Where demo-leshan would keep its public key; absent unless a test writes it. */
    private Path managementServerKeyFile;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        // The distribution's modes: factory (an empty factory directory) and client-initiated.
        gateway.install(
                new FactoryBootstrapMode(
                        gateway.store(), gateway.codec(), new DefaultKeyCodec(), directory.resolve("factory")),
                false);
        gateway.install(Modes.clientInitiated(gateway), true);
        configs = new FileBootstrapConfigStore(
                directory.resolve("bootstrap"),
                ObjectModelRegistry.standard(),
                new DefaultKeyCodec(),
                Duration.ofSeconds(1));
        configs.start();
        server = new EmbeddedBootstrapServer(
                gateway.dtls(),
                configs,
                codecs(),
                new EmbeddedBootstrapServer.Options(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new RpkCredentials(serverKeys),
                        List.of(),
                        Set.of(),
                        new BootstrapServerEngine.Settings(ContentFormat.TLV, Duration.ofSeconds(30)),
                        Duration.ofSeconds(10)));
        // As the server component does: its trust follows the store.
        configs.addListener(server);
        server.start();
        devices = new EngineDeviceConfigurations();
        keyDirectory = directory.resolve("demo-keys");
        managementServerKeyFile = directory.resolve("demo-leshan").resolve("server.pub.pem");
    }

    @AfterEach
    void stop() {
        server.close();
        configs.close();
        gateway.close();
    }

    @Test
    void everyDemoDeviceIsBootstrappedFromTheEmbeddedServer() throws Exception {
        DemoProvisioner provisioner = activate();

        assertThat(provisioner.endpoints()).containsExactlyElementsOf(DEVICES);
        awaitAllBootstrapped();
        for (String endpoint : DEVICES) {
            BootstrapConfig config = configs.get(endpoint).orElseThrow();
            assertThat(config.servers()).singleElement().satisfies(account -> {
                assertThat(account.shortServerId()).isEqualTo(DemoProvisioner.MANAGEMENT_SHORT_SERVER_ID);
                assertThat(account.serverUri()).isEqualTo(DemoConfiguration.DEFAULT_MANAGEMENT_SERVER_URI);
                assertThat(account.securityMode()).isEqualTo(SecurityMode.RAW_PUBLIC_KEY);
            });
            KeyPair deviceKeys = KeyMaterial.readKeyPair(keyFile(endpoint, ".key.pem"));
            assertThat(config.identity()).isEqualTo(DeviceIdentity.rawPublicKey(deviceKeys.getPublic()));
            assertThat(Files.getPosixFilePermissions(keyFile(endpoint, ".key.pem")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));

            // What the device received over DTLS: the management account and its lifetime.
            TreeView tree = gateway.store().snapshot(endpoint);
            assertThat(managementSecurityInstance(tree).value(Security.SERVER_URI))
                    .contains(ResourceValue.ofString(DemoConfiguration.DEFAULT_MANAGEMENT_SERVER_URI));
            assertThat(tree.value(LwM2mPath.of(Server.ID, 0, Server.LIFETIME)))
                    .contains(ResourceValue.ofInteger(DemoProvisioner.MANAGEMENT_LIFETIME_SECONDS));

            Map<String, Object> device = devices.properties(endpoint);
            assertThat(device.get("mode.client-initiated.server.uri"))
                    .isEqualTo("coaps://127.0.0.1:" + server.localAddress().getPort());
        }
        provisioner.deactivate();
    }

    @Test
    void theManagementServerAccountNamesTheKeyOfTheManagementServerKeyFile() throws Exception {
        KeyPair managementServerKeys = KeyMaterial.generateP256();
        DefaultKeyCodec codec = new DefaultKeyCodec();
        Files.createDirectories(managementServerKeyFile.getParent());
        codec.writeOwnerOnly(managementServerKeyFile, codec.publicKeyPem(managementServerKeys.getPublic()));

        DemoProvisioner provisioner = activate();

        awaitAllBootstrapped();
        for (String endpoint : DEVICES) {
            assertThat(managementSecurityInstance(gateway.store().snapshot(endpoint))
                            .value(Security.SERVER_PUBLIC_KEY))
                    .as(endpoint)
                    .contains(ResourceValue.ofOpaque(
                            managementServerKeys.getPublic().getEncoded()));
        }
        provisioner.deactivate();
    }

    @Test
    void withoutAManagementServerKeyFileTheAccountNamesTheBootstrapServersKey() throws Exception {
        DemoProvisioner provisioner = activate();

        awaitAllBootstrapped();
        assertThat(managementSecurityInstance(gateway.store().snapshot(DEVICES.get(0)))
                        .value(Security.SERVER_PUBLIC_KEY))
                .contains(ResourceValue.ofOpaque(serverKeys.getPublic().getEncoded()));
        // Such a config, found once demo-leshan's key exists, names another key than the management server's.
        BootstrapConfig config = configs.get(DEVICES.get(0)).orElseThrow();
        assertThat(DemoProvisioner.namesAnotherManagementServerKey(config, serverKeys.getPublic()))
                .isFalse();
        assertThat(DemoProvisioner.namesAnotherManagementServerKey(
                        config, KeyMaterial.generateP256().getPublic()))
                .isTrue();
        provisioner.deactivate();
    }

    @Test
    void aSecondActivationReusesTheKeysAndKeepsTheOperatorsConfigs() throws Exception {
        DemoProvisioner first = activate();
        awaitAllBootstrapped();
        Map<String, byte[]> keyFiles = new HashMap<>();
        for (String endpoint : DEVICES) {
            keyFiles.put(endpoint, Files.readAllBytes(keyFile(endpoint, ".key.pem")));
        }
        // The operator edits one device's config (a longer lifetime) and deletes another's.
        BootstrapConfig edited = withLifetime(configs.get(DEVICES.get(0)).orElseThrow(), 600);
        configs.put(edited);
        configs.remove(DEVICES.get(2));
        Map<String, Object> deviceConfigBefore = devices.properties(DEVICES.get(0));
        first.deactivate();

        DemoProvisioner second = activate();

        for (String endpoint : DEVICES) {
            assertThat(Files.readAllBytes(keyFile(endpoint, ".key.pem")))
                    .as(endpoint)
                    .isEqualTo(keyFiles.get(endpoint));
        }
        assertThat(lifetime(configs.get(DEVICES.get(0)).orElseThrow())).isEqualTo(600);
        assertThat(configs.get(DEVICES.get(2)))
                .as("a deleted config is created again")
                .isPresent();
        assertThat(devices.properties(DEVICES.get(0))).isEqualTo(deviceConfigBefore);
        assertThat(devices.created()).as("device configurations created once").isEqualTo(DEVICES.size());
        for (String endpoint : DEVICES) {
            assertThat(gateway.engine().state(endpoint))
                    .map(DeviceBootstrapStatus::state)
                    .contains(BootstrapState.BOOTSTRAPPED);
        }

        // The kept config is what the server serves: a re-bootstrap delivers the operator's lifetime.
        BootstrapOutcome outcome = gateway.engine()
                .requestBootstrap(DEVICES.get(0))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
        assertThat(gateway.store().snapshot(DEVICES.get(0)).value(LwM2mPath.of(Server.ID, 0, Server.LIFETIME)))
                .contains(ResourceValue.ofInteger(600));
        second.deactivate();
    }

    @Test
    void eachDemoDeviceRunsFactoryFirstWhichDoesNotApplyAndHandsOverToClientInitiated() {
        DemoProvisioner provisioner = activate();

        awaitAllBootstrapped();
        for (String endpoint : DEVICES) {
            assertThat(devices.properties(endpoint).get("modeSequence"))
                    .isEqualTo(new String[] {"factory", "client-initiated"});
            List<String> attempts = gateway.events().stream()
                    .filter(e -> e.endpoint().equals(endpoint))
                    .filter(e -> e.type() == BootstrapEvent.Type.ATTEMPT_ENDED)
                    .map(e -> e.mode().orElseThrow() + " "
                            + e.outcome().orElseThrow().status())
                    .toList();
            assertThat(attempts).containsExactly("factory NOT_APPLICABLE", "client-initiated SUCCESS");
        }
        provisioner.deactivate();
    }

    @Test
    void aModeThatDidNotBootstrapIsDescribedWithItsOutcome() {
        assertThat(DemoProvisioner.describe(BootstrapOutcome.notApplicable("no factory file for the device in /x")))
                .isEqualTo("not applicable (no factory file for the device in /x)");
        assertThat(DemoProvisioner.describe(BootstrapOutcome.failure("handshake failed")))
                .isEqualTo("failed (handshake failed)");
    }

    @Test
    void theConfiguredManagementServerUriIsTheAccountsUri() {
        DemoProvisioner provisioner = activate(Map.of("managementServerUri", "coaps://127.0.0.1:15784"));

        for (String endpoint : DEVICES) {
            assertThat(configs.get(endpoint).orElseThrow().servers())
                    .singleElement()
                    .satisfies(account -> assertThat(account.serverUri()).isEqualTo("coaps://127.0.0.1:15784"));
        }
        provisioner.deactivate();
    }

    @Test
    void aManagementServerUriWithoutAPortIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> activate(Map.of("managementServerUri", "coaps://127.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.bootgate.demo: managementServerUri 'coaps://127.0.0.1'");
        assertThat(configs.getAll()).isEmpty();
    }

    @Test
    void disabledProvisionsNothing() {
        DemoProvisioner provisioner = new DemoProvisioner(
                Configurations.of(DemoConfiguration.class, Map.of("keyDirectory", keyDirectory.toString())),
                configs,
                server,
                gateway.engine(),
                new DefaultKeyCodec(),
                devices,
                listener -> () -> {});

        assertThat(provisioner.endpoints()).isEmpty();
        assertThat(configs.getAll()).isEmpty();
        assertThat(gateway.engine().devices()).isEmpty();
        assertThat(keyDirectory).doesNotExist();
        provisioner.deactivate();
    }

    private DemoProvisioner activate() {
        return activate(Map.of());
    }

    private DemoProvisioner activate(Map<String, Object> moreProperties) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "enabled",
                true,
                "deviceCount",
                DEVICES.size(),
                "keyDirectory",
                keyDirectory.toString(),
                "managementServerPublicKeyFile",
                managementServerKeyFile.toString()));
        properties.putAll(moreProperties);
        return new DemoProvisioner(
                Configurations.of(DemoConfiguration.class, properties),
                configs,
                server,
                gateway.engine(),
                new DefaultKeyCodec(),
                devices,
                listener -> {
                    server.addSessionListener(listener);
                    return () -> server.removeSessionListener(listener);
                });
    }

    private void awaitAllBootstrapped() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (String endpoint : DEVICES) {
                assertThat(gateway.engine().state(endpoint))
                        .as(endpoint)
                        .map(DeviceBootstrapStatus::state)
                        .contains(BootstrapState.BOOTSTRAPPED);
            }
        });
    }

    private Path keyFile(String endpoint, String suffix) {
        return keyDirectory.resolve(DemoKeys.fileName(endpoint) + suffix);
    }

    private static ObjectInstance managementSecurityInstance(TreeView tree) {
        return tree.object(Security.ID).orElseThrow().instances().values().stream()
                .filter(i -> i.value(Security.SHORT_SERVER_ID)
                        .equals(Optional.of(ResourceValue.ofInteger(DemoProvisioner.MANAGEMENT_SHORT_SERVER_ID))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Security instance of server 101 in " + tree));
    }

    private static long lifetime(BootstrapConfig config) {
        return ((SingleResource) config.servers().get(0).serverResources().get(Server.LIFETIME))
                .value()
                .longValue();
    }

    private static BootstrapConfig withLifetime(BootstrapConfig config, long lifetime) {
        ServerAccount account = config.servers().get(0);
        ServerAccount.Builder changed = ServerAccount.builder(account.shortServerId());
        account.securityResources().values().forEach(changed::securityResource);
        account.serverResources().values().forEach(changed::serverResource);
        changed.lifetime(lifetime);
        BootstrapConfig.Builder builder = BootstrapConfig.builder(config.endpoint(), config.identity())
                .deletes(config.deletes())
                .server(changed.build());
        config.accessControl().forEach(builder::accessControl);
        return builder.build();
    }

    /**
     * Device configurations as Config Admin and SCR would handle them: each new configuration activates the
     * engine's real device component with its properties.
     */
    private final class EngineDeviceConfigurations implements DeviceConfigurations {
        private final Map<String, Map<String, Object>> byEndpoint = new ConcurrentHashMap<>();
        private int created;

        @Override
        public Change ensure(String endpoint, Map<String, Object> properties, Set<String> maintained) {
            Map<String, Object> current = byEndpoint.get(endpoint);
            if (current == null) {
                Map<String, Object> stored = new LinkedHashMap<>(properties);
                stored.put("service.pid", DeviceConfigurations.FACTORY_PID + "~" + endpoint);
                byEndpoint.put(endpoint, stored);
                created++;
                activateDeviceComponent(stored);
                return Change.CREATED;
            }
            boolean changed = false;
            for (String key : maintained) {
                if (!properties.get(key).equals(current.get(key))) {
                    current.put(key, properties.get(key));
                    changed = true;
                }
            }
            if (changed) {
                activateDeviceComponent(current);
                return Change.UPDATED;
            }
            return Change.UNCHANGED;
        }

        private void activateDeviceComponent(Map<String, Object> properties) {
            // Component property type methods name the properties with '_' for '.'.
            Map<String, Object> methods = new HashMap<>();
            properties.forEach((key, value) -> methods.put(key.replace('.', '_'), value));
            new DeviceConfigurationComponent(
                    gateway.engine(),
                    new DefaultKeyCodec(),
                    Configurations.of(DeviceConfiguration.class, methods),
                    properties);
        }

        Map<String, Object> properties(String endpoint) {
            return Map.copyOf(byEndpoint.get(endpoint));
        }

        int created() {
            return created;
        }
    }

    /** What the server gets in OSGi: the codec bundle's codecs and the object definitions (here the standard ones). */
    private static EmbeddedBootstrapServer.Codecs codecs() {
        DefaultLwM2mCodec codec = new DefaultLwM2mCodec();
        return new EmbeddedBootstrapServer.Codecs(codec, codec, new DefaultLinkFormat(), ObjectModelRegistry::standard);
    }
}
