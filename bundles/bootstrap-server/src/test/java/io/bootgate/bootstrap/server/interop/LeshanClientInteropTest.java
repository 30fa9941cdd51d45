/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.interop;

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
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.objects.AccessControlInstance;
import io.bootgate.dtls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.resource.SimpleInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bootstraps Eclipse Leshan's client (2.0.0-M15, the device) from Bootgate's bootstrap server over real DTLS
 * handshakes on loopback.
 */
class LeshanClientInteropTest {

    /** A management server URI nobody listens on: the device's registration after bootstrap goes nowhere. */
    private static final String MANAGEMENT_URI = "coaps://127.0.0.1:1";

    @TempDir
    static Path configDirectory;

    static BootstrapServerFixture fixture;
    private LeshanDevice device;
    private LeshanDevice second;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = new BootstrapServerFixture(configDirectory);
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @AfterEach
    void stopDevices() {
        if (device != null) {
            device.close();
        }
        if (second != null) {
            second.close();
        }
    }

    static ServerAccount managementAccount(int ssid, long lifetime) {
        KeyPair keys = TestPki.newKeyPair();
        return ServerAccount.builder(ssid)
                .uri(MANAGEMENT_URI)
                .securityMode(SecurityMode.RAW_PUBLIC_KEY)
                .publicKeyOrIdentity(keys.getPublic().getEncoded())
                .secretKey(keys.getPrivate().getEncoded())
                .serverPublicKey(TestPki.newKeyPair().getPublic().getEncoded())
                .lifetime(lifetime)
                .build();
    }

    static AccessControlWrite acl(int objectId, int instanceId, int owner, Map<Integer, Integer> rights) {
        TreeMap<Integer, AccessRights> acl = new TreeMap<>();
        rights.forEach((ssid, bits) -> acl.put(ssid, AccessRights.of(bits)));
        return AccessControlWrite.sessionChosen(new AccessControlInstance(0, objectId, instanceId, acl, owner));
    }

    private LeshanDevice rpkDevice(String endpoint, KeyPair keys, ContentFormat preferred) {
        Security account = Security.rpkBootstrap(
                fixture.uri(),
                keys.getPublic().getEncoded(),
                keys.getPrivate().getEncoded(),
                fixture.serverKeys.getPublic().getEncoded());
        return new LeshanDevice(endpoint, account, leshanFormat(preferred), 10);
    }

    private static org.eclipse.leshan.core.request.ContentFormat leshanFormat(ContentFormat format) {
        return format == null ? null : org.eclipse.leshan.core.request.ContentFormat.fromCode(format.code());
    }

    /** Runs one more client-initiated bootstrap of a running device and returns how our session ended. */
    private BootstrapSessionEvent.Ended rebootstrap(LeshanDevice leshan) throws InterruptedException {
        int outcomes = leshan.outcomes.size();
        int sessions = fixture.sessions(leshan.endpoint).size();
        leshan.rebootstrap();
        assertThat(leshan.awaitOutcome(outcomes, 30)).isEqualTo("success");
        return fixture.awaitEnd(leshan.endpoint, sessions);
    }

    /** What a Bootstrap-Read of {@code path} returns now, through an audit session that changes nothing. */
    private LwM2mObject bootstrapRead(LeshanDevice leshan, DeviceIdentity identity, int objectId) throws Exception {
        fixture.store.put(BootstrapConfig.builder(leshan.endpoint, identity)
                .read(LwM2mPath.of(objectId))
                .build());
        int sessions = fixture.sessions(leshan.endpoint).size();
        assertThat(rebootstrap(leshan).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        BootstrapSessionEvent.Step read =
                fixture.steps(leshan.endpoint, sessions).get(0);
        assertThat(read.operation()).isEqualTo(BootstrapOperation.READ);
        return (LwM2mObject) read.content().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(
            value = ContentFormat.class,
            names = {"TLV", "SENML_CBOR"})
    void rawPublicKeyDeviceIsBootstrappedFromAConfigFileAddedLive(ContentFormat format) throws Exception {
        String endpoint = "rpk-" + format.name().toLowerCase();
        KeyPair keys = TestPki.newKeyPair();
        Files.writeString(configDirectory.resolve(endpoint + ".pub.pem"), Pem.publicKey(keys.getPublic()));
        Files.writeString(
                configDirectory.resolve(endpoint + ".json"),
                """
                {
                  "identity": { "rpkPublicKey": { "file": "%s.pub.pem" } },
                  "servers": [ { "shortServerId": 101, "uri": "%s", "securityMode": "NO_SEC", "lifetime": 300 } ],
                  "accessControl": [ { "objectId": 3, "objectInstanceId": 0, "acl": { "101": "RWE" }, "owner": 101 } ]
                }
                """
                        .formatted(endpoint, MANAGEMENT_URI.replace("coaps", "coap")));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> fixture.store.get(endpoint).isPresent());

        device = rpkDevice(endpoint, keys, format);
        device.start();

        assertThat(device.awaitOutcome(0, 30)).isEqualTo("success");
        BootstrapSessionEvent.Ended ended = fixture.awaitEnd(endpoint, 0);
        assertThat(ended.outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        BootstrapSessionEvent.Started started = (BootstrapSessionEvent.Started)
                fixture.sessions(endpoint).get(0).get(0);
        assertThat(started.contentFormat()).isEqualTo(format);
        assertThat(fixture.steps(endpoint, 0))
                .extracting(s -> s.operation() + " " + s.path() + " " + s.code().dotted())
                .containsExactly(
                        "DISCOVER / 2.05",
                        "DELETE /0 2.02",
                        "DELETE /1 2.02",
                        "DELETE /2 2.02",
                        "WRITE /0/1 2.04",
                        "WRITE /1/0 2.04",
                        "WRITE /2/0 2.04",
                        "FINISH / 2.04");

        LwM2mObject servers =
                bootstrapRead(device, fixture.store.get(endpoint).orElseThrow().identity(), 1);
        assertThat(servers.instances()).containsOnlyKeys(0);
        assertThat(servers.instances().get(0).value(0)).contains(ResourceValue.ofInteger(101));
        assertThat(servers.instances().get(0).value(1)).contains(ResourceValue.ofInteger(300));
    }

    @Test
    void urnEndpointIsBootstrappedFromItsPercentEncodedConfigFile() throws Exception {
        // LwM2M recommends URN endpoint names (Core 7.3); ':' is written %3A in the config file's name.
        String endpoint = "urn:imei:490154203237518";
        KeyPair keys = TestPki.newKeyPair();
        Files.writeString(configDirectory.resolve("imei-490154203237518.pub.pem"), Pem.publicKey(keys.getPublic()));
        Files.writeString(
                configDirectory.resolve("urn%3Aimei%3A490154203237518.json"),
                """
                {
                  "endpoint": "urn:imei:490154203237518",
                  "identity": { "rpkPublicKey": { "file": "imei-490154203237518.pub.pem" } },
                  "servers": [ { "shortServerId": 101, "uri": "%s", "securityMode": "NO_SEC", "lifetime": 300 } ]
                }
                """
                        .formatted(MANAGEMENT_URI.replace("coaps", "coap")));
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> fixture.store.get(endpoint).isPresent());

        device = rpkDevice(endpoint, keys, ContentFormat.TLV);
        device.start();

        assertThat(device.awaitOutcome(0, 30)).isEqualTo("success");
        assertThat(fixture.awaitEnd(endpoint, 0).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        LwM2mObject servers =
                bootstrapRead(device, fixture.store.get(endpoint).orElseThrow().identity(), 1);
        assertThat(servers.instances().get(0).value(1)).contains(ResourceValue.ofInteger(300));
    }

    @ParameterizedTest
    @EnumSource(
            value = ContentFormat.class,
            names = {"TLV", "SENML_CBOR"})
    void x509DeviceIsBootstrappedWhenItsCertificateNamesTheEndpoint(ContentFormat format) throws Exception {
        String endpoint = "x509-" + format.name().toLowerCase();
        KeyPair keys = TestPki.newKeyPair();
        X509Certificate certificate = fixture.pki.issue(endpoint, keys.getPublic(), false);
        fixture.store.put(BootstrapConfig.builder(endpoint, DeviceIdentity.x509())
                .server(managementAccount(101, 120))
                .build());

        Security account = Security.x509Bootstrap(
                fixture.uri(),
                certificate.getEncoded(),
                keys.getPrivate().getEncoded(),
                fixture.serverCertificate.getEncoded());
        device = new LeshanDevice(endpoint, account, leshanFormat(format), 10);
        device.start();

        assertThat(device.awaitOutcome(0, 30)).isEqualTo("success");
        assertThat(fixture.awaitEnd(endpoint, 0).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        LwM2mObject servers = bootstrapRead(device, DeviceIdentity.x509(), 1);
        assertThat(servers.instances().get(0).value(1)).contains(ResourceValue.ofInteger(120));
    }

    @Test
    void pskDeviceIsRefusedInTheHandshake() throws Exception {
        String endpoint = "psk-device";
        fixture.store.put(BootstrapConfig.builder(endpoint, DeviceIdentity.x509())
                .server(managementAccount(101, 60))
                .build());
        device = new LeshanDevice(
                endpoint,
                Security.pskBootstrap(fixture.uri(), endpoint.getBytes(), new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
                }),
                null,
                10);
        device.start();

        assertThat(device.awaitOutcome(0, 30)).doesNotContain("success");
        assertThat(fixture.sessions(endpoint)).isEmpty();
    }

    @Test
    void noSecDeviceGetsNoBootstrap() throws Exception {
        String endpoint = "nosec-device";
        fixture.store.put(BootstrapConfig.builder(endpoint, DeviceIdentity.x509())
                .server(managementAccount(101, 60))
                .build());
        String plainUri = "coap://127.0.0.1:" + fixture.server.localAddress().getPort();
        device = new LeshanDevice(endpoint, Security.noSecBootstrap(plainUri), null, 10);
        device.start();

        assertThat(device.awaitOutcome(0, 30)).doesNotContain("success");
        assertThat(fixture.sessions(endpoint)).isEmpty();
    }

    @Test
    void endpointNameOfAnotherIdentityIsAnsweredBadRequest() throws Exception {
        KeyPair owner = TestPki.newKeyPair();
        KeyPair other = TestPki.newKeyPair();
        fixture.store.put(BootstrapConfig.builder("owner-device", DeviceIdentity.rawPublicKey(owner.getPublic()))
                .server(managementAccount(101, 60))
                .build());
        fixture.store.put(BootstrapConfig.builder("other-device", DeviceIdentity.rawPublicKey(other.getPublic()))
                .server(managementAccount(101, 60))
                .build());

        // A trusted key (other-device's) asking for owner-device's configuration.
        device = rpkDevice("owner-device", other, null);
        device.start();

        assertThat(device.awaitOutcome(0, 30)).startsWith("failure 400");
        assertThat(fixture.sessions("owner-device")).isEmpty();
    }

    @Test
    void initializationOptionLeavesNoAclEntryOfTheResetServer() throws Exception {
        String endpoint = "reset-device";
        KeyPair keys = TestPki.newKeyPair();
        DeviceIdentity identity = DeviceIdentity.rawPublicKey(keys.getPublic());
        fixture.store.put(BootstrapConfig.builder(endpoint, identity)
                .server(managementAccount(101, 300))
                .accessControl(acl(3, 0, 101, Map.of(101, 7, 0, 1)))
                .accessControl(acl(1, 0, 101, Map.of(101, 3)))
                .build());
        device = rpkDevice(endpoint, keys, ContentFormat.TLV);
        device.start();
        assertThat(device.awaitOutcome(0, 30)).isEqualTo("success");
        LwM2mObject before = bootstrapRead(device, identity, 2);
        assertThat(aclEntries(before)).anyMatch(entries -> entries.containsKey(101));

        fixture.store.put(BootstrapConfig.builder(endpoint, identity)
                .resetServer(101)
                .server(managementAccount(102, 300))
                .accessControl(acl(3, 0, 102, Map.of(102, 7)))
                .build());
        int resetSession = fixture.sessions(endpoint).size();
        assertThat(rebootstrap(device).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(fixture.steps(endpoint, resetSession))
                .extracting(s -> s.operation() + " " + s.path())
                .startsWith("DISCOVER /", "READ /2", "DELETE /0/1", "DELETE /1/0");

        LwM2mObject after = bootstrapRead(device, identity, 2);
        assertThat(after.instances()).isNotEmpty();
        assertThat(aclEntries(after)).noneMatch(entries -> entries.containsKey(101));
        assertThat(after.instances().values())
                .noneMatch(i -> i.value(3).orElseThrow().longValue() == 101);
        LwM2mObject servers = bootstrapRead(device, identity, 1);
        assertThat(servers.instances().values())
                .extracting(i -> i.value(0).orElseThrow().longValue())
                .containsExactly(102L);
    }

    private static List<Map<Integer, ResourceValue>> aclEntries(LwM2mObject accessControl) {
        return accessControl.instances().values().stream()
                .map(i -> i.resources().get(2))
                .map(r -> r instanceof MultipleResource m
                        ? (Map<Integer, ResourceValue>) m.values()
                        : Map.<Integer, ResourceValue>of())
                .toList();
    }

    @Test
    void partialRebootstrapChangesOnlyTheListedResources() throws Exception {
        String endpoint = "partial-device";
        KeyPair keys = TestPki.newKeyPair();
        DeviceIdentity identity = DeviceIdentity.rawPublicKey(keys.getPublic());
        fixture.store.put(BootstrapConfig.builder(endpoint, identity)
                .server(managementAccount(101, 300))
                .build());
        device = rpkDevice(endpoint, keys, ContentFormat.SENML_CBOR);
        device.start();
        assertThat(device.awaitOutcome(0, 30)).isEqualTo("success");
        ObjectInstance before = bootstrapRead(device, identity, 1).instances().get(0);

        fixture.store.put(BootstrapConfig.builder(endpoint, identity)
                .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 600)))
                .build());
        int partialSession = fixture.sessions(endpoint).size();
        assertThat(rebootstrap(device).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        assertThat(fixture.steps(endpoint, partialSession))
                .extracting(s -> s.operation() + " " + s.path())
                .containsExactly("WRITE /1/0/1", "FINISH /");

        ObjectInstance after = bootstrapRead(device, identity, 1).instances().get(0);
        assertThat(after.value(1)).contains(ResourceValue.ofInteger(600));
        assertThat(after.without(1)).isEqualTo(before.without(1));
    }

    /** An Access Control instance whose reads block until released: holds a session in its first step. */
    public static final class HeldAccessControl extends SimpleInstanceEnabler {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static final CountDownLatch READING = new CountDownLatch(1);

        public HeldAccessControl() {
            super(0, Map.of(0, 3L, 1, 0L, 3, 65535L));
        }

        @Override
        public ReadResponse read(LwM2mServer server) {
            READING.countDown();
            try {
                RELEASE.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.read(server);
        }
    }

    @Test
    void aSecondBootstrapRequestOfTheSameEndpointCancelsTheFirstSessionCleanly() throws Exception {
        String endpoint = "twice-device";
        KeyPair keys = TestPki.newKeyPair();
        DeviceIdentity identity = DeviceIdentity.rawPublicKey(keys.getPublic());
        fixture.store.put(BootstrapConfig.builder(endpoint, identity)
                .read(LwM2mPath.of(2))
                .server(managementAccount(101, 300))
                .build());
        Security account = Security.rpkBootstrap(
                fixture.uri(),
                keys.getPublic().getEncoded(),
                keys.getPrivate().getEncoded(),
                fixture.serverKeys.getPublic().getEncoded());
        device = new LeshanDevice(endpoint, account, null, 5, new HeldAccessControl());
        device.start();
        assertThat(HeldAccessControl.READING.await(30, TimeUnit.SECONDS)).isTrue();

        Security sameAccount = Security.rpkBootstrap(
                fixture.uri(),
                keys.getPublic().getEncoded(),
                keys.getPrivate().getEncoded(),
                fixture.serverKeys.getPublic().getEncoded());
        second = new LeshanDevice(endpoint, sameAccount, null, 10);
        second.start();
        assertThat(second.awaitOutcome(0, 30)).isEqualTo("success");
        HeldAccessControl.RELEASE.countDown();

        BootstrapSessionEvent.Ended first = fixture.awaitEnd(endpoint, 0);
        assertThat(first.outcome()).isEqualTo(SessionOutcome.CANCELLED);
        assertThat(first.detail()).contains("superseded by a new Bootstrap-Request");
        assertThat(fixture.awaitEnd(endpoint, 1).outcome()).isEqualTo(SessionOutcome.SUCCEEDED);
        // The first device never got a write or a Finish: its bootstrap fails on its own timeout, nothing changed.
        assertThat(device.awaitOutcome(0, 30)).doesNotContain("success");
        assertThat(fixture.steps(endpoint, 0)).hasSizeLessThanOrEqualTo(1);
        assertThat(device.client
                        .getObjectTree()
                        .getObjectEnabler(LwM2mId.SECURITY)
                        .getAvailableInstanceIds())
                .containsExactly(0);
    }
}
