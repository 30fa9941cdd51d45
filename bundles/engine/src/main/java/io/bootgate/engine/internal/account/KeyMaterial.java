package io.bootgate.engine.internal.account;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the key material of a Security object instance and of mode properties: DER as the Security object
 * stores it (RFC 7250 SubjectPublicKeyInfo, RFC 5958 PKCS#8, X.509 certificates), or PEM / bare Base64 as an
 * operator writes it in a configuration. Only EC keys exist on the Bootstrap interface, so only EC is parsed.
 * <p>
 * Error messages name what was being read but never quote the bytes: they are keys.
 */
final class KeyMaterial {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private KeyMaterial() {
    }

    /** A SubjectPublicKeyInfo (the form of /0/x/3 and /0/x/4 in Raw Public Key mode). */
    static PublicKey publicKey(byte[] der, String what) throws InvalidKeyMaterialException {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidKeyMaterialException(what + " is not a DER SubjectPublicKeyInfo of an EC key ("
                    + der.length + " bytes): " + e.getClass().getSimpleName(), e);
        }
    }

    /** A PKCS#8 private key (the form of /0/x/5 in Raw Public Key and Certificate mode). */
    static PrivateKey privateKey(byte[] der, String what) throws InvalidKeyMaterialException {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidKeyMaterialException(what + " is not a DER PKCS#8 EC private key (" + der.length
                    + " bytes): " + e.getClass().getSimpleName(), e);
        }
    }

    /** One DER certificate (the form of /0/x/3 and /0/x/4 in Certificate mode). */
    static X509Certificate certificate(byte[] der, String what) throws InvalidKeyMaterialException {
        List<X509Certificate> certificates = certificates(der, what);
        if (certificates.size() != 1) {
            throw new InvalidKeyMaterialException(what + " holds " + certificates.size()
                    + " certificates, expected exactly one");
        }
        return certificates.get(0);
    }

    /** A public key given in a configuration: PEM "PUBLIC KEY" or Base64 of the DER SubjectPublicKeyInfo. */
    static PublicKey publicKey(String text, String what) throws InvalidKeyMaterialException {
        return publicKey(singleBlock(text, "PUBLIC KEY", what), what);
    }

    /** Certificates given in a configuration: PEM "CERTIFICATE" blocks or Base64 of one DER certificate. */
    static List<X509Certificate> certificates(String text, String what) throws InvalidKeyMaterialException {
        List<byte[]> blocks = blocks(text, "CERTIFICATE", what);
        List<X509Certificate> result = new ArrayList<>();
        for (byte[] block : blocks) {
            result.addAll(certificates(block, what));
        }
        return result;
    }

    private static List<X509Certificate> certificates(byte[] der, String what) throws InvalidKeyMaterialException {
        try {
            List<X509Certificate> result = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(der))) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw new InvalidKeyMaterialException(what + " holds no certificate (" + der.length + " bytes)");
            }
            return result;
        } catch (CertificateException e) {
            throw new InvalidKeyMaterialException(what + " is not a DER X.509 certificate (" + der.length
                    + " bytes): " + e.getMessage(), e);
        }
    }

    private static byte[] singleBlock(String text, String label, String what) throws InvalidKeyMaterialException {
        List<byte[]> blocks = blocks(text, label, what);
        if (blocks.size() != 1) {
            throw new InvalidKeyMaterialException(what + " holds " + blocks.size() + " PEM blocks, expected one");
        }
        return blocks.get(0);
    }

    private static List<byte[]> blocks(String text, String label, String what) throws InvalidKeyMaterialException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidKeyMaterialException(what + " is empty");
        }
        List<byte[]> result = new ArrayList<>();
        if (!trimmed.startsWith("-----BEGIN ")) {
            result.add(base64(trimmed, what));
            return result;
        }
        Matcher matcher = PEM_BLOCK.matcher(trimmed);
        int end = 0;
        while (matcher.find()) {
            if (!trimmed.substring(end, matcher.start()).isBlank()) {
                throw new InvalidKeyMaterialException(what + ": text outside PEM blocks");
            }
            if (!label.equals(matcher.group(1))) {
                throw new InvalidKeyMaterialException(what + ": PEM block '" + matcher.group(1) + "' where '"
                        + label + "' was expected");
            }
            result.add(base64(matcher.group(2), what));
            end = matcher.end();
        }
        if (result.isEmpty() || !trimmed.substring(end).isBlank()) {
            throw new InvalidKeyMaterialException(what + ": malformed PEM (expected -----BEGIN " + label
                    + "----- ... -----END " + label + "-----)");
        }
        return result;
    }

    private static byte[] base64(String text, String what) throws InvalidKeyMaterialException {
        try {
            return Base64.getMimeDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterialException(what + " is neither PEM nor Base64: " + e.getMessage(), e);
        }
    }

    /** Key material that cannot be used; the message names which and why, never its bytes. */
    static final class InvalidKeyMaterialException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyMaterialException(String message) {
            super(message);
        }

        InvalidKeyMaterialException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
