/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls;

import io.bootgate.api.transport.PeerIdentity;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A public key in the forms a bootstrap server operator is asked for: servers differ in what they take.
 *
 * @param pem SubjectPublicKeyInfo as PEM ({@code PUBLIC KEY}), for OpenSSL and file-based servers
 * @param derHex SubjectPublicKeyInfo DER in hex, what Leshan's web UI and JSON security store take as an RPK
 * @param derBase64 SubjectPublicKeyInfo DER in base64
 * @param curve the curve's name as the JDK reports it, e.g. {@code secp256r1 [NIST P-256,X9.62 prime256v1]}
 * @param xHex the x coordinate, big-endian hex padded to the field size
 * @param yHex the y coordinate, likewise
 * @param uncompressedHex the SEC1 uncompressed point {@code 04 || x || y} in hex
 * @param sha256 the SHA-256 fingerprint of the DER, as Bootgate's logs print it
 */
public record PublicKeyForms(
        String pem,
        String derHex,
        String derBase64,
        String curve,
        String xHex,
        String yHex,
        String uncompressedHex,
        String sha256) {

    public PublicKeyForms {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(derHex, "derHex");
    }

    /**
     * @throws IllegalArgumentException for a key that is not an EC key
     */
    public static PublicKeyForms of(PublicKey key) {
        if (!(key instanceof ECPublicKey)) {
            throw new IllegalArgumentException("expected an EC public key, got " + key.getAlgorithm());
        }
        ECPublicKey ec = (ECPublicKey) key;
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        HexFormat hex = HexFormat.of();
        byte[] x = KeyMaterial.fieldBytes(ec.getW().getAffineX(), bits);
        byte[] y = KeyMaterial.fieldBytes(ec.getW().getAffineY(), bits);
        byte[] der = key.getEncoded();
        return new PublicKeyForms(
                Pem.publicKey(key),
                hex.formatHex(der),
                Base64.getEncoder().encodeToString(der),
                ec.getParams().toString(),
                hex.formatHex(x),
                hex.formatHex(y),
                "04" + hex.formatHex(x) + hex.formatHex(y),
                PeerIdentity.fingerprint(key));
    }

    /** All forms as labelled text, for a terminal or a provisioning record. */
    public String toText() {
        return "Curve:                      " + curve + "\n"
                + "SHA-256 fingerprint:        " + sha256 + "\n"
                + "SubjectPublicKeyInfo (hex): " + derHex + "\n"
                + "SubjectPublicKeyInfo (b64): " + derBase64 + "\n"
                + "x (hex):                    " + xHex + "\n"
                + "y (hex):                    " + yHex + "\n"
                + "Uncompressed point (hex):   " + uncompressedHex + "\n"
                + pem;
    }
}
