/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.BootstrapConfigListener;
import io.bootgate.api.bsserver.BootstrapWrite;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectModel;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.Operations;
import io.bootgate.api.model.ResourceModel;
import io.bootgate.api.model.ResourceType;
import io.bootgate.api.model.SingleResource;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBootstrapConfigStoreTest {

    @TempDir
    Path dir;

    FileBootstrapConfigStore store;
    final List<String> changes = new CopyOnWriteArrayList<>();

    static String partial(long lifetime) {
        return "{ \"identity\": { \"x509\": true }, \"writes\": [ { \"path\": \"/1/0/1\", \"value\": " + lifetime
                + " } ] }";
    }

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("dev1.json"), partial(60));
        // A long poll interval: changes must come from file system events, not from the periodic rescan.
        store = new FileBootstrapConfigStore(
                dir, ObjectModelRegistry.standard(), new DefaultKeyCodec(), Duration.ofSeconds(30));
        store.addListener(new BootstrapConfigListener() {
            @Override
            public void configUpdated(BootstrapConfig config) {
                changes.add("updated " + config.endpoint());
            }

            @Override
            public void configRemoved(String endpoint) {
                changes.add("removed " + endpoint);
            }

            @Override
            public void configRejected(String endpoint, BootstrapConfigException error) {
                changes.add("rejected " + endpoint + ": " + error.getMessage());
            }
        });
        store.start();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static void waitFor(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private long lifetime(String endpoint) {
        return ((SingleResource)
                        store.get(endpoint).orElseThrow().writes().get(0).node())
                .value()
                .longValue();
    }

    @Test
    void loadsTheDirectoryAtStart() {
        assertThat(store.getAll()).containsOnlyKeys("dev1");
        assertThat(lifetime("dev1")).isEqualTo(60);
    }

    @Test
    void picksUpAddedChangedAndDeletedFilesLive() throws Exception {
        Files.writeString(dir.resolve("dev2.json"), partial(70));
        waitFor(() -> store.get("dev2").isPresent());
        assertThat(lifetime("dev2")).isEqualTo(70);

        Files.writeString(dir.resolve("dev2.json"), partial(80));
        waitFor(() -> lifetime("dev2") == 80);

        Files.delete(dir.resolve("dev2.json"));
        waitFor(() -> store.get("dev2").isEmpty());
        assertThat(changes).containsSubsequence("updated dev2", "updated dev2", "removed dev2");
    }

    @Test
    void aBrokenFileIsReportedAndThePreviousConfigStaysInEffect() throws Exception {
        Files.writeString(dir.resolve("dev1.json"), partial(60).replace("\"value\": 60", "\"value\": \"sixty\""));
        waitFor(() -> changes.stream().anyMatch(c -> c.startsWith("rejected dev1")));

        assertThat(changes).contains("rejected dev1: dev1.json: writes[0].value: expected an integer, got \"sixty\"");
        assertThat(lifetime("dev1")).isEqualTo(60);

        Files.writeString(dir.resolve("dev1.json"), partial(90));
        waitFor(() -> lifetime("dev1") == 90);
    }

    @Test
    void theApiWritesFilesThatTheStoreReadsBack() throws Exception {
        BootstrapConfig config = BootstrapConfig.builder("dev3", DeviceIdentity.x509())
                .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 33)))
                .build();

        store.put(config);

        assertThat(store.get("dev3")).contains(config);
        assertThat(Files.exists(dir.resolve("dev3.json"))).isTrue();
        store.rescan();
        assertThat(store.get("dev3")).contains(config);
        assertThat(changes).containsOnlyOnce("updated dev3");

        assertThat(store.remove("dev3")).isTrue();
        assertThat(Files.exists(dir.resolve("dev3.json"))).isFalse();
        assertThat(store.get("dev3")).isEmpty();
        assertThat(store.remove("dev3")).isFalse();
        assertThatThrownBy(() -> store.remove("../etc/passwd"))
                .isInstanceOf(BootstrapConfigException.class)
                .hasMessageContaining("forbidden character");
    }

    /** Issue 13, failure 5: an inline secretKey at mode 644 was accepted without a word. */
    @Test
    void anInlineSecretKeyReadableByOthersIsWarnedOfOncePerFile() throws Exception {
        Path loose = dir.resolve("dev5.json");
        Path ownerOnly = dir.resolve("dev6.json");
        Path referenced = dir.resolve("dev7.json");
        String inline =
                """
                { "identity": { "x509": true }, "servers": [ { "shortServerId": 101, "uri": "coaps://lwm2m.example:5684",
                  "securityMode": "PSK", "lifetime": 300, "publicKeyOrIdentity": { "text": "dev" },
                  "secretKey": { "base64": "AAECAwQFBgcICQoLDA0ODw==" } } ] }
                """;
        Files.writeString(loose, inline);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(ownerOnly, inline);
        Files.setPosixFilePermissions(ownerOnly, PosixFilePermissions.fromString("rw-------"));
        Files.write(dir.resolve("dev7.key"), new byte[16]);
        Files.setPosixFilePermissions(dir.resolve("dev7.key"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(
                referenced, inline.replace("\"base64\": \"AAECAwQFBgcICQoLDA0ODw==\"", "\"file\": \"dev7.key\""));
        Files.setPosixFilePermissions(referenced, PosixFilePermissions.fromString("rw-r--r--"));

        waitFor(() -> store.warnedOfReadableSecret(loose));
        // Accepted all the same (refusing would stop a working gateway): the warning names the file and the fix.
        waitFor(() -> store.get("dev5").isPresent()
                && store.get("dev6").isPresent()
                && store.get("dev7").isPresent());
        assertThat(store.warnedOfReadableSecret(ownerOnly)).isFalse();
        assertThat(store.warnedOfReadableSecret(referenced)).isFalse();

        // The fix the warning names clears it.
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(loose, inline + "\n");
        waitFor(() -> !store.warnedOfReadableSecret(loose));
    }

    @Test
    void filesWrittenThroughTheApiAreReadableByTheOwnerOnly() throws Exception {
        // Configs carry private keys (secretKey): whatever the umask, no other local user may read them.
        Files.writeString(dir.resolve("dev4.json"), partial(10));
        Files.setPosixFilePermissions(dir.resolve("dev4.json"), PosixFilePermissions.fromString("rw-r--r--"));
        BootstrapConfig config = BootstrapConfig.builder("dev4", DeviceIdentity.x509())
                .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 44)))
                .build();

        store.put(config);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dev4.json"))))
                .isEqualTo("rw-------");
        assertThat(store.get("dev4")).contains(config);
    }

    @Test
    void aUrnEndpointIsStoredInAPercentEncodedFileAndReadBack() throws Exception {
        String endpoint = "urn:imei:490154203237518";
        BootstrapConfig config = BootstrapConfig.builder(endpoint, DeviceIdentity.x509())
                .write(new BootstrapWrite(LwM2mPath.of(1, 0, 1), SingleResource.ofInteger(1, 44)))
                .build();

        store.put(config);

        Path file = dir.resolve("urn%3Aimei%3A490154203237518.json");
        assertThat(file).exists();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(":"));
        }
        store.rescan();
        assertThat(store.get(endpoint)).contains(config);
        assertThat(changes).containsOnlyOnce("updated " + endpoint);

        // An operator's edit of the file is picked up under the decoded endpoint name.
        Files.writeString(file, partial(45));
        waitFor(() -> lifetime(endpoint) == 45);

        assertThat(store.remove(endpoint)).isTrue();
        assertThat(file).doesNotExist();
        waitFor(() -> store.get(endpoint).isEmpty());
    }

    @Test
    void aHandWrittenUrnConfigFileIsLoadedUnderItsEndpoint() throws Exception {
        Files.writeString(dir.resolve("urn%3Adev%3Aops%3A0004A3-Sensor-7.json"), partial(50));

        waitFor(() -> store.get("urn:dev:ops:0004A3-Sensor-7").isPresent());
        assertThat(lifetime("urn:dev:ops:0004A3-Sensor-7")).isEqualTo(50);
    }

    @Test
    void fileNamesThatAreNoCanonicalEncodingAreIgnored() throws Exception {
        // Unencoded ':' (and a lower-case escape) would give the endpoint a second file; neither is read.
        Files.writeString(dir.resolve("urn:imei:1.json"), partial(51));
        Files.writeString(dir.resolve("urn%3aimei%3a1.json"), partial(52));
        store.rescan();

        assertThat(store.getAll()).containsOnlyKeys("dev1");
    }

    @Test
    void pathTraversalControlCharactersAndEmptyNamesStayRefused() {
        for (String endpoint : List.of("../etc/passwd", "..", ".", "", "a\\b", "dev\n1", "dev\u00001")) {
            BootstrapConfig config =
                    BootstrapConfig.builder("dev9", DeviceIdentity.x509()).build();
            assertThatThrownBy(() -> store.remove(endpoint)).as(endpoint).isInstanceOf(BootstrapConfigException.class);
            assertThatThrownBy(() ->
                            BootstrapConfig.builder(endpoint, config.identity()).build())
                    .as(endpoint)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void aChangedKeyFileReloadsTheConfigThatReferencesIt() throws Exception {
        java.security.KeyPair first = ConfigJsonTest.newKeyPair();
        java.security.KeyPair second = ConfigJsonTest.newKeyPair();
        Files.writeString(
                dir.resolve("dev4.pub.pem"),
                ConfigJsonTest.pem("PUBLIC KEY", first.getPublic().getEncoded()));
        Files.writeString(
                dir.resolve("dev4.json"),
                "{ \"identity\": { \"rpkPublicKey\": { \"file\": \"dev4.pub.pem\" } }," + " \"writes\": [] }");
        waitFor(() -> store.get("dev4").isPresent());

        Files.writeString(
                dir.resolve("dev4.pub.pem"),
                ConfigJsonTest.pem("PUBLIC KEY", second.getPublic().getEncoded()));
        store.rescan();

        assertThat(store.get("dev4").orElseThrow().identity())
                .isEqualTo(DeviceIdentity.rawPublicKey(second.getPublic()));
    }

    @Test
    void aConfigNamingAnObjectDefinedLaterIsAcceptedOnceTheModelsChange() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        Files.writeString(
                other.resolve("valve.json"),
                "{ \"identity\": { \"x509\": true }, \"writes\": [ "
                        + "{ \"path\": \"/33000/0/0\", \"value\": 40 } ] }");
        AtomicReference<ObjectModelRegistry> models = new AtomicReference<>(ObjectModelRegistry.standard());
        FileBootstrapConfigStore live =
                new FileBootstrapConfigStore(other, models::get, new DefaultKeyCodec(), Duration.ofSeconds(30));
        try {
            live.rescan();
            assertThat(live.get("valve")).isEmpty();

            models.set(ObjectModelRegistry.standard()
                    .with(List.of(ObjectModel.of(
                            33000,
                            "Valve",
                            "1.0",
                            true,
                            false,
                            List.of(new ResourceModel(
                                    0, "Opening", Operations.READ_WRITE, false, true, ResourceType.INTEGER))))));
            live.modelsChanged();
            live.rescan();

            assertThat(live.get("valve").orElseThrow().writes().get(0).path()).isEqualTo(LwM2mPath.of(33000, 0, 0));
        } finally {
            live.close();
        }
    }

    @Test
    void validateParsesAFileOutsideTheDirectoryWithoutStoringIt(@TempDir Path elsewhere) throws Exception {
        Path file = elsewhere.resolve("urn%3Aimei%3A490154203237518.json");
        Files.writeString(file, partial(90));

        BootstrapConfig config = store.validate(file);

        assertThat(config.endpoint()).isEqualTo("urn:imei:490154203237518");
        assertThat(store.get("urn:imei:490154203237518")).isEmpty();
        assertThat(changes).containsExactly("updated dev1");
    }

    @Test
    void validateNamesTheFileAndTheField(@TempDir Path elsewhere) throws Exception {
        Path file = elsewhere.resolve("dev9.json");
        Files.writeString(
                file,
                "{ \"identity\": { \"x509\": true }, \"servers\": [ { \"shortServerId\": \"abc\", "
                        + "\"uri\": \"coaps://x:5684\", \"securityMode\": \"RPK\", \"lifetime\": 60 } ] }");

        assertThatThrownBy(() -> store.validate(file))
                .isInstanceOf(BootstrapConfigException.class)
                .hasMessageStartingWith("dev9.json: servers[0].shortServerId");
        assertThat(store.get("dev9")).isEmpty();
    }

    @Test
    void validateRefusesAFileNameThatGivesNoEndpoint(@TempDir Path elsewhere) throws Exception {
        Path file = elsewhere.resolve("dev9.txt");
        Files.writeString(file, partial(90));

        assertThatThrownBy(() -> store.validate(file))
                .isInstanceOf(BootstrapConfigException.class)
                .hasMessageContaining("dev9.txt: the file name must be <endpoint>.json");
    }
}
