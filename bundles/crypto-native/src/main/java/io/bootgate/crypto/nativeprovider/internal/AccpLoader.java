/*
 * Copyright 2026 The Bootgate Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.bootgate.crypto.nativeprovider.internal;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/** Loads the Amazon Corretto Crypto Provider; its static initialiser extracts and loads the native library. */
final class AccpLoader {

    private AccpLoader() {}

    static NativeProviderInstaller.Loaded load() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable failure = accp.getLoadingError();
        if (failure != null) {
            return new NativeProviderInstaller.Loaded(null, failure);
        }
        try {
            accp.assertHealthy();
        } catch (RuntimeException e) {
            return new NativeProviderInstaller.Loaded(null, e);
        }
        return new NativeProviderInstaller.Loaded(accp, null);
    }
}
