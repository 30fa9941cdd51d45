/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.bsserver;

import java.security.PublicKey;
import java.util.Objects;

/**
 * How a device must authenticate in the DTLS handshake with the bootstrap server. Only public-key identities
 * exist: the Bootstrap interface refuses PSK and NoSec.
 */
public sealed interface DeviceIdentity permits DeviceIdentity.RawPublicKey, DeviceIdentity.X509 {

    /** The device holds exactly this Raw Public Key (RFC 7250). */
    static DeviceIdentity rawPublicKey(PublicKey publicKey) {
        return new RawPublicKey(publicKey);
    }

    /**
     * The device presents an X.509 certificate that chains to one of the server's trusted certificates and
     * whose subject CN is the endpoint name.
     */
    static DeviceIdentity x509() {
        return X509.INSTANCE;
    }

    /** @param publicKey the device's public key; compared by its SubjectPublicKeyInfo encoding */
    record RawPublicKey(PublicKey publicKey) implements DeviceIdentity {
        public RawPublicKey {
            Objects.requireNonNull(publicKey, "publicKey");
        }

        /** Whether {@code other} is the same key (same SubjectPublicKeyInfo encoding). */
        public boolean matches(PublicKey other) {
            return other != null && java.util.Arrays.equals(publicKey.getEncoded(), other.getEncoded());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RawPublicKey r && matches(r.publicKey);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(publicKey.getEncoded());
        }
    }

    /** A certificate whose CN is the endpoint name, issued by a CA the bootstrap server trusts. */
    record X509() implements DeviceIdentity {
        static final X509 INSTANCE = new X509();
    }
}
