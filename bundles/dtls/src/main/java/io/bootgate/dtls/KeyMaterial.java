package io.bootgate.dtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the key material of DTLS credentials from PEM or DER, and writes secret files owner-only.
 * <ul>
 * <li>private keys: PKCS#8 ({@code PRIVATE KEY}), or SEC1 ({@code EC PRIVATE KEY}, what
 * {@code openssl ecparam -genkey} writes); unencrypted only</li>
 * <li>public keys: SubjectPublicKeyInfo ({@code PUBLIC KEY})</li>
 * <li>certificates: one or more {@code CERTIFICATE} blocks, or one DER certificate</li>
 * </ul>
 * Other PEM blocks in the same text (such as {@code EC PARAMETERS}) are skipped. Keys are returned as
 * objects of the JDK's providers.
 */
public final class KeyMaterial {

    /** rw------- : the owner alone may read a key file. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final String P256 = "secp256r1";

    private KeyMaterial() {
    }

    /** A fresh EC key pair on P-256 (secp256r1), the curve every LwM2M peer supports. */
    public static KeyPair generateP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(P256));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // SunEC provides secp256r1 on every Java 17 platform.
            throw new IllegalStateException("the JDK cannot generate " + P256 + " keys", e);
        }
    }

    /**
     * @param data PEM text or DER bytes of an unencrypted PKCS#8 or SEC1 private key
     * @throws GeneralSecurityException naming what was found instead, or why the key is unreadable
     */
    public static PrivateKey privateKey(byte[] data) throws GeneralSecurityException {
        if (Pem.isPem(data)) {
            List<String> seen = new ArrayList<>();
            for (Object object : pemObjects(data)) {
                if (object instanceof PrivateKeyInfo) {
                    return toPrivateKey((PrivateKeyInfo) object);
                }
                if (object instanceof PEMKeyPair) {
                    return toPrivateKey(((PEMKeyPair) object).getPrivateKeyInfo());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new InvalidKeyException("the private key is encrypted; Bootgate reads unencrypted keys"
                            + " from owner-only files (convert with: openssl pkcs8 -topk8 -nocrypt)");
                }
                seen.add(describe(object));
            }
            throw new InvalidKeyException("no PRIVATE KEY or EC PRIVATE KEY block in the PEM text (found " + seen + ")");
        }
        try {
            return toPrivateKey(PrivateKeyInfo.getInstance(data));
        } catch (GeneralSecurityException | IllegalArgumentException pkcs8Failure) {
            // Not PKCS#8: a bare SEC1 ECPrivateKey, the DER of "openssl ec -outform der".
            try {
                org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(data);
                PrivateKeyInfo info = new PrivateKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()), sec1);
                return toPrivateKey(info);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException sec1Failure) {
                InvalidKeyException failure = new InvalidKeyException(
                        "not a DER PKCS#8 or SEC1 private key: " + pkcs8Failure.getMessage());
                failure.addSuppressed(sec1Failure);
                throw failure;
            }
        }
    }

    /**
     * @param data PEM text or DER bytes of a SubjectPublicKeyInfo
     */
    public static PublicKey publicKey(byte[] data) throws GeneralSecurityException {
        if (Pem.isPem(data)) {
            List<String> seen = new ArrayList<>();
            for (Object object : pemObjects(data)) {
                if (object instanceof SubjectPublicKeyInfo) {
                    return toPublicKey((SubjectPublicKeyInfo) object);
                }
                seen.add(describe(object));
            }
            throw new InvalidKeyException("no PUBLIC KEY block in the PEM text (found " + seen + ")");
        }
        try {
            return toPublicKey(SubjectPublicKeyInfo.getInstance(data));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("not a DER SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
    }

    /**
     * @param data PEM text with one or more certificates (chain order kept), or one DER certificate
     */
    public static List<X509Certificate> certificates(byte[] data) throws GeneralSecurityException {
        if (Pem.isPem(data)) {
            List<X509Certificate> certificates = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
            for (Object object : pemObjects(data)) {
                if (object instanceof X509CertificateHolder) {
                    certificates.add(certificateConverter.getCertificate((X509CertificateHolder) object));
                } else {
                    seen.add(describe(object));
                }
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no CERTIFICATE block in the PEM text (found " + seen + ")");
            }
            return List.copyOf(certificates);
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        return List.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(data)));
    }

    /** The key pair of a private key file's content, the public half derived when the file lacks it. */
    public static KeyPair keyPair(byte[] privateKeyData) throws GeneralSecurityException {
        PrivateKey privateKey = privateKey(privateKeyData);
        return new KeyPair(derivePublicKey(privateKey), privateKey);
    }

    /**
     * Computes the public key of an EC private key (Q = d·G), so that a device needs only its private key
     * file.
     */
    public static PublicKey derivePublicKey(PrivateKey privateKey) throws GeneralSecurityException {
        if (!(privateKey instanceof ECPrivateKey)) {
            throw new InvalidKeyException("only EC private keys are used on the Bootstrap interface, not "
                    + privateKey.getAlgorithm());
        }
        ECPrivateKey ec = (ECPrivateKey) privateKey;
        org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier()
                .multiply(EC5Util.convertSpec(ec.getParams()).getG(), ec.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        return privateKey(Files.readAllBytes(file));
    }

    public static PublicKey readPublicKey(Path file) throws IOException, GeneralSecurityException {
        return publicKey(Files.readAllBytes(file));
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        return certificates(Files.readAllBytes(file));
    }

    public static KeyPair readKeyPair(Path privateKeyFile) throws IOException, GeneralSecurityException {
        return keyPair(Files.readAllBytes(privateKeyFile));
    }

    /**
     * Writes a new file readable and writable by its owner only (POSIX 600), created with those permissions
     * so that the content is never visible to others, even briefly. An existing file is never overwritten:
     * a device key that exists is the device's identity.
     *
     * @throws FileAlreadyExistsException if the file exists
     * @throws UnsupportedOperationException on a file system without POSIX permissions
     */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        boolean complete = false;
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC), ownerOnly);
                OutputStream out = Channels.newOutputStream(channel)) {
            // The umask may only take bits away; set them explicitly so the result is exactly 600.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            out.write(content.getBytes(StandardCharsets.US_ASCII));
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Big-endian unsigned bytes of a field element, left-padded to the field size. */
    static byte[] fieldBytes(BigInteger value, int fieldBits) {
        int size = (fieldBits + 7) / 8;
        byte[] raw = value.toByteArray();
        byte[] result = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, result, size - copy, copy);
        return result;
    }

    private static List<Object> pemObjects(byte[] data) throws GeneralSecurityException {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = new StringReader(new String(data, StandardCharsets.US_ASCII));
                PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidKeyException("malformed PEM text: " + e.getMessage(), e);
        }
        return objects;
    }

    private static PrivateKey toPrivateKey(PrivateKeyInfo info) throws GeneralSecurityException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException e) {
            throw new InvalidKeyException("unreadable private key: " + e.getMessage(), e);
        }
    }

    private static PublicKey toPublicKey(SubjectPublicKeyInfo info) throws GeneralSecurityException {
        try {
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (PEMException e) {
            throw new InvalidKeyException("unreadable public key: " + e.getMessage(), e);
        }
    }

    private static String describe(Object pemObject) {
        return pemObject.getClass().getSimpleName();
    }
}
