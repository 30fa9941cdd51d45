/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.mode.factory.internal;

import static io.bootgate.engine.testkit.TestConfigs.bootstrapAccount;
import static io.bootgate.engine.testkit.TestConfigs.server;
import static io.bootgate.engine.testkit.TestConfigs.serverSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.bootstrap.BootstrapEvent;
import io.bootgate.api.bootstrap.BootstrapModeName;
import io.bootgate.api.bootstrap.BootstrapOutcome;
import io.bootgate.api.bootstrap.DeviceBootstrapConfig;
import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.StandardObjects.Security;
import io.bootgate.api.model.StandardObjects.Server;
import io.bootgate.api.store.TreeView;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import io.bootgate.engine.testkit.EngineFixture;
import io.bootgate.engine.testkit.ScriptedMode;
import io.bootgate.engine.testkit.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factory mode in the real engine on the real store, codec and ACL service, with a small test
 * "client-initiated" mode (a real {@link io.bootgate.api.bootstrap.BootstrapMode} that plays a bootstrap
 * server) to fall back to.
 */
class FactoryBootstrapModeTest {

    private static final String DEV = "dev1";

    @TempDir
    Path dir;

    private FactoryBootstrapMode factory(EngineFixture f) {
        FactoryBootstrapMode mode = new FactoryBootstrapMode(f.store, f.codec, new DefaultKeyCodec(), dir);
        f.install(mode, Map.of(BootstrapModeName.PROPERTY, BootstrapModeName.FACTORY, "service.id", 1L));
        return mode;
    }

    private static ScriptedMode clientInitiated(EngineFixture f) {
        ScriptedMode mode = new ScriptedMode(BootstrapModeName.CLIENT_INITIATED, ctx -> f.bootstrapServer()
                .write("/0/1", serverSecurity(1, 201, "coap://127.0.0.1:5693"))
                .write("/1/0", server(0, 201))
                .finish()
                .run(ctx));
        f.install(mode);
        return mode;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Optional<BootstrapOutcome> outcomeOf(EngineFixture f, String mode) {
        f.scheduler.runDue();
        return f.events.stream()
                .filter(e -> e.type() == BootstrapEvent.Type.ATTEMPT_ENDED)
                .filter(e -> e.mode().equals(Optional.of(mode)))
                .findFirst()
                .flatMap(BootstrapEvent::outcome);
    }

    private String validJson() throws IOException {
        String der = b64(TestConfigs.clientKeys().getPublic().getEncoded());
        write(
                "server.pem",
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        TestConfigs.clientKeys().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        return """
                {
                  "version": 1,
                  "objects": {
                    "0": {
                      "0": { "0": "coaps://127.0.0.1:5684", "1": true, "2": 1,
                             "3": "%s", "4": { "pemFile": "server.pem" }, "5": { "base64": "%s" },
                             "11": 30 },
                      "1": { "0": "coap://127.0.0.1:5683", "1": false, "2": 3,
                             "3": "", "4": { "hex": "" }, "5": { "text": "" }, "10": 101 }
                    },
                    "1": {
                      "0": { "0": 101, "1": 300, "6": false, "7": "U", "17": 3 }
                    },
                    "2": {
                      "0": { "0": 1, "1": 0, "2": { "101": 15 }, "3": 101 }
                    }
                  }
                }
                """
                .formatted(der, b64(TestConfigs.clientKeys().getPrivate().getEncoded()));
    }

    @Test
    void aValidJsonFileBootstrapsTheDevice() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            write(DEV + ".json", validJson());

            BootstrapOutcome outcome =
                    f.addDevice(DEV, "factory").toCompletableFuture().join();

            assertThat(outcome).isEqualTo(BootstrapOutcome.success());
            TreeView tree = f.snapshot(DEV);
            assertThat(tree.value(LwM2mPath.of(0, 0, Security.SERVER_PUBLIC_KEY)))
                    .contains(ResourceValue.ofOpaque(
                            TestConfigs.clientKeys().getPublic().getEncoded()));
            assertThat(tree.value(LwM2mPath.of(0, 0, Security.CLIENT_HOLD_OFF_TIME)))
                    .contains(ResourceValue.ofInteger(30));
            assertThat(tree.value(LwM2mPath.of(1, 0, Server.COMMUNICATION_RETRY_COUNT)))
                    .contains(ResourceValue.ofUnsignedInteger(3));
            assertThat(tree.value(LwM2mPath.of(2, 0, 2, 101))).contains(ResourceValue.ofInteger(15));
            assertThat(tree.value(LwM2mPath.of(1, 0, Server.LAST_BOOTSTRAPPED)))
                    .contains(ResourceValue.ofTime(EngineFixture.START));
        }
    }

    @Test
    void byteValuesTakeTheFormSharedWithBootstrapServerConfigs() throws Exception {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            KeyPair keys = new DefaultKeyCodec().generate(KeyAlgorithm.EC_P256);
            write("dev1.key.pem", new DefaultKeyCodec().privateKeyPem(keys.getPrivate()));
            write(
                    DEV + ".json",
                    validJson()
                            .replace("{ \"pemFile\": \"server.pem\" }", "{ \"file\": \"server.pem\" }")
                            .replace(
                                    "\"5\": { \"base64\": \""
                                            + b64(TestConfigs.clientKeys()
                                                    .getPrivate()
                                                    .getEncoded()) + "\" }",
                                    "\"5\": { \"file\": \"dev1.key.pem\" }"));

            assertThat(f.addDevice(DEV, "factory").toCompletableFuture().join()).isEqualTo(BootstrapOutcome.success());
            TreeView tree = f.snapshot(DEV);
            assertThat(tree.value(LwM2mPath.of(0, 0, Security.SERVER_PUBLIC_KEY)))
                    .as("a PEM file named by 'file' gives its DER")
                    .contains(ResourceValue.ofOpaque(
                            TestConfigs.clientKeys().getPublic().getEncoded()));
            assertThat(tree.value(LwM2mPath.of(0, 0, Security.SECRET_KEY)))
                    .contains(ResourceValue.ofOpaque(keys.getPrivate().getEncoded()));

            write("bad-pem.json", validJson().replace("{ \"pemFile\": \"server.pem\" }", "{ \"pem\": \"x\" }"));
            assertThat(f.addDevice("bad-pem", "factory")
                            .toCompletableFuture()
                            .join()
                            .detail())
                    .contains("/0/0/4.pem: not PEM text");
        }
    }

    @Test
    void noFactoryFileIsNotApplicableAndClientInitiatedTakesOver() {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            ScriptedMode clientInitiated = clientInitiated(f);

            BootstrapOutcome outcome = f.addDevice(DEV, "factory", "client-initiated")
                    .toCompletableFuture()
                    .join();

            assertThat(outcome).isEqualTo(BootstrapOutcome.success());
            assertThat(outcomeOf(f, "factory").orElseThrow().status())
                    .isEqualTo(BootstrapOutcome.Status.NOT_APPLICABLE);
            assertThat(clientInitiated.attempts()).hasSize(1);
            assertThat(f.snapshot(DEV).instance(Server.ID, 0).orElseThrow().value(0))
                    .contains(ResourceValue.ofInteger(201));
        }
    }

    @Test
    void inconsistentFactoryDataFailsWithThe406ReasonsIsRolledBackAndClientInitiatedTakesOver() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, -1, -1));
            factory(f);
            ScriptedMode clientInitiated = clientInitiated(f);
            // Server 999 has no Security instance.
            write(
                    DEV + ".json",
                    """
                    {"version": 1, "objects": {"1": {"5": {"0": 999, "1": 60, "6": false, "7": "U"}}}}
                    """);

            BootstrapOutcome outcome = f.addDevice(DEV, "factory", "client-initiated")
                    .toCompletableFuture()
                    .join();

            BootstrapOutcome factoryOutcome = outcomeOf(f, "factory").orElseThrow();
            assertThat(factoryOutcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(factoryOutcome.detail()).isEqualTo("Bootstrap-Finish answered 4.06");
            assertThat(factoryOutcome.reasons())
                    .containsExactly(
                            "/1/5: no Security instance has Short Server ID 999",
                            "no LwM2M Server account: at least one Security instance with a Server instance of the same"
                                    + " Short Server ID is required");
            assertThat(outcome).isEqualTo(BootstrapOutcome.success());
            assertThat(clientInitiated.attempts()).hasSize(1);
            // Nothing of the factory attempt was committed.
            assertThat(f.snapshot(DEV).instance(Server.ID, 5)).isEmpty();
            assertThat(f.snapshot(DEV).instance(Security.ID, 0)).isPresent();
        }
    }

    @Test
    void inconsistentFactoryDataAloneLeavesTheStoreUnchanged() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            f.commit(DEV, LwM2mPath.of(Security.ID), bootstrapAccount(0, -1, -1));
            TreeView before = f.snapshot(DEV);
            factory(f);
            write(
                    DEV + ".json",
                    """
                    {"version": 1, "objects": {"1": {"0": {"0": 101, "1": 60, "6": false, "7": "U"}},
                                               "0": {"0": {"0": "coap://127.0.0.1:5683", "1": true, "2": 3,
                                                           "3": "", "4": "", "5": ""}}}}
                    """);

            BootstrapOutcome outcome =
                    f.addDevice(DEV, "factory").toCompletableFuture().join();

            // The file replaces the RPK bootstrap account by a NoSec one: refused by the Bootstrap-interface policy.
            assertThat(outcome.reasons())
                    .anyMatch(r -> r.startsWith(
                            "/0/0: bootstrap account coap://127.0.0.1:5683: Security Mode 3 (NO_SEC) is refused"));
            TreeView after = f.snapshot(DEV);
            assertThat(after.revision()).isEqualTo(before.revision());
            assertThat(after.objects()).isEqualTo(before.objects());
        }
    }

    @Test
    void unusableFilesFailNamingFileAndPlace() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            write("bad-json.json", "{\"version\": 1, \"objects\": {\"0\": ");
            write("bad-resource.json", "{\"version\": 1, \"objects\": {\"1\": {\"0\": {\"99\": 1}}}}");
            write("bad-type.json", "{\"version\": 1, \"objects\": {\"1\": {\"0\": {\"1\": \"sixty\"}}}}");
            write("bad-version.json", "{\"version\": 2, \"objects\": {}}");

            assertThat(f.addDevice("bad-json", "factory")
                            .toCompletableFuture()
                            .join()
                            .detail())
                    .contains("bad-json.json: not valid JSON at line 1");
            assertThat(f.addDevice("bad-resource", "factory")
                            .toCompletableFuture()
                            .join()
                            .detail())
                    .contains("/1/0/99 is not a resource of object 1");
            assertThat(f.addDevice("bad-type", "factory")
                            .toCompletableFuture()
                            .join()
                            .detail())
                    .contains("/1/0/1: expected an integer");
            assertThat(f.addDevice("bad-version", "factory")
                            .toCompletableFuture()
                            .join()
                            .detail())
                    .contains("\"version\" must be 1");
            assertThat(f.store.snapshot("bad-type").objects()).isEmpty();
        }
    }

    /** Issue 13, failure 3 (found by fuzzing): a SenML record naming a resource outside the object model. */
    @Test
    void aSenmlFileNamingAnUndefinedResourceIsRefusedNamingFileAndRecord() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            write("undefined-resource.senml.json", "[{\"bn\":\"/1/0/\",\"n\":\"0\",\"v\":101},{\"n\":\"99\",\"v\":1}]");

            BootstrapOutcome outcome = f.addDevice("undefined-resource", "factory")
                    .toCompletableFuture()
                    .join();

            assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(outcome.detail())
                    .startsWith("factory file refused: ")
                    .contains("undefined-resource.senml.json: record /1/0/99: /1/0/99 is not a resource of object 1");
            assertThat(f.store.snapshot("undefined-resource").objects()).isEmpty();
        }
    }

    /** Issue 13, failure 3 (found by fuzzing): an empty key in the JSON form. */
    @Test
    void anEmptyKeyInTheJsonFormIsRefusedNamingFileAndField() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            write("empty-key.json", "{\"version\": 1, \"objects\": {\"\": 60}}");

            BootstrapOutcome outcome =
                    f.addDevice("empty-key", "factory").toCompletableFuture().join();

            assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(outcome.detail())
                    .startsWith("factory file refused: ")
                    .contains("empty-key.json: key '' in objects is not an id in 0..");
        }
    }

    @Test
    void anExplicitlyNamedFileThatIsMissingIsAFailure() {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            DeviceBootstrapConfig config = new DeviceBootstrapConfig(
                    DEV,
                    List.of("factory"),
                    Map.of("factory", Map.of("file", dir.resolve("gone.json").toString())),
                    Optional.empty());

            BootstrapOutcome outcome = f.addDevice(config).toCompletableFuture().join();

            assertThat(outcome.status()).isEqualTo(BootstrapOutcome.Status.FAILURE);
            assertThat(outcome.detail()).contains("gone.json (mode.factory.file) does not exist");
        }
    }

    @Test
    void aSenmlJsonFileIsDecodedWithTheCodec() throws IOException {
        try (EngineFixture f = new EngineFixture()) {
            factory(f);
            write(
                    DEV + ".senml.json",
                    """
                    [{"bn":"/0/1/","n":"0","vs":"coap://127.0.0.1:5683"},{"n":"1","vb":false},{"n":"2","v":3},
                     {"n":"3","vd":""},{"n":"4","vd":""},{"n":"5","vd":""},{"n":"10","v":101},
                     {"bn":"/1/0/","n":"0","v":101},{"n":"1","v":300},{"n":"6","vb":false},{"n":"7","vs":"U"}]
                    """);

            BootstrapOutcome outcome =
                    f.addDevice(DEV, "factory").toCompletableFuture().join();

            assertThat(outcome).isEqualTo(BootstrapOutcome.success());
            assertThat(f.snapshot(DEV).value(LwM2mPath.of(0, 1, Security.SHORT_SERVER_ID)))
                    .contains(ResourceValue.ofInteger(101));
        }
    }
}
