/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bsserver.AccessControlWrite;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapOperation;
import io.bootgate.api.bsserver.BootstrapSessionEvent;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.bsserver.SessionOutcome;
import io.bootgate.api.bsserver.SessionTrigger;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.ResponseCode;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.objects.AccessControlInstance;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BootstrapSessionTest {

    static final PublicKey DEVICE_KEY = newKey();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<BootstrapSessionEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final SimulatedClient client = new SimulatedClient();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static PublicKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair().getPublic();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ServerAccount account(int ssid) {
        return ServerAccount.builder(ssid)
                .uri("coaps://lwm2m-" + ssid + ".example:5684")
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .publicKeyOrIdentity(new byte[] {1, 2})
                .serverPublicKey(new byte[] {3, 4})
                .secretKey(new byte[] {5, 6})
                .lifetime(300)
                .build();
    }

    static BootstrapConfig.Builder config() {
        return BootstrapConfig.builder("dev1", DeviceIdentity.rawPublicKey(DEVICE_KEY));
    }

    static AccessControlWrite acl(int objectId, int instanceId, int owner, Map<Integer, Integer> rights) {
        TreeMap<Integer, AccessRights> acl = new TreeMap<>();
        rights.forEach((ssid, bits) -> acl.put(ssid, AccessRights.of(bits)));
        return AccessControlWrite.sessionChosen(new AccessControlInstance(0, objectId, instanceId, acl, owner));
    }

    private BootstrapSession session(BootstrapConfig config, Duration timeout) {
        return new BootstrapSession(
                1,
                config,
                ContentFormat.TLV,
                SessionTrigger.BOOTSTRAP_REQUEST,
                new InetSocketAddress("127.0.0.1", 5683),
                client,
                events::add,
                scheduler,
                timeout,
                Clock.systemUTC());
    }

    private BootstrapSessionEvent.Ended run(BootstrapConfig config) throws Exception {
        BootstrapSession session = session(config, Duration.ofSeconds(5));
        session.start();
        return session.completion().get(5, TimeUnit.SECONDS);
    }

    private List<String> sent() {
        List<String> ops = new ArrayList<>();
        for (DeviceOperation op : client.received()) {
            ops.add(op.type() + " " + op.path());
        }
        return ops;
    }

    @Test
    void fullBootstrapNumbersAccountsAroundTheClientsBootstrapAccount() throws Exception {
        // The bootstrap account sits at /0/0 and an old account of server 7 at /0/1 and /1/0.
        client.put(
                0,
                ObjectInstance.of(
                        1,
                        SingleResource.ofString(0, "coaps://old"),
                        SingleResource.ofBoolean(1, false),
                        SingleResource.ofInteger(10, 7)));
        client.put(1, ObjectInstance.of(0, SingleResource.ofInteger(0, 7), SingleResource.ofInteger(1, 60)));
        BootstrapConfig config = config().server(account(101))
                .server(account(102))
                .accessControl(acl(3, 0, 101, Map.of(101, 7)))
                .build();

        BootstrapSessionEvent.Ended ended = run(config);

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(sent())
                .containsExactly(
                        "DISCOVER /",
                        "DELETE /0",
                        "DELETE /1",
                        "DELETE /2",
                        "WRITE /0/1",
                        "WRITE /1/0",
                        "WRITE /0/2",
                        "WRITE /1/1",
                        "WRITE /2/0",
                        "FINISH /");
        assertThat(client.object(0)).containsOnlyKeys(0, 1, 2);
        assertThat(client.object(0).get(0).value(1)).contains(ResourceValue.ofBoolean(true));
        assertThat(client.object(0).get(1).value(10)).contains(ResourceValue.ofInteger(101));
        assertThat(client.object(1).get(1).value(0)).contains(ResourceValue.ofInteger(102));
        assertThat(client.formats()).containsOnly(ContentFormat.TLV);
    }

    @Test
    void autoNumberingKeepsTheBootstrapAccountWhereverItIsAndReusesAServersInstances() throws Exception {
        // Server 7 at /0/0 and /1/0, the bootstrap account at /0/1; nothing is deleted.
        BootstrapConfig config = config().deletes(List.of())
                .server(account(101))
                .server(account(7))
                .build();
        ClientLayout layout = ClientLayout.of(Map.of(0, Map.of(0, 7, 1, 0), 1, Map.of(0, 7)));

        List<DeviceOperation> plan =
                SessionPlanner.plan(config, java.util.Optional.of(layout), java.util.Optional.empty());

        assertThat(plan)
                .extracting(op -> op.type() + " " + op.path())
                .containsExactly("WRITE /0/2", "WRITE /1/1", "DELETE /0/0", "WRITE /0/0", "DELETE /1/0", "WRITE /1/0");
    }

    @Test
    void withoutDiscoverInstancesAreNumberedFromTheConventionalLayout() throws Exception {
        BootstrapConfig config = config().autoNumberSecurityInstances(false)
                .server(account(101))
                .server(account(102))
                .build();

        assertThat(SessionPlanner.plan(config, java.util.Optional.empty(), java.util.Optional.empty()))
                .extracting(op -> op.type() + " " + op.path())
                .containsExactly("DELETE /0", "DELETE /1", "WRITE /0/1", "WRITE /1/0", "WRITE /0/2", "WRITE /1/1");
    }

    @Test
    void anAccountConfiguredOnTheBootstrapInstanceFailsWithoutFinish() throws Exception {
        ServerAccount onBootstrap = ServerAccount.builder(101)
                .uri("coaps://x")
                .securityMode(SecurityMode.NO_SEC)
                .lifetime(60)
                .securityInstanceId(0)
                .build();

        BootstrapSessionEvent.Ended ended = run(config().server(onBootstrap).build());

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.FAILED);
        assertThat(ended.detail()).contains("/0/0", "Bootstrap-Server account");
        assertThat(sent()).containsExactly("DISCOVER /");
    }

    @Test
    void initializationOptionRemovesTheServerAndEveryAclEntryNamingIt() throws Exception {
        // First bootstrap: server 101 with ACLs naming it.
        BootstrapConfig first = config().server(account(101))
                .accessControl(acl(3, 0, 101, Map.of(101, 3, 0, 1)))
                .accessControl(acl(1, 0, 101, Map.of(101, 3)))
                .accessControl(acl(5, 0, 101, Map.of(101, 15)))
                .build();
        assertThat(run(first).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(client.aclEntries()).anyMatch(entries -> entries.contains(101));
        client.clearReceived();

        BootstrapConfig reset = config().resetServer(101)
                .server(account(102))
                .accessControl(acl(3, 0, 102, Map.of(102, 7)))
                .build();
        BootstrapSession second = new BootstrapSession(
                2,
                reset,
                ContentFormat.SENML_CBOR,
                SessionTrigger.BOOTSTRAP_REQUEST,
                new InetSocketAddress("127.0.0.1", 5683),
                client,
                events::add,
                scheduler,
                Duration.ofSeconds(5),
                Clock.systemUTC());
        second.start();

        assertThat(second.completion().get(5, TimeUnit.SECONDS).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(sent()).startsWith("DISCOVER /", "READ /2", "DELETE /0/1", "DELETE /1/0");
        assertThat(sent()).doesNotContain("DELETE /0", "DELETE /1", "DELETE /2");
        assertThat(client.aclEntries()).isNotEmpty().noneMatch(entries -> entries.contains(101));
        for (ObjectInstance acl : client.object(2).values()) {
            assertThat(acl.value(3).orElseThrow().longValue()).isNotEqualTo(101L);
        }
        // The ACL of the deleted /1/0 went with it; /5/0 had only server 101: owner falls to the bootstrap server.
        assertThat(client.object(2).values())
                .noneMatch(acl -> acl.value(0).orElseThrow().longValue() == 1);
        assertThat(client.object(2).values())
                .filteredOn(acl -> acl.value(0).orElseThrow().longValue() == 5)
                .singleElement()
                .satisfies(acl -> assertThat(acl.value(3)).contains(ResourceValue.ofInteger(65535)));
        assertThat(client.object(0).values())
                .noneMatch(s -> s.value(10).map(v -> v.longValue() == 101).orElse(false));
        assertThat(client.object(1).values())
                .extracting(s -> s.value(0).orElseThrow().longValue())
                .containsExactly(102L);
    }

    @Test
    void partialRebootstrapSendsOnlyTheListedWrites() throws Exception {
        assertThat(run(config().server(account(101)).build()).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        ObjectInstance securityBefore = client.object(0).get(1);
        client.clearReceived();

        BootstrapConfig partial = config().write(
                        new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 600)))
                .build();
        BootstrapSession session = session(partial, Duration.ofSeconds(5));
        session.start();

        assertThat(session.completion().get(5, TimeUnit.SECONDS).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(sent()).containsExactly("WRITE /1/0/1", "FINISH /");
        assertThat(client.object(1).get(0).value(1)).contains(ResourceValue.ofInteger(600));
        assertThat(client.object(1).get(0).value(7)).contains(ResourceValue.ofString("U"));
        assertThat(client.object(0).get(1)).isEqualTo(securityBefore);
    }

    @Test
    void finishAnsweredNotAcceptableEndsInconsistent() throws Exception {
        client.failWith(op -> op instanceof DeviceOperation.Finish ? ResponseCode.NOT_ACCEPTABLE : null);

        BootstrapSessionEvent.Ended ended = run(config().server(account(101)).build());

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.INCONSISTENT);
        assertThat(ended.detail()).contains("4.06");
    }

    @Test
    void aFailedWriteEndsTheSessionWithoutFinish() throws Exception {
        client.failWith(op ->
                op instanceof DeviceOperation.Write && op.path().objectId() == 1 ? ResponseCode.BAD_REQUEST : null);

        BootstrapSessionEvent.Ended ended = run(config().server(account(101)).build());

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.FAILED);
        assertThat(ended.detail()).contains("WRITE /1/0", "4.00");
        assertThat(sent()).doesNotContain("FINISH /");
    }

    @Test
    void aClientThatStopsAnsweringTimesOut() throws Exception {
        client.hold(op -> op instanceof DeviceOperation.Write);
        BootstrapSession session = session(config().server(account(101)).build(), Duration.ofMillis(300));
        session.start();

        BootstrapSessionEvent.Ended ended = session.completion().get(5, TimeUnit.SECONDS);

        assertThat(ended.outcome()).isEqualTo(SessionOutcome.TIMED_OUT);
        assertThat(sent()).last().isEqualTo("WRITE /0/1");
    }

    @Test
    void aCancelledSessionIgnoresLateAnswersAndSendsNothingMore() throws Exception {
        client.hold(op -> op instanceof DeviceOperation.Discover);
        BootstrapSession session = session(config().server(account(101)).build(), Duration.ofSeconds(5));
        session.start();
        waitFor(() -> !client.held.isEmpty());

        assertThat(session.cancel("superseded")).isTrue();
        client.held.get(0).complete(DeviceResult.discovered(List.of(), ""));
        // Answers are handled on the session's single-threaded executor in order: once a task queued after the
        // late answer has run, the late answer has been handled.
        scheduler.submit(() -> {}).get(5, TimeUnit.SECONDS);

        assertThat(session.completion().get(1, TimeUnit.SECONDS).outcome()).isEqualTo(SessionOutcome.CANCELLED);
        assertThat(sent()).containsExactly("DISCOVER /");
        assertThat(session.cancel("again")).isFalse();
        assertThat(events)
                .filteredOn(e -> e instanceof BootstrapSessionEvent.Ended)
                .hasSize(1);
    }

    @Test
    void eventsReportStartEachStepAndOneEnd() throws Exception {
        run(config().server(account(101)).build());

        assertThat(events.get(0)).isInstanceOf(BootstrapSessionEvent.Started.class);
        assertThat(events.get(events.size() - 1))
                .isInstanceOfSatisfying(BootstrapSessionEvent.Ended.class, e -> assertThat(e.outcome())
                        .isEqualTo(SessionOutcome.SUCCEEDED));
        assertThat(events)
                .filteredOn(e -> e instanceof BootstrapSessionEvent.Step)
                .hasSize(client.received().size());
        assertThat(events)
                .filteredOn(e -> e instanceof BootstrapSessionEvent.Step)
                .extracting(e -> ((BootstrapSessionEvent.Step) e).operation())
                .startsWith(BootstrapOperation.DISCOVER)
                .endsWith(BootstrapOperation.FINISH);
        BootstrapSessionEvent.Step discover = (BootstrapSessionEvent.Step) events.get(1);
        assertThat(discover.links()).hasValueSatisfying(text -> assertThat(text).contains("</0/0>"));
    }

    @Test
    void auditReadsAreReportedWithTheirContent() throws Exception {
        client.put(2, acl(3, 0, 101, Map.of(101, 1)).instanceAt(4).toObjectInstance());

        run(config().read(LwM2mPath.of(2))
                .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 60)))
                .build());

        BootstrapSessionEvent.Step read = (BootstrapSessionEvent.Step) events.get(1);
        assertThat(read.operation()).isEqualTo(BootstrapOperation.READ);
        assertThat(read.content()).hasValueSatisfying(node -> assertThat(node)
                .isInstanceOfSatisfying(io.bootgate.api.model.LwM2mObject.class, o -> assertThat(o.instances())
                        .containsKey(4)));
    }

    @Test
    void withoutDiscoverTheInitializationOptionFailsButAPlainBootstrapGoesOn() throws Exception {
        client.failWith(op -> op instanceof DeviceOperation.Discover ? ResponseCode.NOT_FOUND : null);
        assertThat(run(config().server(account(101)).build()).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(client.object(0)).containsKeys(0, 1);

        BootstrapSessionEvent.Ended reset =
                run(config().resetServer(101).server(account(102)).build());
        assertThat(reset.outcome()).isEqualTo(SessionOutcome.FAILED);
        assertThat(reset.detail()).contains("initialization option");
    }

    @Test
    void ownerElectionPrefersWriteAndDeleteRights() {
        TreeMap<Integer, AccessRights> acl = new TreeMap<>();
        acl.put(0, AccessRights.of(31));
        acl.put(5, AccessRights.of(1));
        acl.put(7, AccessRights.of(2 | 8));
        acl.put(9, AccessRights.of(2));
        assertThat(SessionPlanner.electOwner(acl)).isEqualTo(7);
        assertThat(SessionPlanner.electOwner(new TreeMap<>(Map.of(0, AccessRights.of(1)))))
                .isEqualTo(65535);
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
