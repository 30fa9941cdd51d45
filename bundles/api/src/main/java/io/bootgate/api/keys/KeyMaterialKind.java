/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.keys;

/** What a PEM block or a DER value holds, as far as an LwM2M resource or a credential is concerned. */
public enum KeyMaterialKind {
    /** A private key: PEM {@code PRIVATE KEY} (PKCS#8) or {@code EC PRIVATE KEY} (SEC1); DER PKCS#8. */
    PRIVATE_KEY,
    /** A public key: PEM {@code PUBLIC KEY}; DER SubjectPublicKeyInfo. */
    PUBLIC_KEY,
    /** An X.509 certificate: PEM {@code CERTIFICATE}; DER certificate. */
    CERTIFICATE
}
