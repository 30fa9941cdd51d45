package io.bootgate.engine.internal;

import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.RpkCredentials;
import io.bootgate.api.security.X509Credentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads device credentials from PEM files, with the JDK only: PKCS#8 private keys, SubjectPublicKeyInfo
 * public keys and X.509 certificates. Error messages name the file and what was expected, never key bytes.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PemFiles() {
    }

    /**
     * @return the credentials, or empty when no private key file is configured
     * @throws IllegalArgumentException naming the file and the problem
     */
    static Optional<DtlsCredentials> credentials(String privateKeyFile, String publicKeyFile, String certificateFile) {
        if (privateKeyFile.isBlank()) {
            if (!publicKeyFile.isBlank() || !certificateFile.isBlank()) {
                throw new IllegalArgumentException("credentials.privateKey is required with a public key or certificate");
            }
            return Optional.empty();
        }
        if (publicKeyFile.isBlank() == certificateFile.isBlank()) {
            throw new IllegalArgumentException(
                    "give exactly one of credentials.publicKey (Raw Public Key) and credentials.certificate (X.509)");
        }
        PrivateKey privateKey = privateKey(Path.of(privateKeyFile));
        if (!publicKeyFile.isBlank()) {
            return Optional.of(new RpkCredentials(new KeyPair(publicKey(Path.of(publicKeyFile)), privateKey)));
        }
        return Optional.of(new X509Credentials(privateKey, certificates(Path.of(certificateFile))));
    }

    static PrivateKey privateKey(Path file) {
        byte[] der = single(file, "PRIVATE KEY");
        return ConsistencyChecker.KeyParsing.privateKey(der).orElseThrow(() -> new IllegalArgumentException(
                file + ": not a PKCS#8 EC, Ed25519 or RSA private key"));
    }

    static PublicKey publicKey(Path file) {
        byte[] der = single(file, "PUBLIC KEY");
        return ConsistencyChecker.KeyParsing.publicKey(der).orElseThrow(() -> new IllegalArgumentException(
                file + ": not an EC, Ed25519 or RSA public key"));
    }

    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(file, "CERTIFICATE")) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": unreadable X.509 certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + ": no BEGIN CERTIFICATE block");
        }
        return chain;
    }

    private static byte[] single(Path file, String type) {
        List<byte[]> blocks = blocks(file, type);
        if (blocks.size() != 1) {
            String hint = "PRIVATE KEY".equals(type) ? " (convert SEC1 'EC PRIVATE KEY' files with"
                    + " 'openssl pkcs8 -topk8 -nocrypt')" : "";
            throw new IllegalArgumentException(file + ": expected one BEGIN " + type + " block, found "
                    + blocks.size() + hint);
        }
        return blocks.get(0);
    }

    private static List<byte[]> blocks(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e, e);
        }
        List<byte[]> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": bad base64 in a " + type + " block", e);
                }
            }
        }
        return blocks;
    }
}
