/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.client.initiated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.MultipleResource;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.store.TreeView;
import io.bootgate.mode.testkit.Configurations;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestAccessControl;
import io.bootgate.mode.testkit.TestGateway;
import io.bootgate.mode.testkit.TestPki;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.CertificateUsage;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ACLConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerSecurity;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client-initiated mode, run by the real bootstrap engine on the real store, codec, ACL service and DTLS
 * transport, against Eclipse Leshan's bootstrap server 2.0.0-M15 over Raw Public Key and X.509.
 */
class ClientInitiatedLeshanInteropTest {

    private static final String EP = "urn:dev:ops:bootgate-1";
    private static final URI DM_SERVER = URI.create("coaps://127.0.0.1:5784");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestGateway gateway;

    @BeforeEach
    void startGateway() {
        gateway = new TestGateway(TestAccessControl::create, Duration.ofSeconds(247));
        gateway.install(
                new ClientInitiatedBootstrapMode(
                        gateway.codec(), Configurations.defaults(ClientInitiatedConfiguration.class)),
                true);
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void rawPublicKeyBootstrapWithAclsAndDeleteOfRootReplacesTheConfigurationButKeepsAccountAndDevice()
            throws Exception {
        KeyPair device = TestPki.newKeyPair();
        KeyPair leshanKeys = TestPki.newKeyPair();
        KeyPair dmDevice = TestPki.newKeyPair();
        KeyPair dmServer = TestPki.newKeyPair();
        try (LeshanBootstrapServerFixture leshan =
                LeshanBootstrapServerFixture.rpk(leshanKeys, EP, device.getPublic())) {
            // The device was bootstrapped before: an old management account (ssid 99) that Delete "/" must remove.
            Devices.provision(
                    gateway.store(),
                    EP,
                    List.of(LwM2mPath.of(0, 5), LwM2mPath.of(0, 2), LwM2mPath.of(1, 3), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.rpkBootstrapAccount(5, leshan.uri(), device, leshanKeys.getPublic()),
                            managementAccount(2, 99, dmDevice, dmServer),
                            server(3, 99),
                            Devices.device("SN-1")));

            BootstrapConfig config = new BootstrapConfig();
            // Leshan discovers where our Bootstrap-Server account lives (/0/5) and rewrites it there.
            config.autoIdForSecurityObject = true;
            config.toDelete = List.of("/");
            config.security.put(0, rpkSecurity(leshan.uri(), true, null, device, leshanKeys));
            config.security.put(1, rpkSecurity(DM_SERVER, false, 101, dmDevice, dmServer));
            ServerConfig dm = new ServerConfig();
            dm.shortId = 101;
            dm.lifetime = 300;
            dm.binding = EnumSet.of(BindingMode.U);
            config.servers.put(0, dm);
            config.acls.put(0, acl(3, 0, Map.of(101, 1L | 4L), 101));
            config.acls.put(1, acl(1, 0, Map.of(101, 1L | 2L | 4L), 101));
            leshan.configure(EP, config);

            BootstrapOutcome outcome = gateway.bootstrap(new DeviceBootstrapConfig(
                            EP, List.of(BootstrapModeName.CLIENT_INITIATED), Map.of(), Optional.empty()))
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
            LeshanBootstrapServerFixture.SessionEnd end = leshan.awaitSessionEnd(WAIT);
            assertThat(end).isNotNull();
            assertThat(end.success())
                    .as("Leshan's session: %s, errors %s", end, leshan.errorResponses())
                    .isTrue();
            // Our default pct (SenML-CBOR) was accepted, so Leshan wrote in SenML-CBOR.
            assertThat(leshan.bootstrapRequests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getPreferredContentFormat()).isEqualTo(ContentFormat.SENML_CBOR));
            assertThat(leshan.sentRequests()).first().asString().startsWith("BootstrapDiscoverRequest");

            TreeView committed = gateway.store().snapshot(EP);
            assertThat(committed.object(0).orElseThrow().instances()).containsOnlyKeys(0, 5);
            assertThat(committed.value(LwM2mPath.of(0, 5, 1))).contains(ResourceValue.ofBoolean(true));
            assertThat(committed.value(LwM2mPath.of(0, 0, 0))).contains(ResourceValue.ofString(DM_SERVER.toString()));
            assertThat(committed.value(LwM2mPath.of(0, 0, 10))).contains(ResourceValue.ofInteger(101));
            assertThat(committed.object(1).orElseThrow().instances()).containsOnlyKeys(0);
            assertThat(committed.value(LwM2mPath.of(1, 0, 0))).contains(ResourceValue.ofInteger(101));
            assertThat(committed.value(LwM2mPath.of(1, 0, 1))).contains(ResourceValue.ofInteger(300));
            assertThat(committed.object(2).orElseThrow().instances()).containsOnlyKeys(0, 1);
            assertThat(committed.value(LwM2mPath.of(2, 0, 0))).contains(ResourceValue.ofInteger(3));
            assertThat(committed.resource(2, 0, 2))
                    .get()
                    .isInstanceOfSatisfying(MultipleResource.class, acl -> assertThat(acl.values())
                            .containsExactly(Map.entry(101, ResourceValue.ofInteger(5))));
            assertThat(committed.value(LwM2mPath.of(2, 0, 3))).contains(ResourceValue.ofInteger(101));
            assertThat(committed.value(LwM2mPath.of(3, 0, 2))).contains(ResourceValue.ofString("SN-1"));
        }
    }

    @Test
    void x509BootstrapAsLwM2m10WithoutPctAfterAPackRequestLeshanDoesNotServe() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Credentials leshanCredentials = pki.server("localhost");
        TestPki.Credentials deviceCredentials = pki.client(EP);
        TestPki.Credentials dmDevice = pki.client(EP);
        TestPki.Credentials dmServer = pki.server("localhost");
        try (LeshanBootstrapServerFixture leshan = LeshanBootstrapServerFixture.x509(
                leshanCredentials.keys(),
                new X509Certificate[] {leshanCredentials.certificate()},
                new X509Certificate[] {pki.caCertificate()},
                EP)) {
            // Certificate Usage 2: the test CA is the only anchor and the server's certificate must name 127.0.0.1.
            Devices.provision(
                    gateway.store(),
                    EP,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.x509BootstrapAccount(
                                    0,
                                    leshan.uri(),
                                    deviceCredentials.keys(),
                                    deviceCredentials.certificate(),
                                    pki.caCertificate(),
                                    2),
                            Devices.device("SN-2")));

            BootstrapConfig config = new BootstrapConfig();
            config.toDelete = List.of("/0/1", "/1");
            ServerSecurity bootstrapAccount =
                    x509Security(leshan.uri(), true, null, deviceCredentials, pki.caCertificate());
            bootstrapAccount.certificateUsage = CertificateUsage.TRUST_ANCHOR_ASSERTION;
            config.security.put(0, bootstrapAccount);
            config.security.put(1, x509Security(DM_SERVER, false, 7, dmDevice, dmServer.certificate()));
            ServerConfig dm = new ServerConfig();
            dm.shortId = 7;
            config.servers.put(0, dm);
            leshan.configure(EP, config);

            BootstrapOutcome outcome = gateway.bootstrap(new DeviceBootstrapConfig(
                            EP,
                            List.of(BootstrapModeName.CLIENT_INITIATED),
                            // Leshan has no Bootstrap-Pack resource (4.04): the mode falls back to the
                            // Bootstrap-Request.
                            Map.of(
                                    BootstrapModeName.CLIENT_INITIATED,
                                    Map.of(
                                            ClientInitiatedSettings.PCT_PROPERTY,
                                            "none",
                                            ClientInitiatedSettings.BSPACK_PROPERTY,
                                            "true")),
                            Optional.empty()))
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
            assertThat(leshan.awaitSessionEnd(WAIT))
                    .isNotNull()
                    .extracting(LeshanBootstrapServerFixture.SessionEnd::success)
                    .isEqualTo(true);
            assertThat(leshan.bootstrapRequests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getPreferredContentFormat()).isNull());
            TreeView committed = gateway.store().snapshot(EP);
            assertThat(committed.value(LwM2mPath.of(0, 1, 10))).contains(ResourceValue.ofInteger(7));
            assertThat(committed.value(LwM2mPath.of(0, 1, 2)))
                    .contains(ResourceValue.ofInteger(SecurityMode.CERTIFICATE.code()));
            assertThat(committed.value(LwM2mPath.of(1, 0, 0))).contains(ResourceValue.ofInteger(7));
        }
    }

    @Test
    void inconsistentFinishFailsTheAttemptAndKeepsThePreviousConfiguration() throws Exception {
        KeyPair device = TestPki.newKeyPair();
        KeyPair leshanKeys = TestPki.newKeyPair();
        try (LeshanBootstrapServerFixture leshan =
                LeshanBootstrapServerFixture.rpk(leshanKeys, EP, device.getPublic())) {
            Devices.provision(
                    gateway.store(),
                    EP,
                    List.of(LwM2mPath.of(0, 0), LwM2mPath.of(3, 0)),
                    List.of(
                            Devices.rpkBootstrapAccount(0, leshan.uri(), device, leshanKeys.getPublic()),
                            Devices.device("SN-3")));
            BootstrapConfig config = new BootstrapConfig();
            // Deletes everything it may and configures no management server: Finish must answer 4.06.
            config.toDelete = List.of("/");
            leshan.configure(EP, config);
            long revision = gateway.store().snapshot(EP).revision();

            BootstrapOutcome outcome = gateway.bootstrap(
                            DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome.isSuccess()).isFalse();
            assertThat(outcome.detail()).contains("4.06");
            assertThat(outcome.reasons()).isNotEmpty();
            assertThat(leshan.awaitSessionEnd(WAIT))
                    .isNotNull()
                    .extracting(LeshanBootstrapServerFixture.SessionEnd::cause)
                    .isEqualTo(BootstrapFailureCause.FINISH_FAILED);
            assertThat(gateway.store().snapshot(EP).revision()).isEqualTo(revision);
        }
    }

    @Test
    void errorAnswerToTheBootstrapRequestFailsAfterTheRetryWithoutPct() throws Exception {
        KeyPair device = TestPki.newKeyPair();
        KeyPair leshanKeys = TestPki.newKeyPair();
        try (LeshanBootstrapServerFixture leshan =
                LeshanBootstrapServerFixture.rpk(leshanKeys, EP, device.getPublic())) {
            // Leshan has no configuration for this device: it answers 4.00 "no bootstrap config".
            Devices.provision(
                    gateway.store(),
                    EP,
                    List.of(LwM2mPath.of(0, 0)),
                    List.of(Devices.rpkBootstrapAccount(0, leshan.uri(), device, leshanKeys.getPublic())));

            BootstrapOutcome outcome = gateway.bootstrap(
                            DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome.isSuccess()).isFalse();
            assertThat(outcome.detail()).contains("4.00").contains(leshan.uri().toString());
            assertThat(leshan.bootstrapRequests())
                    .extracting(r -> r.getPreferredContentFormat())
                    .containsExactly(ContentFormat.SENML_CBOR, null);
        }
    }

    @Test
    void untrustedServerKeyFailsTheHandshake() throws Exception {
        KeyPair device = TestPki.newKeyPair();
        KeyPair leshanKeys = TestPki.newKeyPair();
        KeyPair somebodyElse = TestPki.newKeyPair();
        try (LeshanBootstrapServerFixture leshan =
                LeshanBootstrapServerFixture.rpk(leshanKeys, EP, device.getPublic())) {
            Devices.provision(
                    gateway.store(),
                    EP,
                    List.of(LwM2mPath.of(0, 0)),
                    List.of(Devices.rpkBootstrapAccount(0, leshan.uri(), device, somebodyElse.getPublic())));

            BootstrapOutcome outcome = gateway.bootstrap(
                            DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(outcome.isSuccess()).isFalse();
            assertThat(outcome.detail()).contains("DTLS handshake").contains(EP);
            assertThat(leshan.bootstrapRequests()).isEmpty();
        }
    }

    @Test
    void unprotectedOrPskAccountsAreRefusedBeforeAnyNetworkTraffic() throws Exception {
        Devices.provision(
                gateway.store(),
                EP,
                List.of(LwM2mPath.of(0, 0)),
                List.of(Devices.bootstrapAccount(0, "coaps://127.0.0.1:5684", SecurityMode.PRE_SHARED_KEY)));
        BootstrapOutcome psk = gateway.bootstrap(
                        DeviceBootstrapConfig.of(EP, List.of(BootstrapModeName.CLIENT_INITIATED)))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(psk.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
        assertThat(psk.detail())
                .contains("security policy")
                .contains("PRE_SHARED_KEY")
                .contains(EP);

        KeyPair device = TestPki.newKeyPair();
        String other = EP + "-coap";
        Devices.provision(
                gateway.store(),
                other,
                List.of(LwM2mPath.of(0, 0)),
                List.of(Devices.rpkBootstrapAccount(
                        0,
                        URI.create("coap://127.0.0.1:5683"),
                        device,
                        TestPki.newKeyPair().getPublic())));
        BootstrapOutcome coap = gateway.bootstrap(new DeviceBootstrapConfig(
                        other,
                        List.of(BootstrapModeName.CLIENT_INITIATED),
                        Map.of(),
                        Optional.of(new RpkCredentials(device))))
                .toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(coap.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
        assertThat(coap.detail()).contains("coap://");
    }

    private static ObjectInstance managementAccount(int id, int ssid, KeyPair device, KeyPair server) {
        return Devices.rpkBootstrapAccount(id, DM_SERVER, device, server.getPublic())
                .with(io.bootgate.api.model.SingleResource.ofBoolean(1, false))
                .with(io.bootgate.api.model.SingleResource.ofInteger(10, ssid));
    }

    private static ObjectInstance server(int id, int ssid) {
        return ObjectInstance.of(
                id,
                List.of(
                        io.bootgate.api.model.SingleResource.ofInteger(0, ssid),
                        io.bootgate.api.model.SingleResource.ofInteger(1, 86400),
                        io.bootgate.api.model.SingleResource.ofBoolean(6, true),
                        io.bootgate.api.model.SingleResource.ofString(7, "U")));
    }

    private static ServerSecurity rpkSecurity(
            URI uri, boolean bootstrap, Integer ssid, KeyPair client, KeyPair server) {
        ServerSecurity security = new ServerSecurity();
        security.uri = uri.toString();
        security.bootstrapServer = bootstrap;
        security.securityMode = org.eclipse.leshan.core.SecurityMode.RPK;
        security.publicKeyOrId = client.getPublic().getEncoded();
        security.secretKey = client.getPrivate().getEncoded();
        security.serverPublicKey = server.getPublic().getEncoded();
        security.serverId = ssid;
        return security;
    }

    private static ServerSecurity x509Security(
            URI uri, boolean bootstrap, Integer ssid, TestPki.Credentials client, X509Certificate server) {
        ServerSecurity security = new ServerSecurity();
        security.uri = uri.toString();
        security.bootstrapServer = bootstrap;
        security.securityMode = org.eclipse.leshan.core.SecurityMode.X509;
        security.publicKeyOrId = Devices.der(client.certificate());
        security.secretKey = client.keys().getPrivate().getEncoded();
        security.serverPublicKey = Devices.der(server);
        security.serverId = ssid;
        return security;
    }

    private static ACLConfig acl(int objectId, int instanceId, Map<Integer, Long> rights, int owner) {
        ACLConfig acl = new ACLConfig();
        acl.objectId = objectId;
        acl.objectInstanceId = instanceId;
        acl.acls = rights;
        acl.AccessControlOwner = owner;
        return acl;
    }
}
