package io.bootgate.dtls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Writes keys and certificates as PEM text (RFC 7468): private keys as unencrypted PKCS#8
 * ({@code PRIVATE KEY}), public keys as SubjectPublicKeyInfo ({@code PUBLIC KEY}), certificates as
 * {@code CERTIFICATE}. The forms OpenSSL, Leshan and Californium read.
 */
public final class Pem {

    private Pem() {
    }

    /** Whether the bytes look like PEM text rather than DER (a DER structure starts with 0x30). */
    public static boolean isPem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 256), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    /** The private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalArgumentException("cannot encode " + key.getAlgorithm() + " private key as PKCS#8", e);
        }
    }

    /** The public key as a SubjectPublicKeyInfo {@code PUBLIC KEY} block. */
    public static String publicKey(PublicKey key) {
        return write(new PemObject("PUBLIC KEY", key.getEncoded()));
    }

    /** The certificates as consecutive {@code CERTIFICATE} blocks, in the given order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(write(new PemObject("CERTIFICATE", certificate.getEncoded())));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException(
                        "cannot encode certificate " + certificate.getSubjectX500Principal(), e);
            }
        }
        return text.toString();
    }

    private static String write(PemObject object) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            // A StringWriter does not fail; a failure here is a bug, not an I/O condition.
            throw new UncheckedIOException("writing PEM to memory failed", e);
        }
        return text.toString();
    }
}
