/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import io.bootgate.api.security.DtlsCredentials;
import io.bootgate.api.security.SecurityPolicyException;
import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.dtls.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Key pairs already proven to belong together. A device's endpoint is built for every bootstrap attempt;
 * proving its key pair each time (deriving the public key, then Scandium's test signature and verification)
 * cost about a fifth of all CPU of a 10,000-device run although the keys never change between attempts.
 * <p>
 * Keyed weakly by the private key (keys compare by their encoding), so an entry lives as long as a device
 * configuration holds that key, and a key read again from the same material is still found while the old one
 * lives. The value is the public point the private key was proven against: presenting the same private key
 * with another public key is checked again, and refused.
 */
final class VerifiedKeyPairs {

    private final Map<PrivateKey, ECPoint> verified = new WeakHashMap<>();

    /**
     * Proves, once per key pair, that the private key belongs to the presented public key (its public key is
     * derived again and compared); later calls with the same pair return at once.
     *
     * @throws SecurityPolicyException naming {@code whose} key and what is wrong with it
     */
    void check(DtlsCredentials credentials, String whose) throws SecurityPolicyException {
        PrivateKey privateKey = credentials.privateKey();
        if (!(credentials.publicKey() instanceof ECPublicKey)) {
            throw new SecurityPolicyException(whose + ": the public key is not an EC key");
        }
        ECPublicKey presented = (ECPublicKey) credentials.publicKey();
        if (presented.getW().equals(cached(privateKey))) {
            return;
        }
        PublicKey derived;
        try {
            derived = KeyMaterial.derivePublicKey(privateKey);
        } catch (GeneralSecurityException e) {
            throw new SecurityPolicyException(whose + ": unusable private key: " + e.getMessage());
        }
        if (!(derived instanceof ECPublicKey) || !((ECPublicKey) derived).getW().equals(presented.getW())) {
            throw new SecurityPolicyException(whose + ": the private key does not belong to the public key sha256:"
                    + PeerIdentity.fingerprint(presented));
        }
        // No test signature as Scandium's DtlsConnectorConfig.Builder makes one: the derived public key already
        // proves the pair, and a signature and verification would cost two more EC operations per device.
        synchronized (verified) {
            verified.put(privateKey, presented.getW());
        }
    }

    /** How many key pairs are remembered (for tests). */
    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    private ECPoint cached(PrivateKey privateKey) {
        synchronized (verified) {
            return verified.get(privateKey);
        }
    }
}
