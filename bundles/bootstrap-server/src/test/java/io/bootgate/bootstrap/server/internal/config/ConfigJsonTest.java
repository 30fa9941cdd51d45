/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.bootstrap.server.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.bootgate.api.acl.AccessRights;
import io.bootgate.api.bsserver.BootstrapConfig;
import io.bootgate.api.bsserver.BootstrapConfigException;
import io.bootgate.api.bsserver.DeviceIdentity;
import io.bootgate.api.bsserver.ServerAccount;
import io.bootgate.api.model.ContentFormat;
import io.bootgate.api.model.LwM2mPath;
import io.bootgate.api.model.ObjectInstance;
import io.bootgate.api.model.ObjectModelRegistry;
import io.bootgate.api.model.ResourceValue;
import io.bootgate.api.model.SecurityMode;
import io.bootgate.api.model.SingleResource;
import io.bootgate.dtls.internal.DefaultKeyCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigJsonTest {

    @TempDir
    Path dir;

    KeyPair device;
    KeyPair management;
    final ConfigJson json = new ConfigJson(ObjectModelRegistry.standard(), new DefaultKeyCodec());

    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    @BeforeEach
    void keys() throws Exception {
        device = newKeyPair();
        management = newKeyPair();
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(
                dir.resolve("keys/dev1.pub.pem"),
                pem("PUBLIC KEY", device.getPublic().getEncoded()));
        Files.writeString(
                dir.resolve("keys/mgmt.pub.pem"),
                pem("PUBLIC KEY", management.getPublic().getEncoded()));
        Files.writeString(
                dir.resolve("keys/mgmt.key.pem"),
                pem("PRIVATE KEY", management.getPrivate().getEncoded()));
    }

    static final String FULL =
            """
            {
              "endpoint": "dev1",
              "identity": { "rpkPublicKey": { "file": "keys/dev1.pub.pem" } },
              "contentFormat": "SENML_CBOR",
              "reset": [101],
              "reads": ["/2"],
              "servers": [ {
                  "shortServerId": 102,
                  "uri": "coaps://lwm2m.example.com:5684",
                  "securityMode": "RPK",
                  "publicKeyOrIdentity": { "file": "keys/mgmt.pub.pem" },
                  "secretKey": { "file": "keys/mgmt.key.pem" },
                  "serverPublicKey": { "hex": "0a0b0c" },
                  "certificateUsage": 3,
                  "lifetime": 300,
                  "binding": "U",
                  "notificationStoring": true,
                  "serverResources": { "16": true }
              } ],
              "accessControl": [
                { "objectId": 3, "objectInstanceId": 0, "acl": { "102": "RWE", "0": 1 }, "owner": 102 }
              ],
              "writes": [
                { "path": "/1/0/1", "value": 600 },
                { "path": "/3/0", "resources": { "13": 1700000000, "14": "+01:00" } }
              ]
            }
            """;

    @Test
    void parsesEverySectionResolvingKeyFilesAgainstTheConfigDirectory() throws Exception {
        Path file = dir.resolve("dev1.json");
        Files.writeString(file, FULL);

        ConfigJson.Parsed parsed = json.parse(file, "dev1");
        BootstrapConfig config = parsed.config();

        assertThat(config.identity()).isEqualTo(DeviceIdentity.rawPublicKey(device.getPublic()));
        assertThat(config.contentFormat()).contains(ContentFormat.SENML_CBOR);
        assertThat(config.resetServers()).containsExactly(101);
        assertThat(config.reads()).containsExactly(LwM2mPath.of(2));
        assertThat(config.deletes())
                .as("reset configs delete nothing by default")
                .isEmpty();
        ServerAccount account = config.servers().get(0);
        assertThat(account.securityMode()).isEqualTo(SecurityMode.RAW_PUBLIC_KEY);
        ObjectInstance security = account.securityInstance(1);
        assertThat(security.value(3))
                .contains(ResourceValue.ofOpaque(management.getPublic().getEncoded()));
        assertThat(security.value(5))
                .contains(ResourceValue.ofOpaque(management.getPrivate().getEncoded()));
        assertThat(security.value(4)).contains(ResourceValue.ofOpaque(new byte[] {10, 11, 12}));
        assertThat(security.value(15)).contains(ResourceValue.ofUnsignedInteger(3));
        assertThat(security.value(10)).contains(ResourceValue.ofInteger(102));
        assertThat(account.serverInstance(0).value(16)).contains(ResourceValue.ofBoolean(true));
        assertThat(config.accessControl().get(0).accessControl().acl())
                .containsEntry(102, AccessRights.of(7))
                .containsEntry(0, AccessRights.of(1));
        assertThat(config.writes()).hasSize(2);
        assertThat(config.writes().get(0).node()).isEqualTo(SingleResource.ofInteger(1, 600));
        assertThat(parsed.referencedFiles())
                .contains(dir.resolve("keys/dev1.pub.pem").toAbsolutePath());
    }

    @Test
    void whatIsWrittenParsesBackToTheSameConfig() throws Exception {
        Path file = dir.resolve("dev1.json");
        Files.writeString(file, FULL);
        BootstrapConfig config = json.parse(file, "dev1").config();

        BootstrapConfig again =
                json.parse(json.write(config), dir.resolve("dev1.json"), "dev1").config();

        assertThat(again).isEqualTo(config);
    }

    @Test
    void aSec1PrivateKeyIsCarriedAsPkcs8() throws Exception {
        // What "openssl ecparam -genkey" writes: SEC1 with the named curve in its parameters field.
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) management.getPrivate();
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                        256,
                        ec.getS(),
                        new org.bouncycastle.asn1.x9.X962Parameters(
                                org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1))
                .getEncoded();
        Files.writeString(dir.resolve("keys/sec1.pem"), pem("EC PRIVATE KEY", sec1));
        String config = FULL.replace("keys/mgmt.key.pem", "keys/sec1.pem");

        BootstrapConfig parsed = json.parse(config.getBytes(StandardCharsets.UTF_8), dir.resolve("dev1.json"), "dev1")
                .config();

        byte[] secret = parsed.servers()
                .get(0)
                .securityInstance(1)
                .value(5)
                .orElseThrow()
                .opaqueValue();
        java.security.interfaces.ECPrivateKey read =
                (java.security.interfaces.ECPrivateKey) java.security.KeyFactory.getInstance("EC")
                        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(secret));
        assertThat(read.getS()).isEqualTo(ec.getS());
    }

    @Test
    void byteValuesTakeTheFormSharedWithFactoryFiles() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(management.getPublic().getEncoded());
        String config = FULL.replace(
                        "\"publicKeyOrIdentity\": { \"file\": \"keys/mgmt.pub.pem\" }",
                        "\"publicKeyOrIdentity\": \"" + b64 + "\"")
                .replace(
                        "\"secretKey\": { \"file\": \"keys/mgmt.key.pem\" }",
                        "\"secretKey\": { \"pemFile\": \"keys/mgmt.key.pem\" }")
                .replace(
                        "\"serverPublicKey\": { \"hex\": \"0a0b0c\" }",
                        "\"serverPublicKey\": { \"hex\": \"0a:0b 0c\" }");

        BootstrapConfig parsed = json.parse(config.getBytes(StandardCharsets.UTF_8), dir.resolve("dev1.json"), "dev1")
                .config();

        var security = parsed.servers().get(0).securityInstance(1);
        assertThat(security.value(3).orElseThrow().opaqueValue())
                .isEqualTo(management.getPublic().getEncoded());
        assertThat(security.value(5).orElseThrow().opaqueValue())
                .isEqualTo(management.getPrivate().getEncoded());
        assertThat(security.value(4).orElseThrow().opaqueValue()).containsExactly(0x0a, 0x0b, 0x0c);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(
                dir.resolve("keys/rsa.key.pem"),
                pem("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded()));
        assertThat(error(FULL.replace("keys/mgmt.key.pem", "keys/rsa.key.pem")).getMessage())
                .startsWith("dev1.json: servers[0].secretKey.file: rsa.key.pem: ")
                .contains("accepted are EC P-256, EC P-384 and Ed25519");
        assertThat(error(FULL.replace("{ \"hex\": \"0a0b0c\" }", "{ \"url\": \"x\" }"))
                        .getMessage())
                .startsWith("dev1.json: servers[0].serverPublicKey: unknown byte value form 'url'");
    }

    private BootstrapConfigException error(String content) {
        Path file = dir.resolve("dev1.json");
        try {
            Files.writeString(file, content);
            json.parse(file, "dev1");
        } catch (BootstrapConfigException e) {
            return e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no error for " + content);
    }

    @Test
    void badJsonNamesTheFileAndThePosition() {
        BootstrapConfigException e = error("{ \"identity\": { \"x509\": true }, ");
        assertThat(e.getMessage()).startsWith("dev1.json: invalid JSON at line 1");
        assertThat(e.file()).contains(dir.resolve("dev1.json"));
    }

    @Test
    void aWrongValueNamesTheFileAndTheField() {
        BootstrapConfigException e = error(FULL.replace("\"shortServerId\": 102", "\"shortServerId\": \"abc\""));
        assertThat(e.getMessage())
                .isEqualTo("dev1.json: servers[0].shortServerId: expected an integer 1..65534, " + "got \"abc\"");
        assertThat(e.field()).contains("servers[0].shortServerId");
    }

    @Test
    void unknownFieldsMissingFieldsAndBadReferencesAreRefused() {
        assertThat(error(FULL.replace("\"lifetime\"", "\"lifetme\"")).getMessage())
                .startsWith("dev1.json: servers[0].lifetme: unknown field");
        assertThat(error("{ \"endpoint\": \"dev1\" }").getMessage()).isEqualTo("dev1.json: identity: missing");
        assertThat(error(FULL.replace("keys/mgmt.pub.pem", "keys/absent.pem")).getMessage())
                .startsWith("dev1.json: servers[0].publicKeyOrIdentity.file: cannot read");
        assertThat(error(FULL.replace("\"endpoint\": \"dev1\"", "\"endpoint\": \"dev2\""))
                        .getMessage())
                .contains("endpoint: 'dev2' differs from the file name's endpoint 'dev1'");
        assertThat(error(FULL.replace("\"RWE\"", "\"RWX\"")).getMessage())
                .isEqualTo("dev1.json: accessControl[0].acl.102: unknown right 'X' (use R, W, E, D, C)");
        assertThat(error(FULL.replace("\"/1/0/1\"", "\"/1/0/99\"")).getMessage())
                .contains("writes[0].value: object 1 has no resource 99");
        assertThat(error(FULL.replace("\"contentFormat\": \"SENML_CBOR\"", "\"contentFormat\": \"TEXT\""))
                        .getMessage())
                .contains("contentFormat: expected TLV, SENML_JSON or SENML_CBOR");
        assertThat(error(FULL.replace(
                                "\"rpkPublicKey\": { \"file\": \"keys/dev1.pub.pem\" }",
                                "\"rpkPublicKey\": { \"file\": \"keys/mgmt.key.pem\" }"))
                        .getMessage())
                .contains("identity.rpkPublicKey.file: mgmt.key.pem: PEM block 'PRIVATE KEY' found, expected one of "
                        + "[PUBLIC KEY]");
    }

    @Test
    void shapeErrorsFoundWhileBindingNameTheFieldAndNoJacksonType() {
        assertThat(error(FULL.replace("\"endpoint\": \"dev1\"", "\"endpoint\": \"dev1\", \"endpoints\": 1"))
                        .getMessage())
                .startsWith("dev1.json: endpoints: unknown field (known: [accessControl, ");
        assertThat(error(FULL.replace("\"owner\"", "\"ownr\"")).getMessage())
                .startsWith("dev1.json: accessControl[0].ownr: unknown field (known: [acl, instanceId, ");
        assertThat(error("{ \"identity\": true }").getMessage()).isEqualTo("dev1.json: identity: expected an object");
        assertThat(error("{ \"identity\": { \"x509\": true }, \"writes\": {} }").getMessage())
                .isEqualTo("dev1.json: writes: expected an array");
        assertThat(error("{ \"identity\": { \"x509\": true }, \"writes\": [ 1 ] }")
                        .getMessage())
                .isEqualTo("dev1.json: writes[0]: expected an object");
        assertThat(error("{ \"identity\": { \"x509\": true }, \"identity\": { \"x509\": true } }")
                        .getMessage())
                .startsWith("dev1.json: invalid JSON at line 1")
                .contains("Duplicate field 'identity'");
        assertThat(error("{ \"identity\": { \"x509\": \"true\" } }").getMessage())
                .isEqualTo("dev1.json: identity.x509: expected true or false, got \"true\"");
        assertThat(error("[]").getMessage()).isEqualTo("dev1.json: expected an object");
    }

    @Test
    void fullConfigsDeleteServersByDefaultPartialOnesDeleteNothing() throws Exception {
        String full = FULL.replace("\"reset\": [101],", "");
        assertThat(json.parse(full.getBytes(StandardCharsets.UTF_8), dir.resolve("dev1.json"), "dev1")
                        .config()
                        .deletes())
                .containsExactly(LwM2mPath.of(0), LwM2mPath.of(1), LwM2mPath.of(2));
        String partial =
                """
                { "identity": { "x509": true }, "writes": [ { "path": "/0/1/0", "value": "coaps://new:5684" } ] }
                """;
        BootstrapConfig config = json.parse(partial.getBytes(StandardCharsets.UTF_8), dir.resolve("dev1.json"), "dev1")
                .config();
        assertThat(config.deletes()).isEmpty();
        assertThat(config.endpoint()).isEqualTo("dev1");
        assertThat(config.identity()).isEqualTo(DeviceIdentity.x509());
    }

    @Test
    void theExampleOfTheReadmeParses() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```json", readme.indexOf("### Full example")) + "```json".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        for (String name : new String[] {"device-001.pub.pem", "device-001-mgmt.pub.pem", "lwm2m-server.pub.pem"}) {
            Files.writeString(
                    dir.resolve("keys").resolve(name),
                    pem("PUBLIC KEY", newKeyPair().getPublic().getEncoded()));
        }
        Files.writeString(
                dir.resolve("keys/device-001-mgmt.key.pem"),
                pem("PRIVATE KEY", management.getPrivate().getEncoded()));

        BootstrapConfig config = json.parse(
                        example.getBytes(StandardCharsets.UTF_8), dir.resolve("device-001.json"), "device-001")
                .config();

        assertThat(config.resetServers()).containsExactly(101);
        assertThat(config.servers()).singleElement().satisfies(a -> assertThat(a.shortServerId())
                .isEqualTo(102));
        assertThat(config.accessControl()).hasSize(2);
    }
}
