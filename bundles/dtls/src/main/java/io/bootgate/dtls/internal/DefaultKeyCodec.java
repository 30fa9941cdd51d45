/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.keys.KeyAlgorithm;
import io.bootgate.api.keys.KeyCodec;
import io.bootgate.api.keys.KeyFormatException;
import io.bootgate.api.keys.KeyMaterialKind;
import io.bootgate.api.keys.KeyPairAndChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link KeyCodec} of Bootgate, over BouncyCastle's PEM parser and the JDK's key factories: the one PEM
 * parser in the tree. Keys come out as objects of the JDK's own providers.
 * <p>
 * Plain Java with a public constructor, so that other bundles' unit tests use the real codec without OSGi.
 */
@Component(service = KeyCodec.class)
public final class DefaultKeyCodec implements KeyCodec {

    /** rw------- : the owner alone may read a key file. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final String BEGIN = "-----BEGIN ";
    private static final String ACCEPTED = "accepted are EC P-256, EC P-384 and Ed25519";
    private static final Map<KeyAlgorithm, ECParameterSpec> CURVES =
            Map.of(KeyAlgorithm.EC_P256, curve("secp256r1"), KeyAlgorithm.EC_P384, curve("secp384r1"));

    public DefaultKeyCodec() {
        // Stateless: the DS runtime and tests construct it alike.
    }

    // ---- reading -----------------------------------------------------------------------------------

    @Override
    public boolean isPem(byte[] data) {
        return new String(data, StandardCharsets.US_ASCII).contains(BEGIN);
    }

    @Override
    public PrivateKey privateKey(byte[] pemOrDer, String source) throws KeyFormatException {
        requireContent(pemOrDer, source);
        PrivateKey key =
                isPem(pemOrDer) ? pemPrivateKey(pemObjects(pemOrDer, source), source) : derPrivateKey(pemOrDer, source);
        algorithm(key, source);
        return key;
    }

    @Override
    public PublicKey publicKey(byte[] pemOrDer, String source) throws KeyFormatException {
        requireContent(pemOrDer, source);
        SubjectPublicKeyInfo info;
        if (isPem(pemOrDer)) {
            info = only(pemObjects(pemOrDer, source), SubjectPublicKeyInfo.class, "PUBLIC KEY", source);
        } else {
            try {
                // BouncyCastle throws IllegalStateException for a non-SEQUENCE, NoSuchElementException for a short one.
                info = SubjectPublicKeyInfo.getInstance(pemOrDer);
            } catch (IllegalArgumentException | IllegalStateException | java.util.NoSuchElementException e) {
                throw new KeyFormatException(
                        source, "not a DER SubjectPublicKeyInfo (" + pemOrDer.length + " bytes)", e);
            }
        }
        PublicKey key = toPublicKey(info, source);
        algorithm(key, source);
        return key;
    }

    @Override
    public List<X509Certificate> certificates(byte[] pemOrDer, String source) throws KeyFormatException {
        requireContent(pemOrDer, source);
        if (!isPem(pemOrDer)) {
            return List.of(derCertificate(pemOrDer, source));
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Object object : pemObjects(pemOrDer, source)) {
            if (object instanceof X509CertificateHolder holder) {
                certificates.add(toCertificate(holder, source));
            } else {
                seen.add(describe(object));
            }
        }
        if (certificates.isEmpty()) {
            throw new KeyFormatException(source, "no CERTIFICATE block in the PEM text (found " + seen + ")");
        }
        return List.copyOf(certificates);
    }

    @Override
    public PrivateKey privateKey(String pemOrBase64, String source) throws KeyFormatException {
        return privateKey(textBytes(pemOrBase64, source), source);
    }

    @Override
    public PublicKey publicKey(String pemOrBase64, String source) throws KeyFormatException {
        return publicKey(textBytes(pemOrBase64, source), source);
    }

    @Override
    public List<X509Certificate> certificates(String pemOrBase64, String source) throws KeyFormatException {
        return certificates(textBytes(pemOrBase64, source), source);
    }

    @Override
    public KeyPair keyPair(byte[] privateKeyPemOrDer, String source) throws KeyFormatException {
        PrivateKey privateKey = privateKey(privateKeyPemOrDer, source);
        return new KeyPair(derivePublicKey(privateKey, source), privateKey);
    }

    @Override
    public PrivateKey readPrivateKey(Path file) throws IOException, KeyFormatException {
        return privateKey(Files.readAllBytes(file), file.toString());
    }

    @Override
    public PublicKey readPublicKey(Path file) throws IOException, KeyFormatException {
        return publicKey(Files.readAllBytes(file), file.toString());
    }

    @Override
    public List<X509Certificate> readCertificates(Path file) throws IOException, KeyFormatException {
        return certificates(Files.readAllBytes(file), file.toString());
    }

    @Override
    public KeyPair readKeyPair(Path privateKeyFile) throws IOException, KeyFormatException {
        return keyPair(Files.readAllBytes(privateKeyFile), privateKeyFile.toString());
    }

    @Override
    public byte[] der(byte[] pemOrDer, Set<KeyMaterialKind> accepted, String source) throws KeyFormatException {
        requireContent(pemOrDer, source);
        if (isPem(pemOrDer)) {
            return pemDer(pemObjects(pemOrDer, source), accepted, source);
        }
        List<String> failures = new ArrayList<>();
        for (KeyMaterialKind kind : KeyMaterialKind.values()) {
            if (!accepted.contains(kind)) {
                continue;
            }
            try {
                switch (kind) {
                    case PRIVATE_KEY:
                        return privateKey(pemOrDer, source).getEncoded();
                    case PUBLIC_KEY:
                        publicKey(pemOrDer, source);
                        return pemOrDer.clone();
                    default:
                        derCertificate(pemOrDer, source);
                        return pemOrDer.clone();
                }
            } catch (KeyFormatException notThisKind) {
                failures.add(notThisKind.reason());
            }
        }
        throw new KeyFormatException(source, "not DER of " + accepted + ": " + String.join("; ", failures));
    }

    // ---- algorithms --------------------------------------------------------------------------------

    @Override
    public KeyAlgorithm algorithm(Key key, String source) throws KeyFormatException {
        if (key instanceof ECKey ec) {
            ECParameterSpec params = ec.getParams();
            for (Map.Entry<KeyAlgorithm, ECParameterSpec> curve : CURVES.entrySet()) {
                if (sameCurve(curve.getValue(), params)) {
                    return curve.getKey();
                }
            }
            throw new KeyFormatException(
                    source,
                    "EC key on an unsupported curve ("
                            + params.getCurve().getField().getFieldSize() + "-bit field); " + ACCEPTED);
        }
        if (key instanceof EdECKey ed) {
            String curve = ed.getParams().getName();
            if (NamedParameterSpec.ED25519.getName().equalsIgnoreCase(curve)) {
                return KeyAlgorithm.ED25519;
            }
            throw new KeyFormatException(source, "EdDSA key on " + curve + " is refused; " + ACCEPTED);
        }
        throw new KeyFormatException(source, "key algorithm " + key.getAlgorithm() + " is refused; " + ACCEPTED);
    }

    @Override
    public PublicKey derivePublicKey(PrivateKey privateKey, String source) throws KeyFormatException {
        KeyAlgorithm algorithm = algorithm(privateKey, source);
        try {
            if (algorithm == KeyAlgorithm.ED25519) {
                byte[] seed = ASN1OctetString.getInstance(PrivateKeyInfo.getInstance(privateKey.getEncoded())
                                .parsePrivateKey())
                        .getOctets();
                byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0)
                        .generatePublicKey()
                        .getEncoded();
                SubjectPublicKeyInfo info =
                        new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), publicKey);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
            }
            ECPrivateKey ec = (ECPrivateKey) privateKey;
            org.bouncycastle.math.ec.ECPoint q = new FixedPointCombMultiplier()
                    .multiply(generator(ec.getParams()), ec.getS())
                    .normalize();
            ECPoint w = new ECPoint(
                    q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new KeyFormatException(
                    source, "cannot derive the public key: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The curve's generator as BouncyCastle's point, one per curve: the fixed-point multiplier keeps its
     * precomputed table on the curve object, so converting the curve again for every key would rebuild that table
     * each time (measured: 2 ms per derivation instead of a fraction of that).
     */
    private static org.bouncycastle.math.ec.ECPoint generator(ECParameterSpec params) {
        return GENERATORS.computeIfAbsent(
                new CurveKey(params.getCurve(), params.getGenerator(), params.getOrder(), params.getCofactor()),
                key -> EC5Util.convertSpec(params).getG());
    }

    /** A curve's domain parameters, compared by value (ECParameterSpec itself compares by identity). */
    private record CurveKey(
            java.security.spec.EllipticCurve curve, ECPoint generator, java.math.BigInteger order, int cofactor) {}

    /** Few entries: one per curve in use (P-256, P-384). */
    private static final Map<CurveKey, org.bouncycastle.math.ec.ECPoint> GENERATORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        try {
            return Arrays.equals(derivePublicKey(privateKey, "private key").getEncoded(), publicKey.getEncoded());
        } catch (KeyFormatException unusable) {
            // A key outside the accepted set matches nothing Bootgate would use.
            return false;
        }
    }

    @Override
    public void requireMatch(KeyPairAndChain credentials, String source) throws KeyFormatException {
        PrivateKey privateKey = credentials.keyPair().getPrivate();
        if (!matches(credentials.keyPair().getPublic(), privateKey)) {
            throw new KeyFormatException(source, "the public key does not belong to the private key");
        }
        if (!credentials.chain().isEmpty()) {
            PublicKey endEntity = credentials.chain().get(0).getPublicKey();
            algorithm(endEntity, source);
            if (!matches(endEntity, privateKey)) {
                throw new KeyFormatException(
                        source,
                        "the certificate " + credentials.chain().get(0).getSubjectX500Principal()
                                + " is not the private key's");
            }
        }
    }

    @Override
    public KeyPair generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator;
            if (algorithm == KeyAlgorithm.ED25519) {
                generator = KeyPairGenerator.getInstance("Ed25519");
            } else {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(
                        new ECGenParameterSpec(algorithm == KeyAlgorithm.EC_P256 ? "secp256r1" : "secp384r1"));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // SunEC provides these curves on every Java 17 platform.
            throw new IllegalStateException("the JDK cannot generate " + algorithm.displayName() + " keys", e);
        }
    }

    // ---- writing -----------------------------------------------------------------------------------

    @Override
    public String privateKeyPem(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalArgumentException("cannot encode " + key.getAlgorithm() + " private key as PKCS#8", e);
        }
    }

    @Override
    public String publicKeyPem(PublicKey key) {
        return write(new PemObject("PUBLIC KEY", key.getEncoded()));
    }

    @Override
    public String certificatesPem(List<X509Certificate> certificates) {
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

    @Override
    public void writeOwnerOnly(Path file, String pem) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        boolean complete = false;
        try (SeekableByteChannel channel = Files.newByteChannel(
                        file,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC),
                        ownerOnly);
                OutputStream out = Channels.newOutputStream(channel)) {
            // The umask may only take bits away; set them explicitly so the result is exactly 600.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            out.write(pem.getBytes(StandardCharsets.US_ASCII));
            complete = true;
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
    }

    // ---- internals ---------------------------------------------------------------------------------

    private byte[] pemDer(List<Object> objects, Set<KeyMaterialKind> accepted, String source)
            throws KeyFormatException {
        List<String> seen = new ArrayList<>();
        for (Object object : objects) {
            KeyMaterialKind kind = kindOf(object);
            if (kind == null) {
                seen.add(describe(object));
                continue;
            }
            if (!accepted.contains(kind)) {
                throw new KeyFormatException(
                        source,
                        "PEM block '" + label(kind) + "' found, expected one of "
                                + accepted.stream().map(DefaultKeyCodec::label).toList());
            }
            long keys = objects.stream()
                    .map(DefaultKeyCodec::kindOf)
                    .filter(k -> k == KeyMaterialKind.PRIVATE_KEY || k == KeyMaterialKind.PUBLIC_KEY)
                    .count();
            if (kind != KeyMaterialKind.CERTIFICATE && keys > 1) {
                throw new KeyFormatException(source, "the PEM text holds " + keys + " keys, expected one");
            }
            try {
                switch (kind) {
                    case PRIVATE_KEY: {
                        if (!(object instanceof PrivateKeyInfo) && !(object instanceof PEMKeyPair)) {
                            throw new KeyFormatException(
                                    source,
                                    "the private key is encrypted; Bootgate reads"
                                            + " unencrypted keys (convert with: openssl pkcs8 -topk8 -nocrypt)");
                        }
                        if (object instanceof PEMKeyPair pair) {
                            // SEC1: the JDK's PKCS#8 encoding, the form of the Secret Key resource.
                            PrivateKey key = toPrivateKey(pair.getPrivateKeyInfo(), source);
                            algorithm(key, source);
                            return key.getEncoded();
                        }
                        PrivateKeyInfo info = (PrivateKeyInfo) object;
                        algorithm(toPrivateKey(info, source), source);
                        return info.getEncoded();
                    }
                    case PUBLIC_KEY:
                        algorithm(toPublicKey((SubjectPublicKeyInfo) object, source), source);
                        return ((SubjectPublicKeyInfo) object).getEncoded();
                    default:
                        return toCertificate((X509CertificateHolder) object, source)
                                .getEncoded();
                }
            } catch (IOException | CertificateEncodingException e) {
                throw new KeyFormatException(source, "cannot encode the PEM content as DER", e);
            }
        }
        throw new KeyFormatException(source, "no key or certificate in the PEM text (found " + seen + ")");
    }

    private static KeyMaterialKind kindOf(Object pemObject) {
        if (pemObject instanceof PrivateKeyInfo
                || pemObject instanceof PEMKeyPair
                || pemObject instanceof PKCS8EncryptedPrivateKeyInfo
                || pemObject instanceof PEMEncryptedKeyPair) {
            return KeyMaterialKind.PRIVATE_KEY;
        }
        if (pemObject instanceof SubjectPublicKeyInfo) {
            return KeyMaterialKind.PUBLIC_KEY;
        }
        if (pemObject instanceof X509CertificateHolder) {
            return KeyMaterialKind.CERTIFICATE;
        }
        return null;
    }

    private static String label(KeyMaterialKind kind) {
        return switch (kind) {
            case PRIVATE_KEY -> "PRIVATE KEY";
            case PUBLIC_KEY -> "PUBLIC KEY";
            case CERTIFICATE -> "CERTIFICATE";
        };
    }

    private PrivateKey pemPrivateKey(List<Object> objects, String source) throws KeyFormatException {
        List<String> seen = new ArrayList<>();
        for (Object object : objects) {
            if (object instanceof PrivateKeyInfo info) {
                return toPrivateKey(info, source);
            }
            if (object instanceof PEMKeyPair pair) {
                return toPrivateKey(pair.getPrivateKeyInfo(), source);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new KeyFormatException(
                        source,
                        "the private key is encrypted; Bootgate reads unencrypted keys"
                                + " from owner-only files (convert with: openssl pkcs8 -topk8 -nocrypt)");
            }
            seen.add(describe(object));
        }
        throw new KeyFormatException(
                source, "no PRIVATE KEY or EC PRIVATE KEY block in the PEM text (found " + seen + ")");
    }

    private PrivateKey derPrivateKey(byte[] der, String source) throws KeyFormatException {
        try {
            return toPrivateKey(PrivateKeyInfo.getInstance(der), source);
        } catch (KeyFormatException
                | IllegalArgumentException
                | IllegalStateException
                | java.util.NoSuchElementException pkcs8Failure) {
            // Not PKCS#8: a bare SEC1 ECPrivateKey, the DER of "openssl ec -outform der".
            try {
                org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
                if (sec1.getParametersObject() == null) {
                    throw new IllegalArgumentException("SEC1 key without curve parameters");
                }
                return toPrivateKey(
                        new PrivateKeyInfo(
                                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
                                sec1),
                        source);
            } catch (IOException
                    | KeyFormatException
                    | IllegalArgumentException
                    | IllegalStateException
                    | java.util.NoSuchElementException sec1Failure) {
                KeyFormatException failure = new KeyFormatException(
                        source, "not a DER PKCS#8 or SEC1 private key (" + der.length + " bytes)");
                failure.addSuppressed(pkcs8Failure);
                failure.addSuppressed(sec1Failure);
                throw failure;
            }
        }
    }

    private static X509Certificate derCertificate(byte[] der, String source) throws KeyFormatException {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new KeyFormatException(source, "not a DER X.509 certificate (" + der.length + " bytes)", e);
        }
    }

    private static <T> T only(List<Object> objects, Class<T> type, String label, String source)
            throws KeyFormatException {
        List<String> seen = new ArrayList<>();
        for (Object object : objects) {
            if (type.isInstance(object)) {
                return type.cast(object);
            }
            seen.add(describe(object));
        }
        throw new KeyFormatException(source, "no " + label + " block in the PEM text (found " + seen + ")");
    }

    /** BouncyCastle's ASN.1 parser answers an empty array with a NullPointerException, not a parse error. */
    private static void requireContent(byte[] pemOrDer, String source) throws KeyFormatException {
        if (pemOrDer == null || pemOrDer.length == 0) {
            throw new KeyFormatException(source, "is empty");
        }
    }

    private static byte[] textBytes(String text, String source) throws KeyFormatException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new KeyFormatException(source, "is empty");
        }
        if (trimmed.contains(BEGIN)) {
            return trimmed.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return Base64.getDecoder().decode(trimmed.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException(source, "neither PEM nor Base64", e);
        }
    }

    private static List<Object> pemObjects(byte[] data, String source) throws KeyFormatException {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = new StringReader(new String(data, StandardCharsets.US_ASCII));
                PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's PEMParser reports a damaged block body with whatever its ASN.1 layer throws (a
            // NullPointerException for a body that decodes to nothing, found by KeyCodecFuzzTest#publicKey), not
            // only with IOException: all of it is malformed input here.
            throw new KeyFormatException(source, "malformed PEM text: " + e.getMessage(), e);
        }
        if (objects.isEmpty()) {
            throw new KeyFormatException(source, "malformed PEM text: no complete BEGIN/END block");
        }
        return objects;
    }

    private static PrivateKey toPrivateKey(PrivateKeyInfo info, String source) throws KeyFormatException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new KeyFormatException(
                    source,
                    "unreadable or unsupported private key (" + algorithmName(info.getPrivateKeyAlgorithm()) + "); "
                            + ACCEPTED,
                    e);
        }
    }

    private static PublicKey toPublicKey(SubjectPublicKeyInfo info, String source) throws KeyFormatException {
        try {
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (PEMException | RuntimeException e) {
            throw new KeyFormatException(
                    source,
                    "unreadable or unsupported public key (" + algorithmName(info.getAlgorithm()) + "); " + ACCEPTED,
                    e);
        }
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder, String source)
            throws KeyFormatException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException | RuntimeException e) {
            throw new KeyFormatException(source, "unreadable certificate " + subjectOf(holder), e);
        }
    }

    /**
     * The subject for an error message. BouncyCastle decodes the subject lazily, so a damaged certificate can fail
     * again here with an IllegalArgumentException (found by KeyCodecFuzzTest#certificates): then none is named.
     */
    private static String subjectOf(X509CertificateHolder holder) {
        try {
            return String.valueOf(holder.getSubject());
        } catch (RuntimeException e) {
            return "(unreadable subject)";
        }
    }

    private static String algorithmName(AlgorithmIdentifier algorithm) {
        return algorithm == null
                ? "no algorithm"
                : "OID " + algorithm.getAlgorithm().getId();
    }

    private static boolean sameCurve(ECParameterSpec expected, ECParameterSpec actual) {
        return expected.getCurve().equals(actual.getCurve())
                && expected.getGenerator().equals(actual.getGenerator())
                && expected.getOrder().equals(actual.getOrder());
    }

    private static ECParameterSpec curve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the curve " + name, e);
        }
    }

    private static String describe(Object pemObject) {
        return pemObject.getClass().getSimpleName();
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
