/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.smartcard.internal;

import static io.bootgate.mode.smartcard.internal.Der.applicationTemplate;
import static io.bootgate.mode.smartcard.internal.Der.fid;
import static io.bootgate.mode.smartcard.internal.Der.odfDataObjects;
import static io.bootgate.mode.smartcard.internal.Der.opaqueDataObject;
import static org.assertj.core.api.Assertions.assertThat;

import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import io.bootgate.acl.DefaultAccessControl;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.BootstrapOutcome.Status;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mObject;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.SingleResource;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.TreeView;
import io.bootgate.api.store.WriteMode;
import io.bootgate.codec.DefaultLinkFormat;
import io.bootgate.codec.DefaultLwM2mCodec;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.internal.BootstrapEngineImpl;
import io.bootgate.engine.internal.EngineSettings;
import io.bootgate.engine.internal.RetrySettings;
import io.bootgate.mode.smartcard.internal.SimulatedUicc.ElementaryFile;
import io.bootgate.store.MvObjectStore;
import io.bootgate.store.StoreOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The smartcard mode end to end: a Java Card applet in jCardSim holds EF DIR, EF ODF, EF DODF and EF
 * LwM2M_Bootstrap written from TLV of the real codec; the real bootstrap engine runs the mode for a device
 * ({@code addDevice}, {@code requestBootstrap}), the mode reads the card through jCardSim's javax.smartcardio
 * terminal and writes the objects into the engine's transaction on the real object store, which only a
 * consistent Finish commits.
 */
class SmartcardBootstrapModeTest {

    private static final String DEVICE = "urn:dev:os:smartcard-1";
    private static final String READER = "Simulated UICC Reader 00 00";
    private static final DefaultLwM2mCodec CODEC = new DefaultLwM2mCodec();
    private static final ObjectModelRegistry MODELS = ObjectModelRegistry.standard();

    private static KeyPair deviceKey;
    private static KeyPair serverKey;

    private final MvObjectStore store = MvObjectStore.open(StoreOptions.inMemory(ObjectModelRegistry::standard));
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private CardTerminals terminals = CardTerminalSimulator.terminals(READER);
    private final SmartcardBootstrapMode mode =
            new SmartcardBootstrapMode(() -> terminals, CODEC, SmartcardSettings.defaults());
    // A failed run is retried only after an hour, so each test sees exactly the runs it asks for.
    private final BootstrapEngineImpl engine = new BootstrapEngineImpl(
            store,
            new DefaultAccessControl(),
            CODEC,
            CODEC,
            new DefaultLinkFormat(),
            scheduler,
            Clock.systemUTC(),
            new EngineSettings(
                    Duration.ofSeconds(247),
                    new RetrySettings(Duration.ofHours(1), 1, Duration.ofHours(1), 0, Duration.ofHours(2), 0),
                    Duration.ofMillis(200)),
            Math::random,
            new DefaultKeyCodec());

    @BeforeEach
    void installMode() {
        engine.bindMode(mode, Map.of(BootstrapModeName.PROPERTY, BootstrapModeName.SMARTCARD, "service.id", 1L));
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        deviceKey = generator.generateKeyPair();
        serverKey = generator.generateKeyPair();
    }

    @AfterEach
    void close() {
        engine.shutdown();
        mode.deactivate();
        scheduler.shutdownNow();
        store.close();
    }

    /** A Raw Public Key account: URI, bootstrap flag, mode 1, keys, and the Short Server ID of a server one. */
    private static ObjectInstance account(int id, String uri, boolean bootstrap, int ssid) {
        List<SingleResource> resources = new java.util.ArrayList<>(List.of(
                SingleResource.ofString(Security.SERVER_URI, uri),
                SingleResource.ofBoolean(Security.BOOTSTRAP_SERVER, bootstrap),
                SingleResource.ofInteger(Security.SECURITY_MODE, 1),
                SingleResource.ofOpaque(
                        Security.PUBLIC_KEY_OR_IDENTITY, deviceKey.getPublic().getEncoded()),
                SingleResource.ofOpaque(
                        Security.SERVER_PUBLIC_KEY, serverKey.getPublic().getEncoded()),
                SingleResource.ofOpaque(
                        Security.SECRET_KEY, deviceKey.getPrivate().getEncoded())));
        if (!bootstrap) {
            resources.add(SingleResource.ofInteger(Security.SHORT_SERVER_ID, ssid));
        }
        return ObjectInstance.of(id, resources);
    }

    private static ObjectInstance server(int id, int ssid) {
        return ObjectInstance.of(
                id,
                SingleResource.ofInteger(Server.SHORT_SERVER_ID, ssid),
                SingleResource.ofInteger(Server.LIFETIME, 300),
                SingleResource.ofBoolean(Server.NOTIFICATION_STORING, false),
                SingleResource.ofString(Server.BINDING, "U"));
    }

    private static byte[] tlv(LwM2mObject object) throws Exception {
        return CODEC.encode(object, LwM2mPath.of(object.id()), ContentFormat.TLV, MODELS);
    }

    private static LwM2mObject cardSecurity() {
        return LwM2mObject.of(
                Security.ID,
                account(0, "coaps://bootstrap.example.net:5684", true, 0),
                account(1, "coaps://dm.example.net:5684", false, 101));
    }

    private static LwM2mObject cardServer() {
        return LwM2mObject.of(Server.ID, server(0, 101));
    }

    /** A card as Appendix G describes it, the bootstrap file holding {@code objects}. */
    private static SimulatedUicc card(byte[]... objects) {
        return SimulatedUicc.create(
                Pkcs15.AID,
                List.of(applicationTemplate(Pkcs15.AID, "LwM2M", fid(0x7F50))),
                null,
                ElementaryFile.of(0x5031, odfDataObjects(fid(0x6430))),
                ElementaryFile.of(0x6430, opaqueDataObject("LwM2M_Bootstrap", false, null, fid(0x6431))),
                ElementaryFile.of(0x6431, BootstrapFiles.file(16, objects)));
    }

    /** Configures the device with the smartcard mode and these mode properties, and runs its bootstrap. */
    private BootstrapOutcome attempt(Map<String, String> properties) throws Exception {
        engine.addDevice(new DeviceBootstrapConfig(
                DEVICE,
                List.of(BootstrapModeName.SMARTCARD),
                Map.of(BootstrapModeName.SMARTCARD, properties),
                Optional.empty()));
        return engine.requestBootstrap(DEVICE).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /**
     * The card's Server object was committed, by the engine: it records Last Bootstrapped (/1/0/12) with the
     * configuration it commits.
     */
    private static void assertHoldsCardServer(TreeView stored) {
        for (var resource : cardServer().instances().get(0).resources().values()) {
            assertThat(stored.value(LwM2mPath.of(Server.ID, 0, resource.id())))
                    .as("/1/0/%d", resource.id())
                    .contains(((SingleResource) resource).value());
        }
        assertThat(stored.value(LwM2mPath.of(Server.ID, 0, Server.LAST_BOOTSTRAPPED)))
                .isPresent();
    }

    /** The device already has a configuration: a failed attempt must leave it exactly as it is. */
    private TreeView previousConfiguration() {
        store.createEndpoint(DEVICE);
        try (var transaction = store.begin(DEVICE)) {
            transaction.write(
                    LwM2mPath.of(Security.ID, 5), account(5, "coaps://old.example.net", false, 7), WriteMode.REPLACE);
            transaction.write(LwM2mPath.of(Server.ID, 5), server(5, 7), WriteMode.REPLACE);
            transaction.commit();
        }
        return store.snapshot(DEVICE);
    }

    @Test
    void aCardWithAValidBootstrapFileBootstrapsTheDevice() throws Exception {
        store.createEndpoint(DEVICE);
        card(
                        BootstrapFiles.object(Security.ID, 1, 1, tlv(cardSecurity())),
                        BootstrapFiles.object(Server.ID, 0, 0, tlv(cardServer())))
                .insertInto(terminals.getTerminal(READER));

        BootstrapOutcome outcome = attempt(Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.SUCCESS);
        TreeView stored = store.snapshot(DEVICE);
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.object(Security.ID)).contains(cardSecurity());
        assertHoldsCardServer(stored);
    }

    @Test
    void aPrivateBootstrapFileIsReadWithTheDevicesPin() throws Exception {
        store.createEndpoint(DEVICE);
        SimulatedUicc.create(
                        Pkcs15.AID,
                        List.of(applicationTemplate(Pkcs15.AID, "LwM2M", fid(0x7F50))),
                        "73194",
                        ElementaryFile.of(0x5031, odfDataObjects(fid(0x6430))),
                        ElementaryFile.of(0x6430, opaqueDataObject("LwM2M_Bootstrap", true, null, fid(0x6431))),
                        new ElementaryFile(
                                0x6431,
                                BootstrapFiles.file(
                                        0,
                                        BootstrapFiles.object(Security.ID, 0, 0, tlv(cardSecurity())),
                                        BootstrapFiles.object(Server.ID, 0, 0, tlv(cardServer()))),
                                true))
                .insertInto(terminals.getTerminal(READER));

        BootstrapOutcome misspelt = attempt(Map.of("PIN", "73194"));
        assertThat(misspelt.status()).isEqualTo(Status.FAILURE);
        assertThat(misspelt.detail()).contains("unknown smartcard property 'PIN'");

        BootstrapOutcome outcome =
                attempt(Map.of(SmartcardSettings.READER, "Simulated UICC Reader", SmartcardSettings.PIN, "73194"));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.SUCCESS);
        assertHoldsCardServer(store.snapshot(DEVICE));
    }

    @Test
    void noReaderOrNoCardIsNotApplicableAndNamesWhatIsMissing() throws Exception {
        store.createEndpoint(DEVICE);

        BootstrapOutcome noCard = attempt(Map.of());
        assertThat(noCard.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(noCard.detail()).isEqualTo("no card in any reader [" + READER + "]");

        BootstrapOutcome otherReader = attempt(Map.of(SmartcardSettings.READER, "Other Reader"));
        assertThat(otherReader.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(otherReader.detail()).contains("reader 'Other Reader' is not connected");

        terminals = CardTerminalSimulator.terminals();
        BootstrapOutcome noReader = attempt(Map.of());
        assertThat(noReader.status()).isEqualTo(Status.NOT_APPLICABLE);
        assertThat(noReader.detail()).isEqualTo("no smartcard reader is connected");
        assertThat(store.snapshot(DEVICE).revision()).isZero();
    }

    @Test
    void aCardWithoutTheLwM2mApplicationFailsNamingIt() throws Exception {
        TreeView before = previousConfiguration();
        byte[] usim = HexFormat.of().parseHex("A0000000871002FF49FF0589");
        SimulatedUicc.create(usim, List.of(applicationTemplate(usim, "USIM", fid(0x7FF0))), null)
                .insertInto(terminals.getTerminal(READER));

        BootstrapOutcome outcome = attempt(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAILURE);
        assertThat(outcome.detail())
                .contains("reader '" + READER + "'")
                .contains("no PKCS#15 application (AID A000000063504B43532D3135)");
        assertThat(store.snapshot(DEVICE).objects()).isEqualTo(before.objects());
    }

    @Test
    void corruptedTlvFailsAndLeavesTheStoreUnchanged() throws Exception {
        TreeView before = previousConfiguration();
        byte[] server = tlv(cardServer());
        // Instance /1/0: header 08 (object instance, 8-bit id, 8-bit length), id 00, length. Claim 4 bytes more
        // than the object holds.
        assertThat(server[0]).isEqualTo((byte) 0x08);
        byte[] corrupted = Arrays.copyOf(server, server.length);
        corrupted[2] = (byte) (corrupted[2] + 4);
        card(
                        BootstrapFiles.object(Security.ID, 0, 0, tlv(cardSecurity())),
                        BootstrapFiles.object(Server.ID, 0, 0, corrupted))
                .insertInto(terminals.getTerminal(READER));

        BootstrapOutcome outcome = attempt(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAILURE);
        assertThat(outcome.detail()).contains("object /1 is not valid LwM2M TLV");
        TreeView after = store.snapshot(DEVICE);
        assertThat(after.revision()).isEqualTo(before.revision());
        assertThat(after.objects()).isEqualTo(before.objects());
    }

    @Test
    void inconsistentCardDataIsRefusedAtFinishAndLeavesTheStoreUnchanged() throws Exception {
        TreeView before = previousConfiguration();
        // A server account whose Short Server ID no Server instance carries.
        LwM2mObject security = LwM2mObject.of(Security.ID, account(1, "coaps://dm.example.net:5684", false, 202));
        card(BootstrapFiles.object(Security.ID, 0, 0, tlv(security))).insertInto(terminals.getTerminal(READER));

        BootstrapOutcome outcome = attempt(Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAILURE);
        assertThat(outcome.reasons()).contains("/0/1: no Server instance has Short Server ID 202");
        assertThat(store.snapshot(DEVICE).objects()).isEqualTo(before.objects());
    }
}
