/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import io.bootgate.api.model.SecurityMode;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The credentials an endpoint authenticates itself with. Only the two public-key modes exist.
 */
public sealed interface DtlsCredentials permits RpkCredentials, X509Credentials {

    /** The LwM2M Security Mode these credentials stand for. */
    SecurityMode securityMode();

    PrivateKey privateKey();

    /** The public key presented to the peer (for X.509, the end-entity certificate's key). */
    PublicKey publicKey();
}
