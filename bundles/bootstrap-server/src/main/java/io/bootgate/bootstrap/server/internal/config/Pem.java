package io.bootgate.bootstrap.server.internal.config;

import java.nio.charset.StandardCharsets;
import io.bootgate.dtls.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The PEM (RFC 7468) a config file needs: the DER bytes of a block as a resource value, and a public key
 * from a SubjectPublicKeyInfo. The DTLS bundle's {@link KeyMaterial} reads keys into key objects; a config
 * needs the encoded bytes of whatever block it names, so the block reading is done here.
 */
public final class Pem {

    /** One PEM block: its label (e.g. {@code PUBLIC KEY}) and DER content. */
    public record Block(String label, byte[] der) {
    }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /** Whether the bytes look like PEM text (they contain a BEGIN line). */
    public static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.US_ASCII).contains(BEGIN);
    }

    /**
     * @throws IllegalArgumentException for a block without END line or with invalid base64
     */
    public static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                throw new IllegalArgumentException("PEM BEGIN line without closing dashes");
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int end = text.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException("PEM block '" + label + "' has no END line");
            }
            String body = text.substring(labelEnd + DASHES.length(), end);
            if (body.contains(":")) {
                throw new IllegalArgumentException("PEM block '" + label + "' has headers (encrypted keys are not "
                        + "supported)");
            }
            try {
                blocks.add(new Block(label, Base64.getMimeDecoder().decode(body.strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block '" + label + "' is not valid base64", e);
            }
            from = end + endLine.length();
        }
    }

    /**
     * The DER content of the first block of a PEM text (an {@code EC PARAMETERS} block before a key is
     * skipped), checked against the labels a use allows (none: any). A SEC1 {@code EC PRIVATE KEY} is
     * converted to PKCS#8, the form LwM2M's Secret Key resource carries.
     *
     * @throws IllegalArgumentException naming what was found instead
     */
    public static byte[] firstBlock(String text, List<String> allowedLabels) {
        List<Block> blocks = new ArrayList<>(blocks(text));
        blocks.removeIf(block -> block.label().equals("EC PARAMETERS"));
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no PEM block found");
        }
        Block first = blocks.get(0);
        if (!allowedLabels.isEmpty() && !allowedLabels.contains(first.label())) {
            throw new IllegalArgumentException("PEM block '" + first.label() + "' found, expected one of "
                    + allowedLabels);
        }
        if (first.label().equals("EC PRIVATE KEY")) {
            try {
                return KeyMaterial.privateKey(text.getBytes(StandardCharsets.US_ASCII)).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("unreadable EC PRIVATE KEY: " + e.getMessage(), e);
            }
        }
        return first.der();
    }

    /**
     * A public key from its SubjectPublicKeyInfo encoding, for the key types Scandium speaks (EC, Ed25519,
     * Ed448).
     *
     * @throws IllegalArgumentException when no key factory accepts it
     */
    public static PublicKey publicKey(byte[] subjectPublicKeyInfo) {
        for (String algorithm : List.of("EC", "Ed25519", "Ed448")) {
            Optional<PublicKey> key = tryDecode(algorithm, subjectPublicKeyInfo);
            if (key.isPresent()) {
                return key.get();
            }
        }
        throw new IllegalArgumentException("not an EC or EdDSA SubjectPublicKeyInfo");
    }

    private static Optional<PublicKey> tryDecode(String algorithm, byte[] der) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException notThisAlgorithm) {
            // The encoding names its algorithm, but the JDK only tells by refusing: try the next one.
            return Optional.empty();
        }
    }
}
