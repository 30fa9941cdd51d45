/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.dtls.internal;

/**
 * How an endpoint names itself in log lines. A server's name changes once, when it is bound and its real
 * port (for port 0) is known; the verifier, identity provider and deliverer share this object so that
 * their lines agree.
 */
final class EndpointLabel {

    private volatile String text;

    EndpointLabel(String text) {
        this.text = text;
    }

    void rename(String newText) {
        this.text = newText;
    }

    @Override
    public String toString() {
        return text;
    }
}
