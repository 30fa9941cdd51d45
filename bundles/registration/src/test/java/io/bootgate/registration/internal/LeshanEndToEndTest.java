/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.registration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.dm.DeviceDataAdapter;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.AccessControl;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.objects.SecurityInstance;
import io.bootgate.api.objects.ServerInstance;
import io.bootgate.api.registration.RegistrationEvent;
import io.bootgate.api.registration.RegistrationState;
import io.bootgate.api.registration.ServerRegistration;
import io.bootgate.api.transport.CoapRequest;
import io.bootgate.dm.internal.DeviceManagementService;
import io.bootgate.dm.internal.DeviceManagementServices;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.dtls.internal.DtlsFactoryConfiguration;
import io.bootgate.engine.internal.BootstrapRequestTriggerComponent;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedBootstrapMode;
import io.bootgate.mode.client.initiated.internal.ClientInitiatedConfiguration;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestBootstrapServer;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import io.bootgate.models.internal.BundledDdfModelsProvider;
import io.bootgate.store.StoreOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;
import org.eclipse.leshan.server.bootstrap.InMemoryBootstrapConfigStore;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.BootstrapSecurityStoreAdapter;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole path of a proxied device, end to end, with real peers over real DTLS on loopback: bootstrapped by
 * Bootgate's bootstrap server through the engine's client-initiated mode, registered by the registration manager
 * with Eclipse Leshan 2.0.0-M15's LwM2M server (RPK), and managed by that server through the real
 * device-management service under the device's ACLs; then re-bootstrapped by the server's Bootstrap-Request
 * Trigger.
 */
class LeshanEndToEndTest {

    private static final String EP = "urn:dev:ops:e2e-1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long LESHAN_TIMEOUT_MS = 20_000;
    private static final int A = 101;
    private static final int B = 102;
    /** A multi-instance test object held in the store, with a writable integer resource 0. */
    private static final int TEST_OBJECT = 1000;

    private static final io.bootgate.api.model.ObjectModel TEST_MODEL = io.bootgate.api.model.ObjectModel.of(
            TEST_OBJECT,
            "Test",
            "1.0",
            true,
            false,
            List.of(new ResourceModel(0, "Value", Operations.READ_WRITE, false, false, ResourceType.INTEGER)));

    private final ObjectModelRegistry models = ObjectModelRegistry.standard()
            .with(new BundledDdfModelsProvider().models())
            .with(List.of(TEST_MODEL));
    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair dmDevice = TestPki.newKeyPair();
    private final KeyPair leshanKeys = TestPki.newKeyPair();
    private final KeyPair secondLeshanKeys = TestPki.newKeyPair();
    private final KeyPair bootstrapKeys = TestPki.newKeyPair();
    private final Temperature temperature = new Temperature();
    private final List<RegistrationEvent> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path dataDirectory;

    private TestGateway gateway;
    private ScheduledThreadPoolExecutor scheduler;
    private DeviceManagementService dm;
    private RegistrationManager manager;
    /** The manager's DTLS factory: the real one, able to hold back Register answers. */
    private HeldRegisterAnswers heldAnswers;

    @BeforeEach
    void start() throws Exception {
        startGateway(StoreOptions.inMemory(() -> models).withModels(models));
    }

    /** Starts the gateway's parts on {@code storeOptions}, wired as the DS components are. */
    private void startGateway(StoreOptions storeOptions) throws Exception {
        gateway = new TestGateway(
                TestAccessControl::create,
                Duration.ofSeconds(247),
                Configurations.defaults(DtlsFactoryConfiguration.class),
                storeOptions);
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
        scheduler = new ScheduledThreadPoolExecutor(2);
        scheduler.setRemoveOnCancelPolicy(true);
        // The registration manager hands each server session to the device-management service, which reaches the
        // engine's Bootstrap-Request Trigger for /1/x/9.
        dm = DeviceManagementServices.create(
                gateway.store(), gateway.accessControl(), gateway.codec(), models, scheduler);
        dm.addAdapter(temperature, Set.of(EP));
        dm.setBootstrapTrigger(
                new BootstrapRequestTriggerComponent(gateway.engine(), gateway.store(), gateway.accessControl()));
        heldAnswers = new HeldRegisterAnswers(gateway.dtls());
        manager = new RegistrationManager(
                gateway.store(),
                gateway.engine(),
                gateway.accessControl(),
                heldAnswers,
                new DefaultKeyCodec(),
                scheduler,
                Clock.systemUTC(),
                Math::random,
                RegistrationManager.openLocations(dataDirectory.resolve("registrations"), scheduler, 50),
                new RegistrationManager.Settings(Duration.ofSeconds(5), 0.8, 0.9, Duration.ZERO));
        manager.setDeviceManagement(dm);
        manager.addListener(events::add);
        gateway.store().addListener(event -> {
            manager.storeChanged(event);
            dm.storeChanged(event);
        });
        gateway.engine().addListener(manager::bootstrapEvent);
    }

    /** Stops the gateway's parts as a Karaf shutdown would: no De-register, the locations written. */
    private void stopGateway() throws Exception {
        manager.stop();
        dm.close();
        gateway.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        stopGateway();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void leshanReadsObservesAndIsRefusedWhereTheAclSays() throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        LeshanServerFixture second = leshan(secondLeshanKeys);
        List<CoapRequest> script = twoServerScript(leshan, leshanKeys, second, server(0, A, 300));
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(script));
        provisionBootstrapAccount(bootstrapServer.uri());

        assertThat(bootstrap().isSuccess()).isTrue();

        await().atMost(WAIT)
                .until(() -> state(A) == RegistrationState.REGISTERED && state(B) == RegistrationState.REGISTERED);
        Registration registration = leshan.registration(EP);
        // The object versions reached Leshan on the object links (</3>;ver=1.1,</3/0>).
        assertThat(registration.getSupportedObject())
                .containsEntry(3, new org.eclipse.leshan.core.LwM2m.Version("1.1"));
        assertThat(registration.getSupportedObject())
                .containsKeys(1, 3303, TEST_OBJECT)
                .doesNotContainKey(0);

        ReadResponse read = send(leshan, registration, new ReadRequest(3, 0));
        assertThat(read.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
        LwM2mObjectInstance deviceInstance = (LwM2mObjectInstance) read.getContent();
        assertThat(deviceInstance.getResource(2).getValue()).isEqualTo("SN-E2E");

        List<Double> notified = new CopyOnWriteArrayList<>();
        leshan.server().getObservationService().addListener(new NotificationRecorder(notified));
        ObserveResponse observed = send(leshan, registration, new ObserveRequest(3303, 0, 5700));
        assertThat(observed.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
        assertThat(((LwM2mSingleResource) observed.getContent()).getValue()).isEqualTo(20.0);
        temperature.set(23.5);
        await().atMost(WAIT).until(() -> notified.contains(23.5));

        LwM2mResponse toSecurity = send(leshan, registration, new WriteRequest(0, 1, 0, "coaps://elsewhere"));
        assertThat(toSecurity.getCode())
                .as("write to /0 by a management server")
                .isEqualTo(org.eclipse.leshan.core.ResponseCode.UNAUTHORIZED);
        LwM2mResponse denied = send(leshan, registration, new WriteRequest(TEST_OBJECT, 1, 0, 5L));
        assertThat(denied.getCode())
                .as("write the ACL does not grant")
                .isEqualTo(org.eclipse.leshan.core.ResponseCode.UNAUTHORIZED);
        LwM2mResponse deleted = send(leshan, registration, new DeleteRequest(TEST_OBJECT, 1));
        assertThat(deleted.getCode())
                .as("delete of an instance owned by another server")
                .isEqualTo(org.eclipse.leshan.core.ResponseCode.UNAUTHORIZED);
        assertThat(gateway.store().snapshot(EP).value(LwM2mPath.of(TEST_OBJECT, 1, 0)))
                .hasValueSatisfying(value -> assertThat(value.longValue()).isEqualTo(7L));
        assertThat(gateway.store().snapshot(EP).instance(0, 1)).isPresent();
    }

    @Test
    void bootstrapRequestTriggerExecutedByLeshanBootstrapsAgainAndRegistersWithWhatWasGiven() throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        // The second bootstrap gives the same server a new lifetime.
        TestBootstrapServer bootstrapServer =
                bootstrapServer(List.of(singleServerScript(leshan.uri(), 300), singleServerScript(leshan.uri(), 600)));
        provisionBootstrapAccount(bootstrapServer.uri());
        assertThat(bootstrap().isSuccess()).isTrue();
        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        assertThat(leshan.lines("registered " + EP)).hasSize(1);

        LwM2mResponse executed = send(leshan, leshan.registration(EP), new ExecuteRequest(1, 0, 9));

        assertThat(executed.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CHANGED);
        await().atMost(WAIT)
                .until(() -> gateway.events().stream()
                                .filter(e -> e.type() == BootstrapEvent.Type.BOOTSTRAPPED)
                                .count()
                        == 2);
        // After the bootstrap the device registers anew with what it was given, not
        // merely an Update of the old registration.
        await().atMost(WAIT).until(() -> leshan.lines("registered " + EP).size() == 2);
        assertThat(leshan.lines("registered " + EP).get(1)).contains("lt=600");
        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        assertThat(manager.registrations(EP).get(0).lifetimeSeconds()).isEqualTo(600);
        // And the server manages it over the new registration.
        ReadResponse read = send(leshan, leshan.registration(EP), new ReadRequest(3, 0));
        assertThat(read.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
        assertThat(leshan.lines("registered " + EP)).hasSize(2);
    }

    @Test
    void rotatedServerKeyFailsRegistrationAndTheInitializationRebootstrapRemovesTheOldServerBeforeRegistering()
            throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        LeshanServerFixture second = leshan(secondLeshanKeys);
        KeyPair rotatedAway = TestPki.newKeyPair();
        // The device trusts A's old key; /1/x/16 false so that the failure waits for the operator's re-bootstrap.
        ObjectInstance aServer = ServerInstance.builder(0, A)
                .lifetime(300)
                .communicationRetryCount(1)
                .communicationSequenceRetryCount(1)
                .otherResource(SingleResource.ofBoolean(Server.BOOTSTRAP_ON_REGISTRATION_FAILURE, false))
                .build()
                .toObjectInstance();
        // The second bootstrap provisions A again, with its current key, and nothing about ACL entries of A.
        List<CoapRequest> reprovisionA = reprovisionScript(leshan.uri(), leshanKeys);
        TestBootstrapServer bootstrapServer =
                bootstrapServer(List.of(twoServerScript(leshan, rotatedAway, second, aServer), reprovisionA));
        provisionBootstrapAccount(bootstrapServer.uri());
        assertThat(bootstrap().isSuccess()).isTrue();
        await().atMost(WAIT)
                .until(() -> state(A) == RegistrationState.FAILED && state(B) == RegistrationState.REGISTERED);
        assertThat(manager.registrations(EP).get(0).lastError())
                .hasValueSatisfying(cause -> assertThat(cause).contains("UNTRUSTED_PEER"));
        assertThat(leshan.lines("registered " + EP)).isEmpty();
        assertThat(aclEntries(4)).containsKey(A);

        BootstrapOutcome outcome = manager.rebootstrap(EP, OptionalInt.of(A))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome.isSuccess()).isTrue();
        await().atMost(WAIT)
                .until(() -> state(A) == RegistrationState.REGISTERED && state(B) == RegistrationState.REGISTERED);
        assertThat(leshan.lines("registered " + EP)).hasSize(1);
        // E.1.3: the old server's ACL entries went with it, and the Device object it owned passed to B.
        assertThat(aclEntries(4)).doesNotContainKey(A);
        assertThat(gateway.store().snapshot(EP).value(LwM2mPath.of(2, 2, AccessControl.ACCESS_CONTROL_OWNER)))
                .hasValueSatisfying(owner -> assertThat(owner.longValue()).isEqualTo((long) B));
        // So the re-provisioned A, registered with its new credentials, may no longer read B's instance; B may.
        ReadResponse byA = send(leshan, leshan.registration(EP), new ReadRequest(TEST_OBJECT, 1));
        assertThat(byA.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.UNAUTHORIZED);
        ReadResponse byB = send(second, second.registration(EP), new ReadRequest(TEST_OBJECT, 1));
        assertThat(byB.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
    }

    @Test
    void
            keyRotatedAtTheServerFailsRegistrationAndBootstrapOnRegistrationFailureReBootstrapsWithTheInitializationOption()
                    throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        LeshanServerFixture second = leshan(secondLeshanKeys);
        int port = leshan.uri().getPort();
        KeyPair rotated = TestPki.newKeyPair();
        // A: /1/x/16 left at its default (true), one try per sequence, and a short lifetime so that the device
        // soon needs the server again after the rotation.
        ObjectInstance aServer = server(0, A, 12);
        // The bootstrap server knows the rotated key: its second session provisions A with it (and nothing about
        // A's ACL entries).
        List<CoapRequest> reprovisionA = reprovisionScript(leshan.uri(), rotated);
        TestBootstrapServer bootstrapServer =
                bootstrapServer(List.of(twoServerScript(leshan, leshanKeys, second, aServer), reprovisionA));
        provisionBootstrapAccount(bootstrapServer.uri());
        assertThat(bootstrap().isSuccess()).isTrue();
        await().atMost(WAIT)
                .until(() -> state(A) == RegistrationState.REGISTERED && state(B) == RegistrationState.REGISTERED);
        assertThat(aclEntries(4)).containsKey(A);
        List<Boolean> aServerInstancePresent = new CopyOnWriteArrayList<>();
        gateway.store()
                .addListener(event -> aServerInstancePresent.add(
                        gateway.store().snapshot(EP).instance(Server.ID, 0).isPresent()));

        // The server's key is rotated: the same server (same address) comes back with a new key pair.
        closeables.remove(leshan);
        leshan.close();
        LeshanServerFixture rotatedLeshan =
                LeshanServerFixture.rpk(rotated, leshanModels(), port).allowRpk(EP, dmDevice.getPublic());
        closeables.add(rotatedLeshan);

        // Update (on the old session, unknown to the new server) → Register on a new session → UNTRUSTED_PEER,
        // /1/x/17-20 exhausted → /1/x/16 → re-bootstrap with the initialization option for A → Register.
        await().atMost(Duration.ofSeconds(120))
                .until(() ->
                        !rotatedLeshan.lines("registered " + EP).isEmpty() && state(A) == RegistrationState.REGISTERED);
        assertThat(events)
                .anyMatch(e -> e.shortServerId() == A
                        && e.state() == RegistrationState.FAILED
                        && e.cause().orElse("").contains("UNTRUSTED_PEER"));
        // Bootstrapped exactly once more, with A's Server instance removed in its own commit before the
        // bootstrap server provisioned it again.
        assertThat(gateway.events())
                .filteredOn(e -> e.type() == BootstrapEvent.Type.BOOTSTRAPPED)
                .hasSize(2);
        assertThat(bootstrapServer.received())
                .filteredOn(r -> r.pathString().equals("/bs"))
                .hasSize(2);
        assertThat(aServerInstancePresent).containsSubsequence(false, true);
        // E.1.3: A's old ACL entries are gone (the Device object it owned went to B), so the re-provisioned A
        // can no longer read B's instance.
        assertThat(aclEntries(4)).doesNotContainKey(A);
        assertThat(gateway.store().snapshot(EP).value(LwM2mPath.of(2, 2, AccessControl.ACCESS_CONTROL_OWNER)))
                .hasValueSatisfying(owner -> assertThat(owner.longValue()).isEqualTo((long) B));
        ReadResponse byA = send(rotatedLeshan, rotatedLeshan.registration(EP), new ReadRequest(TEST_OBJECT, 1));
        assertThat(byA.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.UNAUTHORIZED);
        await().atMost(WAIT).until(() -> state(B) == RegistrationState.REGISTERED);
        assertThat(gateway.events())
                .filteredOn(e -> e.type() == BootstrapEvent.Type.BOOTSTRAPPED)
                .hasSize(2);
    }

    @Test
    void serverRestartedWithoutItsDtlsSessionsAndRegistrationsGetsARegisterOnANewSessionLongBeforeTheLifetimeEnds()
            throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        int port = leshan.uri().getPort();
        String oldLocation = bootstrapAndRegister(leshan, 300);

        // The server restarts on the same address with the same key, its DTLS sessions and registrations lost.
        closeables.remove(leshan);
        leshan.close();
        LeshanServerFixture restarted =
                LeshanServerFixture.rpk(leshanKeys, leshanModels(), port).allowRpk(EP, dmDevice.getPublic());
        closeables.add(restarted);
        int eventsBefore = events.size();

        // The device's next Update (asked for now, as /1/x/8 would; the scheduled one comes at 80-90 % of the
        // 300 s lifetime) goes out on the old session, whose records the restarted server drops unanswered.
        assertThat(manager.triggerUpdate(EP, A)).isTrue();

        // Before the fix the Update was retried on the old session until the lifetime nearly lapsed.
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        !restarted.lines("registered " + EP).isEmpty() && state(A) == RegistrationState.REGISTERED);
        // stream() reads a snapshot; a subList of a CopyOnWriteArrayList throws if an event arrives meanwhile.
        List<RegistrationEvent> afterRestart =
                events.stream().skip(eventsBefore).toList();
        assertThat(afterRestart)
                .extracting(RegistrationEvent::state)
                .containsSubsequence(
                        RegistrationState.UPDATE_FAILED, RegistrationState.REGISTERING, RegistrationState.REGISTERED);
        assertThat(afterRestart)
                .filteredOn(e -> e.state() == RegistrationState.UPDATE_FAILED)
                .first()
                .satisfies(e -> assertThat(e.cause())
                        .hasValueSatisfying(cause -> assertThat(cause).startsWith("Update failed: TIMEOUT")));
        // A Register, not an Update on a new session: the restarted server never saw an Update.
        assertThat(restarted.lines("updated " + EP)).isEmpty();
        assertThat(restarted.lines("registered " + EP)).hasSize(1);
        // The new location replaced the saved one, and the restarted server manages the device over the new session.
        assertRegisteredAnewAndManaged(restarted, oldLocation);
    }

    @Test
    void updateAnsweredNotFoundRegistersAtOnce() throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        String oldLocation = bootstrapAndRegister(leshan, 300);
        int eventsBefore = events.size();

        // The server forgot the registration (its DTLS session is intact): the next Update gets 4.04.
        leshan.forget(EP);
        assertThat(manager.triggerUpdate(EP, A)).isTrue();

        await().atMost(WAIT)
                .until(() -> leshan.lines("registered " + EP).size() == 2 && state(A) == RegistrationState.REGISTERED);
        List<RegistrationEvent> afterForget = events.stream().skip(eventsBefore).toList();
        assertThat(afterForget)
                .extracting(RegistrationEvent::state)
                .containsSubsequence(RegistrationState.REGISTERING, RegistrationState.REGISTERED)
                .doesNotContain(RegistrationState.UPDATE_FAILED);
        assertRegisteredAnewAndManaged(leshan, oldLocation);
    }

    /** Bootstraps the device with {@code leshan} as its one management server; returns the location of its Register. */
    private String bootstrapAndRegister(LeshanServerFixture leshan, long lifetime) throws Exception {
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(singleServerScript(leshan.uri(), lifetime)));
        provisionBootstrapAccount(bootstrapServer.uri());
        assertThat(bootstrap().isSuccess()).isTrue();
        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        return manager.registrations(EP).get(0).location().orElseThrow();
    }

    /**
     * The device holds a new registration at {@code leshan} (not {@code oldLocation}), saved in the location file,
     * and Leshan reads /3/0 over it.
     */
    private void assertRegisteredAnewAndManaged(LeshanServerFixture leshan, String oldLocation) throws Exception {
        Registration registration = leshan.registration(EP);
        String newLocation = manager.registrations(EP).get(0).location().orElseThrow();
        assertThat(newLocation).isNotEqualTo(oldLocation).endsWith("/" + registration.getId());
        assertThat(manager.locations().get(EP, A))
                .hasValueSatisfying(saved -> assertThat(saved.location()).isEqualTo(newLocation));
        ReadResponse read = send(leshan, registration, new ReadRequest(3, 0));
        assertThat(read.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
    }

    @Test
    void serverRequestArrivingBeforeTheGatewayProcessedTheRegisterAnswerIsServedOnceItIs() throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(singleServerScript(leshan.uri(), 300)));
        provisionBootstrapAccount(bootstrapServer.uri());
        heldAnswers.hold();

        assertThat(bootstrap().isSuccess()).isTrue();

        // Leshan answered 2.01 and holds the registration; the gateway has not seen the answer yet.
        await().atMost(WAIT).until(() -> leshan.registration(EP) != null && heldAnswers.heldAnswers() == 1);
        assertThat(state(A)).isEqualTo(RegistrationState.REGISTERING);
        Registration registration = leshan.registration(EP);
        CompletableFuture<ReadResponse> read = CompletableFuture.supplyAsync(() -> {
            try {
                return send(leshan, registration, new ReadRequest(3, 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        // The Read reached the gateway and waits for the Register answer (it used to get 5.03 here).
        await().atMost(WAIT).until(() -> manager.waitingServerRequests(EP, A) == 1);
        assertThat(read).isNotDone();

        heldAnswers.release();

        ReadResponse response = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
        assertThat(((LwM2mObjectInstance) response.getContent()).getResource(2).getValue())
                .isEqualTo("SN-E2E");
        assertThat(state(A)).isEqualTo(RegistrationState.REGISTERED);
        assertThat(manager.waitingServerRequests(EP, A)).isZero();
    }

    /** The management credentials the bootstrap server provisions. */
    enum Credentials {
        RPK,
        X509
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void deviceBootstrappedWithManagementCredentialsRegistersAndLeshanReadsTheDeviceObject(Credentials credentials)
            throws Exception {
        LeshanServerFixture leshan;
        ObjectInstance account;
        if (credentials == Credentials.X509) {
            // Leshan presents a certificate of the test CA and trusts client certificates of the same CA whose
            // CN is the endpoint; the device is given its own certificate and the server's.
            TestPki pki = new TestPki();
            TestPki.Credentials serverCredentials = pki.server("localhost");
            TestPki.Credentials client = pki.client(EP);
            leshan = LeshanServerFixture.x509(
                            serverCredentials.keys(),
                            new X509Certificate[] {serverCredentials.certificate()},
                            new X509Certificate[] {pki.caCertificate()},
                            leshanModels())
                    .allowX509(EP);
            closeables.add(leshan);
            account = SecurityInstance.builder(1)
                    .serverUri(leshan.uri().toString())
                    .securityMode(SecurityMode.CERTIFICATE)
                    .publicKeyOrIdentity(Devices.der(client.certificate()))
                    .serverPublicKey(Devices.der(serverCredentials.certificate()))
                    .secretKey(client.keys().getPrivate().getEncoded())
                    .shortServerId(A)
                    .certificateUsage(CertificateUsage.DOMAIN_ISSUED_CERTIFICATE)
                    .build()
                    .toObjectInstance();
        } else {
            leshan = leshan(leshanKeys);
            account = rpkAccount(1, leshan.uri(), leshanKeys, A);
        }
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(List.of(
                CoapRequest.delete("/1").build(),
                write(LwM2mPath.of(0, 1), account),
                write(LwM2mPath.of(1, 0), server(0, A, 300)),
                CoapRequest.post("/bs").build())));
        provisionBootstrapAccount(bootstrapServer.uri());

        assertThat(bootstrap().isSuccess()).isTrue();

        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        assertThat(leshan.lines("registered " + EP)).hasSize(1);
        ReadResponse read = send(leshan, leshan.registration(EP), new ReadRequest(3, 0));
        assertThat(read.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
        assertThat(((LwM2mObjectInstance) read.getContent()).getResource(2).getValue())
                .isEqualTo("SN-E2E");
    }

    @Test
    void gatewayRestartUpdatesTheRegistrationWithoutBootstrappingAgainAndLeshanStillManagesTheDevice()
            throws Exception {
        stopGateway();
        StoreOptions persistent = StoreOptions.persistent(dataDirectory.resolve("store"), () -> models)
                .withModels(models);
        startGateway(persistent);
        LeshanServerFixture leshan = leshan(leshanKeys);
        TestBootstrapServer bootstrapServer = bootstrapServer(List.of(singleServerScript(leshan.uri(), 300)));
        provisionBootstrapAccount(bootstrapServer.uri());
        assertThat(bootstrap().isSuccess()).isTrue();
        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        String location = manager.registrations(EP).get(0).location().orElseThrow();
        // The bootstrap server runs on the first gateway's DTLS factory: it goes with it.
        closeables.remove(bootstrapServer);
        bootstrapServer.close();

        stopGateway();
        startGateway(persistent);
        gateway.engine().addDevice(DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)));
        manager.start();

        await().atMost(WAIT).until(() -> !leshan.lines("updated " + EP).isEmpty());
        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        assertThat(leshan.lines("registered " + EP)).hasSize(1);
        assertThat(manager.registrations(EP).get(0).location()).contains(location);
        assertThat(gateway.events())
                .as("the restarted engine found the committed configuration and ran no bootstrap")
                .noneMatch(e -> e.type() == BootstrapEvent.Type.ATTEMPT_STARTED);
        // The Update came from the restarted gateway's new DTLS session, and Leshan reaches the device over it.
        ReadResponse read = send(leshan, leshan.registration(EP), new ReadRequest(3, 0));
        assertThat(read.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
    }

    @Test
    void deviceBootstrappedByLeshansBootstrapServerRegistersAndIsBootstrappedThereAgainOnLeshansTrigger()
            throws Exception {
        LeshanServerFixture leshan = leshan(leshanKeys);
        List<String> leshanBootstrapSessions = new CopyOnWriteArrayList<>();
        LeshanBootstrapServer leshanBootstrap = leshanBootstrapServer(leshanBootstrapSessions);
        BootstrapConfig config = new BootstrapConfig();
        // The same configuration both times: Delete "/" and rewrite the accounts unchanged.
        config.autoIdForSecurityObject = true;
        config.toDelete = List.of("/");
        config.security.put(
                0, leshanSecurity(leshanBootstrap.getEndpoint(Protocol.COAPS).getURI(), null, device, bootstrapKeys));
        config.security.put(1, leshanSecurity(leshan.uri(), A, dmDevice, leshanKeys));
        BootstrapConfig.ServerConfig dmServer = new BootstrapConfig.ServerConfig();
        dmServer.shortId = A;
        dmServer.lifetime = 300;
        dmServer.binding = EnumSet.of(BindingMode.U);
        config.servers.put(0, dmServer);
        leshanBootstrapConfigs.add(EP, config);
        provisionBootstrapAccount(leshanBootstrap.getEndpoint(Protocol.COAPS).getURI());

        assertThat(bootstrap().isSuccess()).isTrue();

        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        assertThat(leshanBootstrapSessions).containsExactly("ended " + EP);
        ReadResponse read = send(leshan, leshan.registration(EP), new ReadRequest(3, 0));
        assertThat(read.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);

        LwM2mResponse executed = send(leshan, leshan.registration(EP), new ExecuteRequest(1, 0, 9));

        assertThat(executed.getCode()).isEqualTo(org.eclipse.leshan.core.ResponseCode.CHANGED);
        await().atMost(WAIT).until(() -> leshanBootstrapSessions.size() == 2);
        assertThat(leshanBootstrapSessions).containsOnly("ended " + EP);
        // The accounts came back unchanged, yet the device registers anew after its bootstrap.
        await().atMost(WAIT).until(() -> leshan.lines("registered " + EP).size() == 2);
        await().atMost(WAIT).until(() -> state(A) == RegistrationState.REGISTERED);
        assertThat(send(leshan, leshan.registration(EP), new ReadRequest(3, 0)).getCode())
                .isEqualTo(org.eclipse.leshan.core.ResponseCode.CONTENT);
    }

    // ---------------------------------------------------------------- helpers

    private final InMemoryBootstrapConfigStore leshanBootstrapConfigs = new InMemoryBootstrapConfigStore();

    /**
     * A real Leshan bootstrap server (RPK, {@link #bootstrapKeys}) that knows the device by its bootstrap key and
     * serves what {@link #leshanBootstrapConfigs} holds; each session's end is recorded.
     */
    private LeshanBootstrapServer leshanBootstrapServer(List<String> sessions) throws Exception {
        InMemorySecurityStore security = new InMemorySecurityStore();
        security.add(SecurityInfo.newRawPublicKeyInfo(EP, device.getPublic()));
        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setPublicKey(bootstrapKeys.getPublic());
        builder.setPrivateKey(bootstrapKeys.getPrivate());
        builder.setSecurityStore(new BootstrapSecurityStoreAdapter(security));
        builder.setConfigStore(leshanBootstrapConfigs);
        builder.setEndpointsProviders(
                new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapsBootstrapServerProtocolProvider())
                        .addEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Protocol.COAPS)
                        .build());
        LeshanBootstrapServer server = builder.build();
        server.addListener(new BootstrapSessionAdapter() {
            @Override
            public void end(BootstrapSession session) {
                sessions.add("ended " + session.getEndpoint());
            }

            @Override
            public void failed(BootstrapSession session, BootstrapFailureCause cause) {
                sessions.add("failed " + session.getEndpoint() + " " + cause);
            }
        });
        server.start();
        closeables.add(server::destroy);
        return server;
    }

    private static BootstrapConfig.ServerSecurity leshanSecurity(
            URI uri, Integer ssid, KeyPair client, KeyPair server) {
        BootstrapConfig.ServerSecurity security = new BootstrapConfig.ServerSecurity();
        security.uri = uri.toString();
        security.bootstrapServer = ssid == null;
        security.securityMode = org.eclipse.leshan.core.SecurityMode.RPK;
        security.publicKeyOrId = client.getPublic().getEncoded();
        security.secretKey = client.getPrivate().getEncoded();
        security.serverPublicKey = server.getPublic().getEncoded();
        security.serverId = ssid;
        return security;
    }

    /** The ACL resource (/2/id/2) of an Access Control instance: SSID → rights. */
    private Map<Integer, Long> aclEntries(int accessControlInstance) {
        Map<Integer, Long> entries = new TreeMap<>();
        gateway.store()
                .snapshot(EP)
                .instance(2, accessControlInstance)
                .orElseThrow()
                .resource(AccessControl.ACL)
                .filter(MultipleResource.class::isInstance)
                .map(MultipleResource.class::cast)
                .ifPresent(acl -> acl.values().forEach((ssid, value) -> entries.put(ssid, value.longValue())));
        return entries;
    }

    private LeshanServerFixture leshan(KeyPair keys) throws Exception {
        LeshanServerFixture leshan =
                LeshanServerFixture.rpk(keys, leshanModels()).allowRpk(EP, dmDevice.getPublic());
        closeables.add(leshan);
        return leshan;
    }

    /** The models Leshan needs besides its defaults: the shipped Temperature DDF and the test object. */
    private static List<ObjectModel> leshanModels() throws Exception {
        List<ObjectModel> extra = new ArrayList<>();
        try (InputStream ddf = BundledDdfModelsProvider.class.getResourceAsStream("/ddf/3303-temperature.xml")) {
            assertThat(ddf).as("the models bundle's Temperature DDF").isNotNull();
            extra.addAll(ObjectLoader.loadDdfFile(ddf, "3303-temperature.xml"));
        }
        extra.add(new ObjectModel(
                TEST_OBJECT,
                "Test",
                "",
                "1.0",
                true,
                false,
                new org.eclipse.leshan.core.model.ResourceModel(
                        0,
                        "Value",
                        org.eclipse.leshan.core.model.ResourceModel.Operations.RW,
                        false,
                        false,
                        org.eclipse.leshan.core.model.ResourceModel.Type.INTEGER,
                        "",
                        "",
                        "")));
        return extra;
    }

    private static <T extends LwM2mResponse> T send(
            LeshanServerFixture leshan,
            Registration registration,
            org.eclipse.leshan.core.request.DownlinkRequest<T> request)
            throws InterruptedException {
        T response = leshan.server().send(registration, request, LESHAN_TIMEOUT_MS);
        assertThat(response).as("Leshan got an answer to " + request).isNotNull();
        return response;
    }

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

    private static ObjectInstance server(int id, int ssid, long lifetime) {
        return ServerInstance.builder(id, ssid)
                .lifetime(lifetime)
                .communicationRetryCount(1)
                .communicationSequenceRetryCount(1)
                .build()
                .toObjectInstance();
    }

    private static ObjectInstance accessControl(
            int id, int objectId, int instanceId, int owner, Map<Integer, Integer> acl) {
        TreeMap<Integer, ResourceValue> entries = new TreeMap<>();
        acl.forEach((ssid, bits) -> entries.put(ssid, ResourceValue.ofInteger(bits)));
        List<io.bootgate.api.model.Resource> resources = new ArrayList<>();
        resources.add(SingleResource.ofInteger(AccessControl.OBJECT_ID, objectId));
        resources.add(SingleResource.ofInteger(AccessControl.OBJECT_INSTANCE_ID, instanceId));
        if (!entries.isEmpty()) {
            resources.add(new MultipleResource(AccessControl.ACL, ResourceType.INTEGER, entries));
        }
        resources.add(SingleResource.ofInteger(AccessControl.ACCESS_CONTROL_OWNER, owner));
        return ObjectInstance.of(id, resources);
    }

    private void provisionBootstrapAccount(URI bootstrapUri) {
        Devices.provision(
                gateway.store(),
                EP,
                List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                List.of(
                        Devices.rpkBootstrapAccount(0, bootstrapUri, device, bootstrapKeys.getPublic()),
                        Devices.device("SN-E2E")));
    }

    private BootstrapOutcome bootstrap() throws Exception {
        return gateway.bootstrap(DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Bootgate's test bootstrap server, sending the n-th script to the n-th Bootstrap-Request (the last after). */
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

    /**
     * Bootstrap commands for a device with two management servers A (101) and B (102), the test instance
     * /1000/1 and their Access Control instances: A owns its Server instance and the Device object; the sensor
     * (owned by B) is readable by everyone through the default entry 0; the test instance is B's, A may only
     * read it.
     *
     * @param aServerKeys the key the device is told to trust for A
     * @param aServer A's Server instance /1/0
     */
    private List<CoapRequest> twoServerScript(
            LeshanServerFixture a, KeyPair aServerKeys, LeshanServerFixture b, ObjectInstance aServer)
            throws Exception {
        return List.of(
                write(LwM2mPath.of(0, 1), rpkAccount(1, a.uri(), aServerKeys, A)),
                write(LwM2mPath.of(0, 2), rpkAccount(2, b.uri(), secondLeshanKeys, B)),
                write(LwM2mPath.of(1, 0), aServer),
                write(LwM2mPath.of(1, 1), server(1, B, 300)),
                write(LwM2mPath.of(TEST_OBJECT, 1), ObjectInstance.of(1, SingleResource.ofInteger(0, 7))),
                write(LwM2mPath.of(2, 0), accessControl(0, 1, 0, A, Map.of())),
                write(LwM2mPath.of(2, 1), accessControl(1, 1, 1, B, Map.of())),
                write(LwM2mPath.of(2, 2), accessControl(2, 3, 0, A, Map.of(B, AccessRights.READ))),
                write(LwM2mPath.of(2, 3), accessControl(3, 3303, 0, B, Map.of(0, AccessRights.READ))),
                write(LwM2mPath.of(2, 4), accessControl(4, TEST_OBJECT, 1, B, Map.of(A, AccessRights.READ))),
                CoapRequest.post("/bs").build());
    }

    /**
     * Provisions A again (/0/1 with {@code aServerKeys}, /1/0, the Access Control instance of /1/0), and nothing
     * about A's entries in the other Access Control instances.
     */
    private List<CoapRequest> reprovisionScript(URI aUri, KeyPair aServerKeys) throws Exception {
        return List.of(
                write(LwM2mPath.of(0, 1), rpkAccount(1, aUri, aServerKeys, A)),
                write(LwM2mPath.of(1, 0), server(0, A, 300)),
                write(LwM2mPath.of(2, 0), accessControl(0, 1, 0, A, Map.of())),
                CoapRequest.post("/bs").build());
    }

    /** Delete /1, write the one management account (/0/1, /1/0 with SSID 101), Finish. */
    private List<CoapRequest> singleServerScript(URI leshanUri, long lifetime) {
        try {
            return List.of(
                    CoapRequest.delete("/1").build(),
                    write(LwM2mPath.of(0, 1), rpkAccount(1, leshanUri, leshanKeys, A)),
                    write(LwM2mPath.of(1, 0), server(0, A, lifetime)),
                    CoapRequest.post("/bs").build());
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode the bootstrap script", e);
        }
    }

    private CoapRequest write(LwM2mPath path, ObjectInstance instance) throws Exception {
        byte[] payload = gateway.codec().encode(instance, path, ContentFormat.TLV, models);
        return CoapRequest.put(path.toString())
                .contentFormat(ContentFormat.TLV)
                .payload(payload)
                .build();
    }

    /** The proxied device's own sensor: Temperature /3303/0 whose value the test sets, as an adapter would. */
    private static final class Temperature implements DeviceDataAdapter {
        private volatile double value = 20.0;
        private volatile ChangeSink sink;

        void set(double newValue) {
            value = newValue;
            ChangeSink current = sink;
            if (current != null) {
                current.changed(EP, LwM2mPath.of(3303, 0, 5700));
            }
        }

        @Override
        public Set<Integer> objectIds(String endpoint) {
            return Set.of(3303);
        }

        @Override
        public List<ObjectInstance> read(String endpoint, int objectId) {
            return List.of(ObjectInstance.of(
                    0, SingleResource.of(5700, ResourceValue.ofFloat(value)), SingleResource.ofString(5701, "Cel")));
        }

        @Override
        public ResponseCode write(String endpoint, LwM2mPath resource, ResourceValue newValue) {
            return ResponseCode.METHOD_NOT_ALLOWED;
        }

        @Override
        public ResponseCode execute(String endpoint, LwM2mPath resource, String arguments) {
            return ResponseCode.METHOD_NOT_ALLOWED;
        }

        @Override
        public void setChangeSink(ChangeSink sink) {
            this.sink = sink;
        }
    }

    /** Records the values of /3303/0/5700 notifications Leshan receives. */
    private record NotificationRecorder(List<Double> values) implements ObservationListener {
        @Override
        public void newObservation(Observation observation, Registration registration) {}

        @Override
        public void cancelled(Observation observation) {}

        @Override
        public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
            if (response.getContent() instanceof LwM2mSingleResource resource
                    && resource.getValue() instanceof Double value) {
                values.add(value);
            }
        }

        @Override
        public void onResponse(
                org.eclipse.leshan.core.observation.CompositeObservation observation,
                Registration registration,
                ObserveCompositeResponse response) {}

        @Override
        public void onError(Observation observation, Registration registration, Exception error) {}
    }
}
