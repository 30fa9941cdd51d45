/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
import io.bootgate.api.registration.RegistrationEvent;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.api.registration.ServerRegistration;
import io.bootgate.api.store.StoreEvent;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.store.WriteMode;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedBootstrapMode;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedConfiguration;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestBootstrapServer;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices of a real gateway (store, ACL, DTLS, engine with the client-initiated mode) register with Eclipse
 * Leshan's LwM2M server over real DTLS on loopback.
 */
class RegistrationLeshanTest {

    private static final String EP = "urn:dev:ops:reg-1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair dmDevice = TestPki.newKeyPair();
    private final KeyPair leshanKeys = TestPki.newKeyPair();
    private final KeyPair bootstrapKeys = TestPki.newKeyPair();
    private final List<RegistrationEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path dataDirectory;

    private TestGateway gateway;
    private ScheduledThreadPoolExecutor scheduler;
    private RegistrationManager manager;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
        scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        manager = newManager();
        gateway.store().addListener(this::storeChanged);
        gateway.engine().addListener(this::bootstrapEvent);
    }

    private void storeChanged(StoreEvent event) {
        manager.storeChanged(event);
    }

    private void bootstrapEvent(BootstrapEvent event) {
        manager.bootstrapEvent(event);
    }

    private RegistrationManager newManager() throws Exception {
        return newManager(
                new RegistrationManager.Settings(Duration.ofSeconds(5), 0.8, 0.9, Duration.ZERO), Math::random);
    }

    private RegistrationManager newManager(RegistrationManager.Settings settings, DoubleSupplier random)
            throws Exception {
        RegistrationManager created = new RegistrationManager(
                gateway.store(),
                gateway.engine(),
                gateway.accessControl(),
                gateway.dtls(),
                new DefaultKeyCodec(),
                scheduler,
                Clock.systemUTC(),
                random,
                RegistrationManager.openLocations(dataDirectory.resolve("registrations"), scheduler, 50),
                settings);
        created.addListener(events::add);
        return created;
    }

    @AfterEach
    void stop() throws Exception {
        manager.stop();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        gateway.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private LeshanServerFixture rpkLeshan() {
        LeshanServerFixture leshan = LeshanServerFixture.rpk(leshanKeys).allowRpk(EP, dmDevice.getPublic());
        closeables.add(leshan);
        return leshan;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void deviceBootstrappedFromBootgatesBootstrapServerRegistersOverRpk() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(bootstrapScript(leshan.uri(), leshanKeys, 300)));
        provisionBootstrapAccount(bootstrapServer.uri());

        assertThat(bootstrap().isSuccess()).isTrue();

        await().atMost(WAIT).until(() -> !leshan.lines("registered " + EP).isEmpty());
        assertThat(leshan.lines("registered " + EP).get(0))
                .contains("lt=300")
                .contains("links=</1/0>,</3/0>")
                .doesNotContain("</0");
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
        ServerRegistration registration = manager.registrations(EP).get(0);
        assertThat(registration.location())
                .hasValueSatisfying(location -> assertThat(location).startsWith("/rd/"));
        assertThat(registration.serverUri()).isEqualTo(leshan.uri());
        assertThat(events)
                .extracting(RegistrationEvent::state)
                .containsSubsequence(RegistrationState.REGISTERING, RegistrationState.REGISTERED);
    }

    @Test
    void deviceWithCertificateAccountRegistersOverX509() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Credentials serverCredentials = pki.server("localhost");
        TestPki.Credentials client = pki.client(EP);
        LeshanServerFixture leshan = LeshanServerFixture.x509(
                        serverCredentials.keys(),
                        new X509Certificate[] {serverCredentials.certificate()},
                        new X509Certificate[] {pki.caCertificate()})
                .allowX509(EP);
        closeables.add(leshan);
        SecurityInstance account = SecurityInstance.builder(1)
                .serverUri(leshan.uri().toString())
                .securityMode(SecurityMode.CERTIFICATE)
                .publicKeyOrIdentity(Devices.der(client.certificate()))
                .serverPublicKey(Devices.der(serverCredentials.certificate()))
                .secretKey(client.keys().getPrivate().getEncoded())
                .shortServerId(101)
                .certificateUsage(io.bootgate.api.model.CertificateUsage.DOMAIN_ISSUED_CERTIFICATE)
                .build();
        provision(
                List.of(account.toObjectInstance()),
                List.of(server(0, 101, 300).build().toObjectInstance()));

        manager.start();

        await().atMost(WAIT).until(() -> !leshan.lines("registered " + EP).isEmpty());
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
    }

    @Test
    void deviceWithTwoServersRegistersWithBothAndDeregistersFromARemovedAccount() throws Exception {
        LeshanServerFixture first = rpkLeshan();
        KeyPair secondKeys = TestPki.newKeyPair();
        LeshanServerFixture second = LeshanServerFixture.rpk(secondKeys).allowRpk(EP, dmDevice.getPublic());
        closeables.add(second);
        provision(
                List.of(rpkAccount(1, first.uri(), leshanKeys, 101), rpkAccount(2, second.uri(), secondKeys, 102)),
                List.of(
                        server(0, 101, 300).build().toObjectInstance(),
                        server(1, 102, 300).build().toObjectInstance()));

        manager.start();

        await().atMost(WAIT)
                .until(() -> !first.lines("registered " + EP).isEmpty()
                        && !second.lines("registered " + EP).isEmpty());
        assertThat(first.lines("registered").get(0)).contains("links=</1/0>,</1/1>,</3/0>");
        await().atMost(WAIT)
                .until(() -> state(101) == RegistrationState.REGISTERED && state(102) == RegistrationState.REGISTERED);

        try (StoreTransaction tx = gateway.store().begin(EP)) {
            tx.delete(LwM2mPath.of(0, 2));
            tx.delete(LwM2mPath.of(1, 1));
            tx.commit();
        }

        await().atMost(WAIT).until(() -> !second.lines("unregistered " + EP).isEmpty());
        assertThat(first.lines("unregistered")).isEmpty();
        // The remaining server learns the new object list in an Update.
        await().atMost(WAIT).until(() -> first.lines("updated " + EP).stream()
                .anyMatch(line -> line.contains("links=</1/0>,</3/0>")));
        assertThat(manager.registrations(EP))
                .extracting(ServerRegistration::shortServerId)
                .containsExactly(101);
        assertThat(events)
                .anyMatch(e -> e.shortServerId() == 102
                        && e.state() == RegistrationState.DEREGISTERED
                        && e.cause().orElse("").contains("removed"));
    }

    @Test
    void updatesBeforeTheLifetimeLapsesAndWhenTheLifetimeChanges() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        provision(
                List.of(rpkAccount(1, leshan.uri(), leshanKeys, 101)),
                List.of(server(0, 101, 2).build().toObjectInstance()));

        manager.start();

        await().atMost(WAIT).until(() -> !leshan.lines("registered " + EP).isEmpty());
        // lt=2 s: an Update between 1.6 and 1.8 s keeps the registration alive; two in a row, no expiry.
        await().atMost(WAIT).until(() -> leshan.lines("updated " + EP).size() >= 2);
        assertThat(leshan.lines("expired")).isEmpty();

        try (StoreTransaction tx = gateway.store().begin(EP)) {
            tx.write(
                    LwM2mPath.of(1, 0, Server.LIFETIME),
                    SingleResource.ofInteger(Server.LIFETIME, 600),
                    WriteMode.REPLACE);
            tx.commit();
        }
        await().atMost(WAIT)
                .until(() -> leshan.registration(EP) != null
                        && leshan.registration(EP).getLifeTimeInSec() == 600L);
        assertThat(manager.registrations(EP).get(0).lifetimeSeconds()).isEqualTo(600);
        assertThat(manager.triggerUpdate(EP, 101)).isTrue();
        assertThat(manager.triggerUpdate(EP, 999)).isFalse();
    }

    @Test
    void theStartSpreadDelaysOnlyDevicesWithASavedRegistrationInALargePopulation() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        // The device is in the store before the manager under test starts (the set-up's manager would register
        // it on the store event).
        manager.stop();
        provision(
                List.of(rpkAccount(1, leshan.uri(), leshanKeys, 101)),
                List.of(server(0, 101, 300).build().toObjectInstance()));
        Duration window = Duration.ofHours(2);
        // The random point is the middle of the window: one hour.
        DoubleSupplier middle = () -> 0.5;

        // One device never registered, with the default threshold (spread above 100 devices): at once.
        manager = newManager(new RegistrationManager.Settings(Duration.ofSeconds(5), 0.8, 0.9, window), middle);
        manager.start();
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);

        // Restart with its registration saved, and the threshold at 0 so that one device is a large population:
        // its Update waits for its point of the window.
        manager.stop();
        manager = newManager(new RegistrationManager.Settings(Duration.ofSeconds(5), 0.8, 0.9, window, 0), middle);
        Instant started = Instant.now();
        manager.start();
        await().atMost(WAIT).until(() -> manager.registrations(EP).stream()
                .anyMatch(r -> r.nextUpdate().isPresent()));
        assertThat(manager.registrations(EP).get(0).nextUpdate())
                .hasValueSatisfying(next -> assertThat(next).isAfter(started.plus(Duration.ofMinutes(59))));
        assertThat(manager.startDelay(101, true)).isEqualTo(Duration.ofHours(1));

        // The same large population, restarted with the registration still saved but the threshold back at its
        // default: the Update goes out at once.
        manager.stop();
        manager = newManager(new RegistrationManager.Settings(Duration.ofSeconds(5), 0.8, 0.9, window), middle);
        manager.start();
        await().atMost(WAIT).until(() -> !leshan.lines("updated " + EP).isEmpty());
        assertThat(leshan.lines("registered " + EP)).hasSize(1);
        // A device that never registered is not spread, whatever the population.
        assertThat(manager.startDelay(100_000, false)).isZero();
    }

    @Test
    void gatewayRestartUpdatesInsteadOfRegisteringAndRegistersWhenTheServerForgotTheDevice() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        provision(
                List.of(rpkAccount(1, leshan.uri(), leshanKeys, 101)),
                List.of(server(0, 101, 300).build().toObjectInstance()));
        manager.start();
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
        String location = manager.registrations(EP).get(0).location().orElseThrow();

        manager.stop();
        Path file = dataDirectory.resolve("registrations").resolve(LocationFile.FILE_NAME);
        assertThat(Files.readString(file)).contains(" 101 " + location + " 300 ");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        manager = newManager();
        manager.start();

        await().atMost(WAIT).until(() -> !leshan.lines("updated " + EP).isEmpty());
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
        assertThat(leshan.lines("registered " + EP)).hasSize(1);
        assertThat(manager.registrations(EP).get(0).location()).contains(location);

        // The server lost the registration: the Update after the next restart gets 4.04, and the device registers.
        manager.stop();
        leshan.forget(EP);
        manager = newManager();
        manager.start();
        await().atMost(WAIT).until(() -> leshan.lines("registered " + EP).size() == 2);
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
    }

    @Test
    void registrationFailureWithARotatedServerKeyBootstrapsAgainAndRegistersWithTheNewKey() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        KeyPair staleKey = TestPki.newKeyPair();
        // The first bootstrap hands out the server's old key; the bootstrap server knows the new one afterwards.
        TestBootstrapServer bootstrapServer = bootstrapServer(
                List.of(bootstrapScript(leshan.uri(), staleKey, 300), bootstrapScript(leshan.uri(), leshanKeys, 300)));
        provisionBootstrapAccount(bootstrapServer.uri());

        assertThat(bootstrap().isSuccess()).isTrue();

        await().atMost(WAIT).until(() -> !leshan.lines("registered " + EP).isEmpty());
        assertThat(events)
                .anyMatch(e -> e.state() == RegistrationState.FAILED
                        && e.cause().orElse("").contains("UNTRUSTED_PEER"));
        assertThat(gateway.events())
                .filteredOn(e -> e.type() == BootstrapEvent.Type.BOOTSTRAPPED)
                .hasSize(2);
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
    }

    @Test
    void withoutABootstrapServerAccountAFailedRegistrationKeepsTheServerAccount() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        KeyPair staleKey = TestPki.newKeyPair();
        gateway.engine().addDevice(DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)));
        // Provisioned without a Bootstrap-Server account, trusting a key the server does not have.
        provision(
                List.of(rpkAccount(1, leshan.uri(), staleKey, 101)),
                List.of(server(0, 101, 300).build().toObjectInstance()));

        await().atMost(WAIT).until(() -> events.stream()
                .anyMatch(e -> e.state() == RegistrationState.FAILED
                        && e.cause().orElse("").contains("UNTRUSTED_PEER")));
        Instant failed = events.stream()
                .filter(e -> e.state() == RegistrationState.FAILED)
                .findFirst()
                .orElseThrow()
                .time();
        // /1/x/16 ran the mode sequence (which has nothing to bootstrap from) without removing the account first.
        await().atMost(WAIT).until(() -> gateway.events().stream()
                .anyMatch(e -> !e.time().isBefore(failed)
                        && EnumSet.of(
                                        BootstrapEvent.Type.ATTEMPT_ENDED,
                                        BootstrapEvent.Type.SEQUENCE_FAILED,
                                        BootstrapEvent.Type.GAVE_UP)
                                .contains(e.type())));
        assertThat(gateway.store().snapshot(EP).instance(0, 1)).isPresent();
        assertThat(gateway.store().snapshot(EP).instance(1, 0)).isPresent();
    }

    @Test
    void rebootstrapWithTheInitializationOptionRemovesTheServerFirstThenRegistersAgain() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(bootstrapScript(leshan.uri(), leshanKeys, 300)));
        provisionBootstrapAccount(bootstrapServer.uri());
        assertThat(bootstrap().isSuccess()).isTrue();
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
        List<Boolean> serverInstancePresent = new CopyOnWriteArrayList<>();
        gateway.store()
                .addListener(event -> serverInstancePresent.add(
                        gateway.store().snapshot(EP).instance(1, 0).isPresent()));

        BootstrapOutcome outcome = manager.rebootstrap(EP, OptionalInt.of(101))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome.isSuccess()).isTrue();
        // Unbootstrapped in its own commit (no /1/0, no /0 of ssid 101) before the bootstrap provisioned it again.
        assertThat(serverInstancePresent).containsSubsequence(false, true);
        await().atMost(WAIT)
                .until(() -> !leshan.lines("unregistered " + EP).isEmpty()
                        && leshan.lines("registered " + EP).size() == 2);
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);
    }

    @Test
    void disableDeregistersAndRegistersAgainAfterTheDisableTimeout() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        provision(
                List.of(rpkAccount(1, leshan.uri(), leshanKeys, 101)),
                List.of(server(0, 101, 300).disableTimeout(1).build().toObjectInstance()));
        manager.start();
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);

        assertThat(manager.disable(EP, 101)).isTrue();

        await().atMost(WAIT).until(() -> !leshan.lines("unregistered " + EP).isEmpty());
        await().atMost(WAIT).until(() -> leshan.lines("registered " + EP).size() == 2);
        assertThat(events)
                .extracting(RegistrationEvent::state)
                .containsSubsequence(
                        RegistrationState.REGISTERED,
                        RegistrationState.DISABLED,
                        RegistrationState.REGISTERING,
                        RegistrationState.REGISTERED);
    }

    @Test
    void removingTheDeviceDeregistersIt() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        provision(
                List.of(rpkAccount(1, leshan.uri(), leshanKeys, 101)),
                List.of(server(0, 101, 300).build().toObjectInstance()));
        manager.start();
        await().atMost(WAIT).until(() -> state(101) == RegistrationState.REGISTERED);

        assertThat(gateway.store().deleteEndpoint(EP)).isTrue();

        await().atMost(WAIT).until(() -> !leshan.lines("unregistered " + EP).isEmpty());
        assertThat(manager.registrations(EP)).isEmpty();
        assertThat(events)
                .anyMatch(e -> e.state() == RegistrationState.DEREGISTERED
                        && e.cause().orElse("").contains("device removed"));
    }

    @Test
    void serversWithAPriorityOrderRegisterOneAfterTheOther() throws Exception {
        LeshanServerFixture first = rpkLeshan();
        KeyPair secondKeys = TestPki.newKeyPair();
        LeshanServerFixture second = LeshanServerFixture.rpk(secondKeys).allowRpk(EP, dmDevice.getPublic());
        closeables.add(second);
        provision(
                List.of(rpkAccount(1, first.uri(), leshanKeys, 101), rpkAccount(2, second.uri(), secondKeys, 102)),
                List.of(
                        server(0, 101, 300).otherResource(priority(2)).build().toObjectInstance(),
                        server(1, 102, 300).otherResource(priority(1)).build().toObjectInstance()));

        manager.start();

        await().atMost(WAIT)
                .until(() -> state(101) == RegistrationState.REGISTERED && state(102) == RegistrationState.REGISTERED);
        List<String> order =
                events.stream().map(e -> e.shortServerId() + " " + e.state()).toList();
        assertThat(order).containsSubsequence("102 REGISTERED", "101 REGISTERING");
        assertThat(order.indexOf("101 REGISTERING")).isGreaterThan(order.indexOf("102 REGISTERED"));
    }

    @Test
    void aFailedServerWithRegistrationFailureBlockStopsTheServersOrderedAfterIt() throws Exception {
        LeshanServerFixture first = rpkLeshan();
        KeyPair unknownServerKey = TestPki.newKeyPair();
        LeshanServerFixture second =
                LeshanServerFixture.rpk(TestPki.newKeyPair()).allowRpk(EP, dmDevice.getPublic());
        closeables.add(second);
        provision(
                List.of(
                        rpkAccount(1, first.uri(), leshanKeys, 101),
                        rpkAccount(2, second.uri(), unknownServerKey, 102)),
                List.of(
                        server(0, 101, 300).otherResource(priority(2)).build().toObjectInstance(),
                        server(1, 102, 300)
                                .otherResource(priority(1))
                                .otherResource(SingleResource.ofBoolean(Server.REGISTRATION_FAILURE_BLOCK, true))
                                .build()
                                .toObjectInstance()));

        manager.start();

        await().atMost(WAIT).until(() -> state(101) == RegistrationState.FAILED);
        assertThat(state(102)).isEqualTo(RegistrationState.FAILED);
        assertThat(manager.registrations(EP).get(0).lastError())
                .hasValueSatisfying(cause -> assertThat(cause).contains("Registration Failure Block"));
        assertThat(first.log()).isEmpty();
    }

    @Test
    void queueModeBindingIsRegisteredAsUq() throws Exception {
        LeshanServerFixture leshan = rpkLeshan();
        provision(
                List.of(rpkAccount(1, leshan.uri(), leshanKeys, 101)),
                List.of(server(0, 101, 300).binding("UQ").build().toObjectInstance()));
        manager.start();
        await().atMost(WAIT).until(() -> leshan.registration(EP) != null);
        assertThat(leshan.registration(EP).getQueueMode()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private RegistrationState state(int ssid) {
        return manager.registrations(EP).stream()
                .filter(r -> r.shortServerId() == ssid)
                .findFirst()
                .map(ServerRegistration::state)
                .orElse(null);
    }

    private ObjectInstance rpkAccount(int id, URI uri, KeyPair serverKeys, int ssid) {
        return SecurityInstance.builder(id)
                .serverUri(uri.toString())
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .publicKeyOrIdentity(dmDevice.getPublic().getEncoded())
                .serverPublicKey(serverKeys.getPublic().getEncoded())
                .secretKey(dmDevice.getPrivate().getEncoded())
                .shortServerId(ssid)
                .build()
                .toObjectInstance();
    }

    private static SingleResource priority(long order) {
        return SingleResource.of(Server.REGISTRATION_PRIORITY_ORDER, ResourceValue.ofUnsignedInteger(order));
    }

    private static ServerInstance.Builder server(int id, int ssid, long lifetime) {
        return ServerInstance.builder(id, ssid)
                .lifetime(lifetime)
                .communicationRetryCount(1)
                .communicationSequenceRetryCount(1);
    }

    /** Creates the device with a Device instance, the given Security and Server instances, as a bootstrap would. */
    private void provision(List<ObjectInstance> security, List<ObjectInstance> servers) {
        List<LwM2mPath> paths = new ArrayList<>();
        List<ObjectInstance> instances = new ArrayList<>();
        security.forEach(i -> {
            paths.add(LwM2mPath.of(0, i.id()));
            instances.add(i);
        });
        servers.forEach(i -> {
            paths.add(LwM2mPath.of(1, i.id()));
            instances.add(i);
        });
        paths.add(LwM2mPath.of(3, 0));
        instances.add(Devices.device("SN-R"));
        Devices.provision(gateway.store(), EP, paths, instances);
    }

    private void provisionBootstrapAccount(URI bootstrapUri) {
        Devices.provision(
                gateway.store(),
                EP,
                List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(
                        Devices.rpkBootstrapAccount(0, bootstrapUri, device, bootstrapKeys.getPublic()),
                        Devices.device("SN-R")));
    }

    private BootstrapOutcome bootstrap() throws Exception {
        return gateway.bootstrap(DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Bootgate's test bootstrap server, which sends the n-th script to the n-th Bootstrap-Request (the last one
     * to later requests).
     */
    private TestBootstrapServer bootstrapServer(List<List<CoapRequest>> scripts) throws Exception {
        AtomicReference<TestBootstrapServer> server = new AtomicReference<>();
        Function<TestBootstrapServer, List<CoapRequest>> current = s -> {
            long requests = s.received().stream()
                    .filter(r -> r.pathString().equals("/bs"))
                    .count();
            return scripts.get((int) Math.min(Math.max(requests - 1, 0), scripts.size() - 1));
        };
        List<CoapRequest> commands = new AbstractList<>() {
            @Override
            public CoapRequest get(int index) {
                return current.apply(server.get()).get(index);
            }

            @Override
            public int size() {
                return current.apply(server.get()).size();
            }
        };
        TestBootstrapServer created = new TestBootstrapServer(
                gateway.dtls(),
                bootstrapKeys,
                device.getPublic(),
                EP,
                new TestBootstrapServer.Behaviour(false, Optional.empty(), commands));
        server.set(created);
        closeables.add(created);
        return created;
    }

    /** Delete the old management account, write the new one (/0/1, /1/0 with ssid 101), Finish. */
    private List<CoapRequest> bootstrapScript(URI leshanUri, KeyPair leshanServerKeys, long lifetime) {
        try {
            return List.of(
                    CoapRequest.delete("/1").build(),
                    write(LwM2mPath.of(0, 1), rpkAccount(1, leshanUri, leshanServerKeys, 101)),
                    write(LwM2mPath.of(1, 0), server(0, 101, lifetime).build().toObjectInstance()),
                    CoapRequest.post("/bs").build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode the bootstrap script", e);
        }
    }

    private CoapRequest write(LwM2mPath path, ObjectInstance instance) throws Exception {
        byte[] payload = gateway.codec()
                .encode(instance, path, ContentFormat.TLV, gateway.store().models());
        return CoapRequest.put(path.toString())
                .contentFormat(ContentFormat.TLV)
                .payload(payload)
                .build();
    }
}
