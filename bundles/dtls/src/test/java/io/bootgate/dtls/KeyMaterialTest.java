/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bootgate.api.security.RpkTrust;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM/DER reading and writing, device key generation. */
class KeyMaterialTest {

    @TempDir
    Path directory;

    @Test
    void generatedDeviceKeyFilesAreOwnerOnlyPemThatReadsBack() throws Exception {
        DeviceKeyTool.DeviceKeyFiles files = DeviceKeyTool.generate(directory, "dev-0042");

        assertThat(files.privateKeyFile()).hasFileName("dev-0042.key.pem");
        assertThat(Files.getPosixFilePermissions(files.privateKeyFile())).isEqualTo(KeyMaterial.OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(files.publicKeyFile())).isEqualTo(KeyMaterial.OWNER_ONLY);
        assertThat(Files.readString(files.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(files.publicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----");

        KeyPair read = KeyMaterial.readKeyPair(files.privateKeyFile());
        assertThat(RpkTrust.sameKey(read.getPublic(), files.keyPair().getPublic()))
                .isTrue();
        assertThat(read.getPrivate().getEncoded())
                .isEqualTo(files.keyPair().getPrivate().getEncoded());
        assertThat(RpkTrust.sameKey(
                        KeyMaterial.readPublicKey(files.publicKeyFile()),
                        files.keyPair().getPublic()))
                .isTrue();
        assertThat(files.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void anExistingDeviceKeyIsNeverReplaced() throws Exception {
        DeviceKeyTool.DeviceKeyFiles first = DeviceKeyTool.generate(directory, "dev1");
        String original = Files.readString(first.privateKeyFile());

        assertThatThrownBy(() -> DeviceKeyTool.generate(directory, "dev1"))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("exists already");
        assertThat(Files.readString(first.privateKeyFile())).isEqualTo(original);
        assertThatThrownBy(() -> DeviceKeyTool.generate(directory, "../escape"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKeyFormsAgreeWithEachOther() throws Exception {
        KeyPair pair = KeyMaterial.generateP256();
        ECPublicKey key = (ECPublicKey) pair.getPublic();

        PublicKeyForms forms = PublicKeyForms.of(key);

        assertThat(forms.xHex()).hasSize(64);
        assertThat(forms.yHex()).hasSize(64);
        assertThat(new BigInteger(forms.xHex(), 16)).isEqualTo(key.getW().getAffineX());
        assertThat(new BigInteger(forms.yHex(), 16)).isEqualTo(key.getW().getAffineY());
        assertThat(forms.uncompressedHex()).isEqualTo("04" + forms.xHex() + forms.yHex());
        assertThat(RpkTrust.sameKey(KeyMaterial.publicKey(HexFormat.of().parseHex(forms.derHex())), key))
                .isTrue();
        assertThat(RpkTrust.sameKey(KeyMaterial.publicKey(Base64.getDecoder().decode(forms.derBase64())), key))
                .isTrue();
        assertThat(RpkTrust.sameKey(KeyMaterial.publicKey(forms.pem().getBytes(StandardCharsets.US_ASCII)), key))
                .isTrue();
        assertThat(forms.curve()).contains("secp256r1");
        assertThat(forms.toText()).contains(forms.sha256(), forms.derHex(), forms.xHex(), "-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void readsPkcs8DerAndSec1PemWithParameters() throws Exception {
        KeyPair pair = KeyMaterial.generateP256();
        PrivateKey fromDer = KeyMaterial.privateKey(pair.getPrivate().getEncoded());
        assertThat(fromDer.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());

        // What "openssl ecparam -genkey -name prime256v1" writes: EC PARAMETERS, then a SEC1 EC PRIVATE KEY
        // with the curve; here without the optional public key, which is then derived.
        BigInteger d = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS();
        ECPrivateKey sec1 = new ECPrivateKey(256, d, null, X9ObjectIdentifiers.prime256v1);
        String openssl = pem("EC PARAMETERS", X9ObjectIdentifiers.prime256v1.getEncoded())
                + pem("EC PRIVATE KEY", sec1.getEncoded());

        KeyPair read = KeyMaterial.keyPair(openssl.getBytes(StandardCharsets.US_ASCII));

        assertThat(RpkTrust.sameKey(read.getPublic(), pair.getPublic())).isTrue();
        assertThat(((java.security.interfaces.ECPrivateKey) KeyMaterial.privateKey(sec1.getEncoded())).getS())
                .as("SEC1 DER")
                .isEqualTo(d);
    }

    @Test
    void readsCertificateChainsInOrder() throws Exception {
        io.bootgate.dtls.internal.TestPkiAccess pki = new io.bootgate.dtls.internal.TestPkiAccess();
        String chainPem = Pem.certificates(pki.chain());

        assertThat(KeyMaterial.certificates(chainPem.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(pki.chain());
        assertThat(KeyMaterial.certificates(pki.chain().get(0).getEncoded()))
                .containsExactly(pki.chain().get(0));
    }

    @Test
    void wrongOrEncryptedMaterialIsRefusedWithItsName() throws Exception {
        KeyPair pair = KeyMaterial.generateP256();
        byte[] publicPem = Pem.publicKey(pair.getPublic()).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> KeyMaterial.privateKey(publicPem))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("no PRIVATE KEY or EC PRIVATE KEY block")
                .hasMessageContaining("SubjectPublicKeyInfo");

        StringWriter encrypted = new StringWriter();
        try (PemWriter writer = new PemWriter(encrypted)) {
            writer.writeObject(new JcaPKCS8Generator(
                            pair.getPrivate(),
                            new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                    .setProvider(new BouncyCastleProvider())
                                    .setPassword("secret".toCharArray())
                                    .build())
                    .generate());
        }
        assertThatThrownBy(() -> KeyMaterial.privateKey(encrypted.toString().getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> KeyMaterial.publicKey(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("not a DER SubjectPublicKeyInfo");
    }

    @Test
    void commandLineGeneratesAndShows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

        int generated = DeviceKeyTool.run(new String[] {"generate", directory.toString(), "dev7"}, stdout, stderr);
        String printed = out.toString(StandardCharsets.UTF_8);
        out.reset();
        int shown = DeviceKeyTool.run(
                new String[] {"show", directory.resolve("dev7.key.pem").toString()}, stdout, stderr);
        int usage = DeviceKeyTool.run(new String[] {"rotate"}, stdout, stderr);

        assertThat(generated).isZero();
        assertThat(shown).isZero();
        assertThat(usage).isEqualTo(2);
        PublicKeyForms forms = PublicKeyForms.of(KeyMaterial.readPublicKey(directory.resolve("dev7.pub.pem")));
        assertThat(printed).contains("dev7.key.pem", "mode 600", forms.derHex(), forms.xHex(), forms.yHex());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(forms.sha256())
                .doesNotContain("PRIVATE KEY");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: DeviceKeyTool");
    }

    private static String pem(String type, byte[] content) throws Exception {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, content));
        }
        return text.toString();
    }
}
