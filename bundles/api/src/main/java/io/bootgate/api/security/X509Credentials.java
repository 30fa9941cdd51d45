/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.SecurityMode;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * X.509 credentials: a private key and its certificate chain, end-entity certificate first (intermediate
 * CAs may follow; the root is normally left out).
 * <p>
 * A client certificate should carry the device's endpoint name in its subject CN (LwM2M Transport, Certificate mode):
 * a bootstrap server compares it with the {@code ep} parameter of the Bootstrap-Request.
 *
 * @param privateKey the EC private key of the end-entity certificate; never in {@link #toString()}
 * @param chain the chain, end-entity certificate first; not empty
 */
public record X509Credentials(PrivateKey privateKey, List<X509Certificate> chain) implements DtlsCredentials {

    public X509Credentials {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("X.509 credentials need at least the end-entity certificate");
        }
    }

    @Override
    public SecurityMode securityMode() {
        return SecurityMode.CERTIFICATE;
    }

    /** The end-entity certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    @Override
    public String toString() {
        return "X509Credentials[" + certificate().getSubjectX500Principal().getName() + ", chain of " + chain.size()
                + "]";
    }
}
