/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.engine.internal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.bootstrap.BootstrapServerAccount;
import io.bootgate.api.bootstrap.InvalidBootstrapAccountException;
import io.bootgate.api.bootstrap.ModeProperties;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.model.CertificateUsage;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.X509Credentials;
import io.bootgate.api.store.StoreTransaction;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.X509Peer;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.mode.testkit.Devices;
import io.bootgate.mode.testkit.TestPki;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BootstrapServerAccountTest {

    private static final URI BS = URI.create("coaps://127.0.0.1:5684");
    private static final KeyCodec KEYS = new DefaultKeyCodec();
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5684);

    private final MvObjectStore store = MvObjectStore.open(StoreOptions.inMemory(ObjectModelRegistry::standard));
    private final KeyPair device = TestPki.newKeyPair();
    private final KeyPair server = TestPki.newKeyPair();

    @AfterEach
    void close() {
        store.close();
    }

    private StoreTransaction deviceWith(ObjectInstance... security) {
        store.createEndpoint("dev");
        StoreTransaction tx = store.begin("dev");
        for (ObjectInstance instance : security) {
            tx.write(LwM2mPath.of(0, instance.id()), instance, io.bootgate.api.store.WriteMode.REPLACE);
        }
        return tx;
    }

    @Test
    void readsTheRawPublicKeyAccountAndTheDeviceCredentialsFromTheSecurityObject() throws Exception {
        try (StoreTransaction tx = deviceWith(Devices.rpkBootstrapAccount(3, BS, device, server.getPublic()))) {
            BootstrapServerAccount account =
                    DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS).orElseThrow();

            assertThat(account.uri()).isEqualTo(BS);
            assertThat(account.securityMode()).isEqualTo(SecurityMode.RAW_PUBLIC_KEY);
            assertThat(account.source()).isEqualTo("/0/3");
            assertThat(account.storedCredentials())
                    .get()
                    .isInstanceOf(RpkCredentials.class)
                    .extracting(c -> c.publicKey().getEncoded())
                    .isEqualTo(device.getPublic().getEncoded());
            assertThat(account.isServer(new RpkPeer(PEER, server.getPublic()))).isTrue();
            assertThat(account.isServer(new RpkPeer(PEER, device.getPublic()))).isFalse();
        }
    }

    @Test
    void takesTheAccountFromModePropertiesOnlyWhenTheStoreHasNone() throws Exception {
        Map<String, String> properties = Map.of(
                ModeProperties.SERVER_URI, "coaps://127.0.0.1:9999",
                ModeProperties.SERVER_SECURITY_MODE, "RPK",
                ModeProperties.SERVER_PUBLIC_KEY,
                        pem("PUBLIC KEY", server.getPublic().getEncoded()));
        try (StoreTransaction tx = deviceWith()) {
            BootstrapServerAccount account =
                    DeviceBootstrapServerAccount.resolve(tx, properties, KEYS).orElseThrow();
            assertThat(account.uri()).hasPort(9999);
            assertThat(account.source()).isEqualTo("mode properties");
            assertThat(account.storedCredentials()).isEmpty();
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.credentials(account, Optional.empty()))
                    .isInstanceOf(InvalidBootstrapAccountException.class)
                    .hasMessageContaining("no device credentials");
            assertThat(DeviceBootstrapServerAccount.credentials(account, Optional.of(new RpkCredentials(device))))
                    .isNotNull();
        }
        store.deleteEndpoint("dev");
        try (StoreTransaction tx = deviceWith(Devices.rpkBootstrapAccount(0, BS, device, server.getPublic()))) {
            assertThat(DeviceBootstrapServerAccount.resolve(tx, properties, KEYS)
                            .orElseThrow()
                            .uri())
                    .isEqualTo(BS);
        }
    }

    @Test
    void noAccountAnywhereIsEmpty() throws Exception {
        try (StoreTransaction tx = deviceWith()) {
            assertThat(DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS)).isEmpty();
        }
    }

    @Test
    void refusesPlainCoapPskAndNoSecWithThePolicyMessage() {
        try (StoreTransaction tx =
                deviceWith(Devices.bootstrapAccount(0, "coaps://bs.example", SecurityMode.PRE_SHARED_KEY))) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS))
                    .isInstanceOfSatisfying(
                            InvalidBootstrapAccountException.class,
                            e -> assertThat(e.isPolicyViolation()).isTrue())
                    .hasMessageContaining("device dev")
                    .hasMessageContaining("/0/0")
                    .hasMessageContaining("PRE_SHARED_KEY");
        }
        store.deleteEndpoint("dev");
        try (StoreTransaction tx = deviceWith(Devices.bootstrapAccount(0, "coaps://bs.example", SecurityMode.NO_SEC))) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS))
                    .hasMessageContaining("NO_SEC");
        }
        store.deleteEndpoint("dev");
        try (StoreTransaction tx = deviceWith(
                Devices.rpkBootstrapAccount(0, URI.create("coap://127.0.0.1:5683"), device, server.getPublic()))) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS))
                    .isInstanceOfSatisfying(
                            InvalidBootstrapAccountException.class,
                            e -> assertThat(e.isPolicyViolation()).isTrue())
                    .hasMessageContaining("coap://");
        }
        Map<String, String> psk =
                Map.of(ModeProperties.SERVER_URI, "coaps://bs.example", ModeProperties.SERVER_SECURITY_MODE, "PSK");
        store.deleteEndpoint("dev");
        try (StoreTransaction tx = deviceWith()) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, psk, KEYS))
                    .hasMessageContaining("mode properties")
                    .hasMessageContaining("PRE_SHARED_KEY");
        }
    }

    @Test
    void refusesTwoBootstrapAccounts() {
        try (StoreTransaction tx = deviceWith(
                Devices.rpkBootstrapAccount(0, BS, device, server.getPublic()),
                Devices.rpkBootstrapAccount(4, BS, device, server.getPublic()))) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS))
                    .hasMessageContaining("2 Bootstrap-Server accounts")
                    .hasMessageContaining("/0/4");
        }
    }

    @Test
    void namesTheResourceOfUnreadableKeyMaterialWithoutQuotingIt() {
        ObjectInstance broken = Devices.rpkBootstrapAccount(0, BS, device, server.getPublic())
                .with(io.bootgate.api.model.SingleResource.ofOpaque(4, new byte[] {0x30, 0x03, 0x01, 0x02, 0x03}));
        try (StoreTransaction tx = deviceWith(broken)) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS))
                    .hasMessageContaining("/0/0/4 (Server Public Key)")
                    .hasMessageNotContaining("0x30");
        }
    }

    @Test
    void certificateAccountPinsTheServerCertificateOrChecksItsNameAgainstTheCa() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Credentials serverCredentials = pki.server("localhost");
        TestPki.Credentials otherServer = pki.server("other.example");
        TestPki.Credentials deviceCredentials = pki.client("dev");
        X509Peer rightPeer = new X509Peer(PEER, List.of(serverCredentials.certificate()));
        X509Peer otherPeer = new X509Peer(PEER, List.of(otherServer.certificate()));

        try (StoreTransaction tx = deviceWith(Devices.x509BootstrapAccount(
                0,
                URI.create("coaps://localhost:5684"),
                deviceCredentials.keys(),
                deviceCredentials.certificate(),
                serverCredentials.certificate(),
                3))) {
            BootstrapServerAccount pinned =
                    DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS).orElseThrow();
            assertThat(pinned.x509Trust().orElseThrow().usage()).isEqualTo(CertificateUsage.DOMAIN_ISSUED_CERTIFICATE);
            assertThat(pinned.storedCredentials()).get().isInstanceOf(X509Credentials.class);
            assertThat(pinned.isServer(rightPeer)).isTrue();
            assertThat(pinned.isServer(otherPeer)).isFalse();
            assertThat(pinned.isServer(
                            new RpkPeer(PEER, serverCredentials.keys().getPublic())))
                    .isFalse();
        }
        store.deleteEndpoint("dev");
        try (StoreTransaction tx = deviceWith(Devices.x509BootstrapAccount(
                0,
                URI.create("coaps://127.0.0.1:5684"),
                deviceCredentials.keys(),
                deviceCredentials.certificate(),
                pki.caCertificate(),
                2))) {
            BootstrapServerAccount anchored =
                    DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS).orElseThrow();
            // The test server certificate carries 127.0.0.1 as an IP subject alternative name.
            assertThat(anchored.isServer(rightPeer)).isTrue();
            assertThat(anchored.isServer(new X509Peer(PEER, List.of(deviceCredentials.certificate()))))
                    .isFalse();
        }
        store.deleteEndpoint("dev");
        try (StoreTransaction tx = deviceWith(Devices.x509BootstrapAccount(
                0,
                URI.create("coaps://localhost:5684"),
                deviceCredentials.keys(),
                deviceCredentials.certificate(),
                pki.caCertificate(),
                0))) {
            assertThatThrownBy(() -> DeviceBootstrapServerAccount.resolve(tx, Map.of(), KEYS))
                    .hasMessageContaining(ModeProperties.SERVER_TRUST_ANCHORS);
            BootstrapServerAccount withAnchors = DeviceBootstrapServerAccount.resolve(
                            tx,
                            Map.of(
                                    ModeProperties.SERVER_TRUST_ANCHORS,
                                    pem("CERTIFICATE", Devices.der(pki.caCertificate()))),
                            KEYS)
                    .orElseThrow();
            assertThat(withAnchors.x509Trust().orElseThrow().anchors()).hasSize(1);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
