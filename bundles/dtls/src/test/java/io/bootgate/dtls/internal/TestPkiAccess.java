/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

import java.security.cert.X509Certificate;
import java.util.List;

/** Gives tests outside this package a certificate chain from {@link TestPki}. */
public final class TestPkiAccess {

    private final List<X509Certificate> chain;

    public TestPkiAccess() {
        TestPki.Authority root = TestPki.root("Access Root");
        this.chain = root.intermediate("Access CA")
                .server(List.of("bs.bootgate.test"), List.of())
                .chain();
    }

    /** A server certificate and its intermediate CA. */
    public List<X509Certificate> chain() {
        return chain;
    }
}
