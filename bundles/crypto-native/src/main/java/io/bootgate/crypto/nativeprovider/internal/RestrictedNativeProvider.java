/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.crypto.nativeprovider.internal;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * A JCA provider offering only the P-256 work of a DTLS RPK handshake (EC signatures, EC key pairs and factories,
 * ECDH) and delegating each service to the native provider's own implementation.
 *
 * <p>Why restricted: installing the whole Amazon Corretto Crypto Provider also replaces HMAC, AES and the key
 * derivation Scandium uses, and Scandium's handshakes then failed ("secret destroyed!"). The EC services alone
 * carry the cost of a handshake (sign, verify, ECDHE) and were measured to work.
 */
final class RestrictedNativeProvider extends Provider {

    private static final long serialVersionUID = 1L;

    /** The name {@code Security.getProviders()} and {@code Signature.getProvider()} report. */
    static final String NAME = "BootgateNativeEC";

    /** Type and algorithm of every service delegated to the native provider, when that provider offers it. */
    static final List<Map.Entry<String, String>> SERVICES = List.of(
            Map.entry("Signature", "SHA256withECDSA"),
            Map.entry("Signature", "SHA384withECDSA"),
            Map.entry("Signature", "NONEwithECDSA"),
            Map.entry("KeyPairGenerator", "EC"),
            Map.entry("KeyAgreement", "ECDH"),
            Map.entry("KeyFactory", "EC"));

    RestrictedNativeProvider(Provider nativeProvider) {
        super(NAME, "1.0", "EC signatures, EC keys and ECDH from " + nativeProvider.getName() + " (native)");
        for (Map.Entry<String, String> service : SERVICES) {
            Provider.Service delegate = nativeProvider.getService(service.getKey(), service.getValue());
            if (delegate != null) {
                putService(new Delegating(this, delegate));
            }
        }
    }

    /** Creates the native provider's implementation; the service itself belongs to the restricted provider. */
    private static final class Delegating extends Provider.Service {
        private final Provider.Service delegate;

        Delegating(Provider owner, Provider.Service delegate) {
            super(owner, delegate.getType(), delegate.getAlgorithm(), delegate.getClassName(), List.of(), Map.of());
            this.delegate = delegate;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return delegate.newInstance(constructorParameter);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return delegate.supportsParameter(parameter);
        }
    }
}
