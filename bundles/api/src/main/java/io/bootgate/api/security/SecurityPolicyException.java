/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.api.security;

import java.security.GeneralSecurityException;

/**
 * A configuration that the Bootstrap-interface security policy refuses; the message names the offending
 * URI, Security Mode, cipher suite or key so that an operator can fix it.
 */
public class SecurityPolicyException extends GeneralSecurityException {

    private static final long serialVersionUID = 1L;

    public SecurityPolicyException(String message) {
        super(message);
    }
}
