/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.keys.ByteValueException;
import io.bootgate.api.keys.ByteValues;
import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.keys.KeyMaterialKind;
import io.bootgate.api.keys.KeyPairAndChain;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every accepted and every refused form of the one key and PEM layer, and the JSON byte-value form. */
class DefaultKeyCodecTest {

    private final DefaultKeyCodec codec = new DefaultKeyCodec();

    @TempDir
    Path directory;

    @Test
    void readsEveryAcceptedPrivateKeyEncodingOfEveryAcceptedAlgorithm() throws Exception {
        for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
            KeyPair pair = codec.generate(algorithm);
            String pkcs8Pem = codec.privateKeyPem(pair.getPrivate());
            assertThat(pkcs8Pem).startsWith("-----BEGIN PRIVATE KEY-----");

            assertThat(codec.privateKey(ascii(pkcs8Pem), "pem").getEncoded())
                    .isEqualTo(pair.getPrivate().getEncoded());
            assertThat(codec.privateKey(pair.getPrivate().getEncoded(), "der").getEncoded())
                    .isEqualTo(pair.getPrivate().getEncoded());
            assertThat(codec.privateKey(
                                    Base64.getEncoder()
                                            .encodeToString(pair.getPrivate().getEncoded()),
                                    "b64")
                            .getEncoded())
                    .isEqualTo(pair.getPrivate().getEncoded());
            assertThat(codec.algorithm(pair.getPrivate(), "key")).isEqualTo(algorithm);
            assertThat(codec.derivePublicKey(pair.getPrivate(), "key").getEncoded())
                    .as("derived public key of %s", algorithm)
                    .isEqualTo(pair.getPublic().getEncoded());
            assertThat(codec.keyPair(ascii(pkcs8Pem), "pem").getPublic().getEncoded())
                    .isEqualTo(pair.getPublic().getEncoded());
            assertThat(codec.matches(pair.getPublic(), pair.getPrivate())).isTrue();
        }
    }

    @Test
    void readsSec1PrivateKeysInPemWithParametersAndInDer() throws Exception {
        for (String curve : List.of("secp256r1", "secp384r1")) {
            KeyPair pair = ec(curve, null);
            BigInteger d = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS();
            var oid = curve.equals("secp256r1")
                    ? X9ObjectIdentifiers.prime256v1
                    : org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1;
            int bits = curve.equals("secp256r1") ? 256 : 384;
            ECPrivateKey sec1 = new ECPrivateKey(bits, d, null, oid);
            String openssl = pem("EC PARAMETERS", oid.getEncoded()) + pem("EC PRIVATE KEY", sec1.getEncoded());

            KeyPair read = codec.keyPair(ascii(openssl), "sec1.pem");
            assertThat(read.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
            assertThat(((java.security.interfaces.ECPrivateKey) codec.privateKey(sec1.getEncoded(), "der")).getS())
                    .isEqualTo(d);
            byte[] pkcs8 = codec.der(ascii(openssl), Set.of(KeyMaterialKind.PRIVATE_KEY), "sec1.pem");
            assertThat(((java.security.interfaces.ECPrivateKey)
                                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
                            .getS())
                    .as("SEC1 becomes PKCS#8, the form of the Secret Key resource")
                    .isEqualTo(d);
        }
    }

    @Test
    void readsPublicKeysAndCertificateChainsInPemDerAndBase64() throws Exception {
        KeyPair pair = codec.generate(KeyAlgorithm.EC_P384);
        String spki = codec.publicKeyPem(pair.getPublic());
        assertThat(codec.publicKey(ascii(spki), "pem")).isEqualTo(pair.getPublic());
        assertThat(codec.publicKey(pair.getPublic().getEncoded(), "der")).isEqualTo(pair.getPublic());
        assertThat(codec.publicKey(
                        Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()), "b64"))
                .isEqualTo(pair.getPublic());

        List<X509Certificate> chain = new TestPkiAccess().chain();
        String chainPem = codec.certificatesPem(chain);
        assertThat(codec.certificates(ascii(chainPem), "chain.pem")).isEqualTo(chain);
        assertThat(codec.certificates(chainPem, "chain.pem")).isEqualTo(chain);
        assertThat(codec.certificates(chain.get(0).getEncoded(), "der")).containsExactly(chain.get(0));
        Path file = directory.resolve("chain.pem");
        Files.writeString(file, chainPem);
        assertThat(codec.readCertificates(file)).isEqualTo(chain);
        assertThat(codec.der(ascii(chainPem), Set.of(KeyMaterialKind.CERTIFICATE), "chain.pem"))
                .as("the end entity of a chain")
                .isEqualTo(chain.get(0).getEncoded());
    }

    @Test
    void checksThatKeysAndCertificatesBelongTogether() throws Exception {
        TestPki.Issued issued = TestPki.selfSignedServer("bs.bootgate.test");
        codec.requireMatch(new KeyPairAndChain(issued.keyPair(), List.of(issued.certificate())), "server");
        KeyPair other = codec.generate(KeyAlgorithm.EC_P256);

        assertThat(codec.matches(other.getPublic(), issued.keyPair().getPrivate()))
                .isFalse();
        assertThatThrownBy(() -> codec.requireMatch(
                        KeyPairAndChain.of(
                                new KeyPair(other.getPublic(), issued.keyPair().getPrivate())),
                        "device dev1"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessage("device dev1: the public key does not belong to the private key");
        assertThatThrownBy(() ->
                        codec.requireMatch(new KeyPairAndChain(other, List.of(issued.certificate())), "server.key"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("is not the private key's");
    }

    @Test
    void refusesRsaAndOtherCurvesNamingTheSourceButNotTheBytes() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        KeyPair rsa = rsaGenerator.generateKeyPair();
        List<byte[]> refused = new ArrayList<>(
                List.of(rsa.getPrivate().getEncoded(), rsa.getPublic().getEncoded()));
        KeyPair p521 = ec("secp521r1", null);
        refused.addAll(List.of(p521.getPrivate().getEncoded(), p521.getPublic().getEncoded()));
        KeyPair k1 = ec("secp256k1", new BouncyCastleProvider());
        refused.addAll(List.of(k1.getPrivate().getEncoded(), k1.getPublic().getEncoded()));

        for (byte[] der : refused) {
            boolean privateKey = Arrays.equals(der, rsa.getPrivate().getEncoded())
                    || Arrays.equals(der, p521.getPrivate().getEncoded())
                    || Arrays.equals(der, k1.getPrivate().getEncoded());
            String pemText = pem(privateKey ? "PRIVATE KEY" : "PUBLIC KEY", der);
            assertThatThrownBy(() -> {
                        if (privateKey) {
                            codec.privateKey(ascii(pemText), "keys/refused.pem");
                        } else {
                            codec.publicKey(ascii(pemText), "keys/refused.pem");
                        }
                    })
                    .isInstanceOf(KeyFormatException.class)
                    .hasMessageStartingWith("keys/refused.pem: ")
                    .hasMessageContaining("accepted are EC P-256, EC P-384 and Ed25519")
                    .hasMessageNotContaining(
                            Base64.getEncoder().encodeToString(der).substring(40, 60));
            assertThatThrownBy(() -> codec.der(der, EnumSet.allOf(KeyMaterialKind.class), "/0/1/5"))
                    .isInstanceOf(KeyFormatException.class)
                    .hasMessageStartingWith("/0/1/5: ");
        }
        assertThatThrownBy(() -> codec.algorithm(rsa.getPublic(), "server.pub"))
                .hasMessage("server.pub: key algorithm RSA is refused; accepted are EC P-256, EC P-384 and Ed25519");
        assertThatThrownBy(() -> codec.derivePublicKey(rsa.getPrivate(), "x")).isInstanceOf(KeyFormatException.class);
        assertThat(codec.matches(rsa.getPublic(), rsa.getPrivate())).isFalse();
    }

    @Test
    void refusesMalformedPemAndTruncatedDer() throws Exception {
        KeyPair pair = codec.generate(KeyAlgorithm.EC_P256);
        String good = codec.privateKeyPem(pair.getPrivate());

        String noEnd = good.substring(0, good.indexOf("-----END"));
        assertThatThrownBy(() -> codec.privateKey(ascii(noEnd), "dev.key"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("dev.key: malformed PEM text");
        String badBase64 = good.replaceFirst("\n[A-Za-z0-9+/]{10}", "\n!!!!!!!!!!");
        assertThatThrownBy(() -> codec.privateKey(ascii(badBase64), "dev.key"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("dev.key: ");
        assertThatThrownBy(() -> codec.publicKey(ascii(good), "dev.pub"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageContaining("no PUBLIC KEY block in the PEM text");
        assertThatThrownBy(() -> codec.privateKey("   ", "mode.x.key")).hasMessage("mode.x.key: is empty");
        assertThatThrownBy(() -> codec.certificates("not base64 !", "anchors"))
                .hasMessage("anchors: neither PEM nor Base64");

        byte[] der = pair.getPrivate().getEncoded();
        assertThatThrownBy(() -> codec.privateKey(Arrays.copyOf(der, der.length - 10), "/0/0/5"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("/0/0/5: not a DER PKCS#8 or SEC1 private key");
        byte[] spki = pair.getPublic().getEncoded();
        assertThatThrownBy(() -> codec.publicKey(Arrays.copyOf(spki, 20), "/0/0/4"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("/0/0/4: not a DER SubjectPublicKeyInfo");
        byte[] certificate = new TestPkiAccess().chain().get(0).getEncoded();
        assertThatThrownBy(() -> codec.certificates(Arrays.copyOf(certificate, 100), "/0/0/3"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("/0/0/3: not a DER X.509 certificate");
    }

    /**
     * Two inputs KeyCodecFuzzTest found (2026-12-05, committed as its seeds): a PUBLIC KEY block whose Base64 body
     * BouncyCastle's PEMParser answers with a NullPointerException, and a CERTIFICATE block the JDK's certificate
     * factory answers with an IllegalArgumentException. Both must be the documented refusal.
     */
    @Test
    void fuzzFindingsInDamagedPemBlocksAreTypedRefusals() throws Exception {
        byte[] publicKey = fuzzInput("publicKey/crash-27f76948a7aea68dcc86798dde6ebf394ac828f6");
        assertThatThrownBy(() -> codec.publicKey(publicKey, "dev.pub"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("dev.pub: malformed PEM text");
        byte[] certificate = fuzzInput("certificates/crash-e67a2fd2accab7dbc4c4d7f3405c6de16cdcd1a6");
        assertThatThrownBy(() -> codec.certificates(certificate, "dev.crt"))
                .isInstanceOf(KeyFormatException.class)
                .hasMessageStartingWith("dev.crt: ");
        // The same two holes found again by a second run: a ClassCastException from a certificate name holding a
        // NumericString where an OID belongs, and another PUBLIC KEY body PEMParser cannot read.
        byte[] numericStringName = fuzzInput("certificates/crash-6630b22aaccd3317859c546824dc26ac54627397");
        assertThatThrownBy(() -> codec.certificates(numericStringName, "dev.crt"))
                .isInstanceOf(KeyFormatException.class);
        byte[] anotherPublicKey = fuzzInput("publicKey/crash-db00918186db511a87f8ba777c495227334b19ea");
        assertThatThrownBy(() -> codec.publicKey(anotherPublicKey, "dev.pub")).isInstanceOf(KeyFormatException.class);
    }

    /** The bytes a KeyCodecFuzzTest input hands to the codec: the fuzzer takes its boolean from the last byte. */
    private static byte[] fuzzInput(String name) throws Exception {
        try (var in = DefaultKeyCodecTest.class.getResourceAsStream("KeyCodecFuzzTestInputs/" + name)) {
            byte[] all = in.readAllBytes();
            return Arrays.copyOf(all, all.length - 1);
        }
    }

    @Test
    void derChecksTheKindTheResourceMayHold() throws Exception {
        KeyPair pair = codec.generate(KeyAlgorithm.EC_P256);
        byte[] privatePem = ascii(codec.privateKeyPem(pair.getPrivate()));
        assertThatThrownBy(() -> codec.der(privatePem, Set.of(KeyMaterialKind.PUBLIC_KEY), "mgmt.key.pem"))
                .hasMessage("mgmt.key.pem: PEM block 'PRIVATE KEY' found, expected one of [PUBLIC KEY]");
        byte[] twoKeys = ascii(codec.publicKeyPem(pair.getPublic()) + codec.publicKeyPem(pair.getPublic()));
        assertThatThrownBy(() -> codec.der(twoKeys, Set.of(KeyMaterialKind.PUBLIC_KEY), "two.pem"))
                .hasMessage("two.pem: the PEM text holds 2 keys, expected one");
        assertThat(codec.der(pair.getPublic().getEncoded(), EnumSet.allOf(KeyMaterialKind.class), "/0/0/3"))
                .isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void writesOwnerOnlyFilesThatReadBack() throws Exception {
        KeyPair pair = codec.generate(KeyAlgorithm.ED25519);
        Path file = directory.resolve("ed.key.pem");
        codec.writeOwnerOnly(file, codec.privateKeyPem(pair.getPrivate()));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(DefaultKeyCodec.OWNER_ONLY);
        assertThat(codec.readKeyPair(file).getPublic().getEncoded())
                .isEqualTo(pair.getPublic().getEncoded());
        Path publicFile = directory.resolve("ed.pub.pem");
        codec.writeOwnerOnly(publicFile, codec.publicKeyPem(pair.getPublic()));
        assertThat(codec.readPublicKey(publicFile)).isEqualTo(pair.getPublic());
        assertThat(codec.readPrivateKey(file)).isEqualTo(pair.getPrivate());
    }

    // ---- the JSON byte-value form -------------------------------------------------------------------

    @Test
    void byteValuesResolveEveryFormAgainstTheJsonFilesDirectory() throws Exception {
        KeyPair pair = codec.generate(KeyAlgorithm.EC_P256);
        Files.createDirectories(directory.resolve("keys"));
        Files.writeString(directory.resolve("keys/dev.pub.pem"), codec.publicKeyPem(pair.getPublic()));
        Files.writeString(directory.resolve("keys/dev.key.pem"), codec.privateKeyPem(pair.getPrivate()));
        Files.write(directory.resolve("raw.bin"), new byte[] {1, 2, 3});
        List<Path> read = new ArrayList<>();
        ByteValues values = new ByteValues(codec, directory, read::add);
        byte[] spki = pair.getPublic().getEncoded();

        assertThat(values.bytes(Base64.getEncoder().encodeToString(spki), "v")).isEqualTo(spki);
        assertThat(values.bytes(Map.of("base64", Base64.getMimeEncoder().encodeToString(spki)), "v"))
                .isEqualTo(spki);
        assertThat(values.bytes(Map.of("hex", "01:02 ff"), "v")).containsExactly(1, 2, 0xff);
        assertThat(values.bytes(Map.of("text", "dev1"), "v")).isEqualTo("dev1".getBytes(StandardCharsets.UTF_8));
        assertThat(values.bytes(Map.of("pem", codec.publicKeyPem(pair.getPublic())), "v"))
                .isEqualTo(spki);
        assertThat(values.bytes(Map.of("file", "keys/dev.pub.pem"), "v")).isEqualTo(spki);
        assertThat(values.bytes(Map.of("pemFile", "keys/dev.pub.pem"), "v")).isEqualTo(spki);
        assertThat(values.bytes(Map.of("file", "keys/dev.key.pem"), "v"))
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThat(values.bytes(Map.of("file", "raw.bin"), "v")).containsExactly(1, 2, 3);
        assertThat(read)
                .containsExactly(
                        directory.resolve("keys/dev.pub.pem"),
                        directory.resolve("keys/dev.pub.pem"),
                        directory.resolve("keys/dev.key.pem"),
                        directory.resolve("raw.bin"));
    }

    @Test
    void byteValuesNameTheFieldOfEveryError() throws Exception {
        KeyPair pair = codec.generate(KeyAlgorithm.EC_P256);
        Files.writeString(directory.resolve("dev.key.pem"), codec.privateKeyPem(pair.getPrivate()));
        Files.write(directory.resolve("raw.bin"), new byte[] {1});
        ByteValues values = new ByteValues(codec, directory);

        assertThatThrownBy(() -> values.bytes("%%%", "a.b"))
                .isInstanceOf(ByteValueException.class)
                .hasMessage("a.b: not valid base64");
        assertThatThrownBy(() -> values.bytes(Map.of("hex", "abc"), "a.b"))
                .hasMessage("a.b.hex: not an even-length hex string");
        assertThatThrownBy(() -> values.bytes(Map.of("url", "x"), "a.b"))
                .hasMessageStartingWith("a.b: unknown byte value form 'url'");
        assertThatThrownBy(() -> values.bytes(Map.of("hex", "00", "text", "x"), "a.b"))
                .hasMessageStartingWith("a.b: expected a base64 string or an object with one of");
        assertThatThrownBy(() -> values.bytes(Map.of("file", 5), "a.b")).hasMessage("a.b.file: expected a string");
        assertThatThrownBy(() -> values.bytes(Map.of("file", "gone.pem"), "a.b"))
                .hasMessageStartingWith("a.b.file: cannot read " + directory.resolve("gone.pem"));
        assertThatThrownBy(() -> values.bytes(Map.of("pemFile", "raw.bin"), "a.b"))
                .hasMessage("a.b.pemFile: " + directory.resolve("raw.bin") + " is not a PEM file");
        assertThatThrownBy(() -> values.bytes(Map.of("file", "dev.key.pem"), "a.b", Set.of(KeyMaterialKind.PUBLIC_KEY)))
                .hasMessage("a.b.file: dev.key.pem: PEM block 'PRIVATE KEY' found, expected one of [PUBLIC KEY]");
        assertThatThrownBy(() -> values.bytes(Map.of("pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n"), "a.b"))
                .hasMessageStartingWith("a.b.pem: malformed PEM text");
        assertThat(HexFormat.of().formatHex(values.bytes(Map.of("hex", ""), "a.b")))
                .isEmpty();
    }

    private static KeyPair ec(String curve, java.security.Provider provider) throws Exception {
        KeyPairGenerator generator =
                provider == null ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(String label, byte[] der) throws Exception {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        }
        return text.toString();
    }
}
