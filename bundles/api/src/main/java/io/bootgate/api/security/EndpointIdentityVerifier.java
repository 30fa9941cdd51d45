/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.transport.PeerIdentity;
import io.bootgate.api.transport.RpkPeer;
import io.bootgate.api.transport.X509Peer;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether the identity a client proved in the DTLS handshake may speak for the endpoint name it
 * gives in a request ({@code ep=}). LwM2M requires the server to make this comparison and to answer 4.00
 * Bad Request on a mismatch; a server endpoint does so before its handler sees the request.
 * <p>
 * Called on shared transport threads: implementations must be thread-safe and must not block.
 */
@ConsumerType
@FunctionalInterface
public interface EndpointIdentityVerifier {

    /**
     * @param endpointName the value of the request's {@code ep} parameter
     * @param peer the authenticated DTLS identity the request came with
     * @return whether {@code peer} is the device named {@code endpointName}
     */
    boolean matches(String endpointName, PeerIdentity peer);

    /**
     * The rule of the LwM2M Transport specification: a Raw Public Key must be the key configured for that
     * endpoint; an X.509 certificate must carry the endpoint name as its subject CN or as a subject
     * alternative name.
     *
     * @param configuredKey the Raw Public Key configured for an endpoint name, if any (a live lookup)
     */
    static EndpointIdentityVerifier standard(Function<String, Optional<PublicKey>> configuredKey) {
        Objects.requireNonNull(configuredKey, "configuredKey");
        return (endpointName, peer) -> {
            if (peer instanceof RpkPeer) {
                return configuredKey
                        .apply(endpointName)
                        .map(key -> RpkTrust.sameKey(key, peer.publicKey()))
                        .orElse(false);
            }
            // Only public-key identities can speak for an endpoint name (a PSK or NoSec peer never reaches a
            // bootstrap server endpoint).
            return peer instanceof X509Peer && certificateNamesMatch(endpointName, (X509Peer) peer);
        };
    }

    /** Whether the certificate's subject CN or one of its subject alternative names equals the endpoint name. */
    static boolean certificateNamesMatch(String endpointName, X509Peer peer) {
        return peer.commonName().map(endpointName::equals).orElse(false)
                || peer.subjectAltNames().contains(endpointName);
    }
}
